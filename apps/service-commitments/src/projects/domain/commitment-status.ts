export const COMMITMENT_STATUSES = ['promised', 'ready', 'scheduled', 'in_progress', 'done', 'on_hold', 'cancelled'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

/** Work on these has started or finished: a cancellation keeps it and flags it for review. */
const STARTED: ReadonlySet<CommitmentStatus> = new Set(['in_progress', 'done']);

export function isStarted(status: CommitmentStatus): boolean {
  return STARTED.has(status);
}

export interface CancellableCommitment {
  id: string;
  orderLineId: string;
  status: CommitmentStatus;
}

export interface CancellationPlan {
  cancel: string[];
  review: { id: string; reason: string }[];
  /** Line ids named by the ERP that this order does not have. */
  unknownLines: string[];
}

/**
 * The contract's cancellation rule: unstarted commitments are cancelled; work in
 * progress or done is kept and goes to review; `lineIds` absent means the whole order.
 */
export function planCancellation(
  commitments: CancellableCommitment[],
  orderLineIds: string[],
  lineIds: string[] | undefined,
  reason: string,
): CancellationPlan {
  const targeted = lineIds ? new Set(lineIds) : null;
  const plan: CancellationPlan = {
    cancel: [],
    review: [],
    unknownLines: lineIds ? lineIds.filter((id) => !orderLineIds.includes(id)) : [],
  };
  for (const commitment of commitments) {
    if (targeted && !targeted.has(commitment.orderLineId)) continue;
    if (commitment.status === 'cancelled') continue;
    if (isStarted(commitment.status)) {
      plan.review.push({
        id: commitment.id,
        reason: `Order cancelled (${reason}) but work is ${commitment.status.replace('_', ' ')}: finish or settle it`,
      });
    } else {
      plan.cancel.push(commitment.id);
    }
  }
  return plan;
}
