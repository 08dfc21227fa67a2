/**
 * Parking keys of parts issues whose visit, task or project field-execution does
 * not know yet (`erp.parts.issued.v1` names them in `reference`). Whoever creates
 * the visit or learns of the task releases the events parked under its keys.
 */
export type ParkedReference = 'visit' | 'task' | 'project';

export function parkingKey(kind: ParkedReference, id: string): string {
  return `${kind}:${id.toLowerCase()}`;
}
