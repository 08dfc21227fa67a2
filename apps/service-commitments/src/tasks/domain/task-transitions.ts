import type { CommitmentStatus } from '../../projects/domain/commitment-status.js';

export type TaskAction = 'ready' | 'schedule' | 'start' | 'complete' | 'hold' | 'release' | 'cancel' | 'unschedule';

export const HOLD_REASONS = ['site_readiness', 'customer_confirmation', 'parts', 'other'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

/** Which status each action may start from, and where it leads. */
const TRANSITIONS: Record<TaskAction, { from: CommitmentStatus[]; to: CommitmentStatus | null }> = {
  ready: { from: ['promised'], to: 'ready' },
  schedule: { from: ['ready', 'scheduled'], to: 'scheduled' },
  unschedule: { from: ['scheduled'], to: 'ready' },
  start: { from: ['ready', 'scheduled'], to: 'in_progress' },
  complete: { from: ['ready', 'scheduled', 'in_progress'], to: 'done' },
  hold: { from: ['promised', 'ready', 'scheduled'], to: 'on_hold' },
  // back to where it was, decided by the caller
  release: { from: ['on_hold'], to: null },
  cancel: { from: ['promised', 'ready', 'scheduled', 'on_hold'], to: 'cancelled' },
};

/** What may be refused for a task's status: its status changes, and giving it another owner. */
export type RefusedAction = TaskAction | 'assign';

export class TaskTransitionError extends Error {
  constructor(readonly action: RefusedAction, readonly status: CommitmentStatus) {
    super(`A task that is ${status.replace('_', ' ')} cannot be ${PAST[action]}`);
    this.name = 'TaskTransitionError';
  }
}

const PAST: Record<RefusedAction, string> = {
  ready: 'made ready',
  schedule: 'scheduled',
  unschedule: 'unscheduled',
  start: 'started',
  complete: 'completed',
  hold: 'put on hold',
  release: 'released from hold',
  cancel: 'cancelled',
  assign: 'given another owner',
};

export function nextStatus(action: TaskAction, current: CommitmentStatus, statusBeforeHold?: CommitmentStatus | null): CommitmentStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(current)) throw new TaskTransitionError(action, current);
  return rule.to ?? statusBeforeHold ?? 'ready';
}

/**
 * A commitment's status follows its tasks: the furthest-along work wins, hold
 * shows while nothing is running, and it is done when every task is done or cancelled.
 */
export function commitmentStatusOf(taskStatuses: CommitmentStatus[]): CommitmentStatus {
  if (taskStatuses.length === 0) return 'promised';
  const live = taskStatuses.filter((s) => s !== 'cancelled');
  if (live.length === 0) return 'cancelled';
  if (live.every((s) => s === 'done')) return 'done';
  for (const status of ['in_progress', 'on_hold', 'scheduled', 'ready'] as const) {
    if (live.includes(status)) return status === 'ready' && live.includes('done') ? 'in_progress' : status;
  }
  return live.includes('done') ? 'in_progress' : 'promised';
}
