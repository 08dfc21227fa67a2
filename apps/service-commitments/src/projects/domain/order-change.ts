import { isStarted, type CommitmentStatus } from './commitment-status.js';

export interface LiveUnit {
  id: string;
  orderLineId: string;
  unitIndex: number;
  status: CommitmentStatus;
}

export interface LineChange {
  orderLineId: string;
  /** Units to add, with the unit indexes they get. */
  add: number[];
  /** Unstarted units to cancel. */
  cancel: string[];
  /** Started units the change would remove: kept, for a person to settle. */
  review: { id: string; reason: string }[];
}

/**
 * The contract's change rule, per service line: added units become
 * commitments; removed or reduced ones cancel unstarted commitments, newest
 * unit first; started or done work is kept and flagged for review.
 */
export function planLineChanges(
  units: LiveUnit[],
  targetQuantities: ReadonlyMap<string, number>,
  highestIndex: ReadonlyMap<string, number>,
): LineChange[] {
  const lines = new Set([...units.map((u) => u.orderLineId), ...targetQuantities.keys()]);
  const changes: LineChange[] = [];
  for (const orderLineId of lines) {
    const live = units.filter((u) => u.orderLineId === orderLineId && u.status !== 'cancelled').sort((a, b) => a.unitIndex - b.unitIndex);
    const target = targetQuantities.get(orderLineId) ?? 0;
    const change: LineChange = { orderLineId, add: [], cancel: [], review: [] };
    if (target > live.length) {
      const from = highestIndex.get(orderLineId) ?? 0;
      change.add = Array.from({ length: target - live.length }, (_, i) => from + i + 1);
    } else if (target < live.length) {
      let surplus = live.length - target;
      const unstarted = live.filter((u) => !isStarted(u.status)).reverse();
      for (const unit of unstarted) {
        if (surplus === 0) break;
        change.cancel.push(unit.id);
        surplus--;
      }
      if (surplus > 0) {
        for (const unit of live.filter((u) => isStarted(u.status)).reverse().slice(0, surplus)) {
          change.review.push({
            id: unit.id,
            reason: `The order now has ${target} unit(s) on line ${orderLineId}, but unit ${unit.unitIndex} is already ${unit.status.replace('_', ' ')}`,
          });
        }
      }
    }
    if (change.add.length || change.cancel.length || change.review.length) changes.push(change);
  }
  return changes;
}
