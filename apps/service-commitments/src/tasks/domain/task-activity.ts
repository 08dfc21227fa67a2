/**
 * A task's activity: who did what to it by hand, and when (owner given or taken
 * away, put on hold and why, released, started, signed off, called off by the
 * customer). Entries are worked out from the task before and after the action.
 */
export type TaskActivityAction =
  | 'owner_assigned'
  | 'owner_changed'
  | 'owner_cleared'
  | 'held'
  | 'released'
  | 'started'
  | 'completed'
  | 'called_off'
  | 'status_changed';

/** What of a task its activity follows. */
export interface TaskState {
  status: string;
  owner: string | null;
  holdReason: string | null;
  holdNote: string | null;
}

export interface TaskActivityEntry {
  action: TaskActivityAction;
  /** The owner or status before (null: nobody, or not set). */
  from: string | null;
  /** The owner or status after. */
  to: string | null;
  note: string | null;
}

export function taskStateOf(task: TaskState): TaskState {
  return { status: task.status, owner: task.owner, holdReason: task.holdReason, holdNote: task.holdNote };
}

/**
 * The entries one action made: an owner change and a status change each make one;
 * an action that changed nothing (the same owner again) makes none. `statusAction`
 * names a status change when the action says more than the statuses do (a call-off).
 */
export function activitiesBetween(before: TaskState, after: TaskState, statusAction?: TaskActivityAction, note: string | null = null): TaskActivityEntry[] {
  const entries: TaskActivityEntry[] = [];
  if (before.owner !== after.owner) {
    const action: TaskActivityAction = before.owner === null ? 'owner_assigned' : after.owner === null ? 'owner_cleared' : 'owner_changed';
    entries.push({ action, from: before.owner, to: after.owner, note: null });
  }
  if (before.status !== after.status) {
    const action = statusAction ?? statusActionOf(before.status, after.status);
    const holdNote = action === 'held' ? [after.holdReason, after.holdNote].filter(Boolean).join(': ') || null : null;
    entries.push({ action, from: before.status, to: after.status, note: note ?? holdNote });
  }
  return entries;
}

function statusActionOf(before: string, after: string): TaskActivityAction {
  if (after === 'on_hold') return 'held';
  if (before === 'on_hold') return 'released';
  if (after === 'in_progress') return 'started';
  if (after === 'done') return 'completed';
  return 'status_changed';
}
