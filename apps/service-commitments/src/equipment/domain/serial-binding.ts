/**
 * "Service unit i of a line with forLineId belongs to the i-th serial number
 * dispatched for that machine line" (the ERP contract).
 */
export interface BindableCommitment {
  id: string;
  forLineId: string | null;
  orderLineId: string;
  unitIndex: number;
  serialNumber: string | null;
}

export function bindSerials(
  commitments: BindableCommitment[],
  serialsByMachineLine: ReadonlyMap<string, string[]>,
): { commitmentId: string; serialNumber: string }[] {
  const bindings: { commitmentId: string; serialNumber: string }[] = [];
  for (const commitment of commitments) {
    if (commitment.serialNumber || !commitment.forLineId) continue;
    const serial = serialsByMachineLine.get(commitment.forLineId)?.[commitment.unitIndex - 1];
    if (serial) bindings.push({ commitmentId: commitment.id, serialNumber: serial });
  }
  return bindings;
}
