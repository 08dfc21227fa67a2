/**
 * Parking keys of parts issues whose visit, task or project field-execution does
 * not know yet (`erp.parts.issued.v1` names them in `reference`). Whoever creates
 * the visit or learns of the task releases the events parked under its keys.
 */
export type ParkedReference = 'visit' | 'task' | 'project';

export function parkingKey(kind: ParkedReference, id: string): string {
  return `${kind}:${id.toLowerCase()}`;
}

/**
 * One lock beside the parking keys, for parts issued against a task not ready yet. A project's
 * announcement lists its tasks but does not lock their keys (a fetch of projects would hold
 * thousands of locks), so an issue parked in the very moment its project was announced was missed
 * by both: the issue looked for the project before the copy committed, the copy's writer looked
 * for parked issues before the park committed.
 *
 * Whoever writes project copies or releases task keys takes this lock shared (writers on several
 * partitions do not wait for one another); a parts issue against a task or project takes it
 * exclusively before its own key, unless it is being released from parking (its releaser knows
 * the task, and may hold the lock shared). So one waits for the other's commit, and in READ
 * COMMITTED sees its rows in its next statement: the issue finds the project that lists its task,
 * or the writer finds the issue parked and releases it.
 *
 * Lock order: this, then parking keys. Hence also issues against a project (one before an issue
 * against a task in the same transaction would otherwise hold a project key while waiting here)
 * and the release of a new task's keys (a task's and a project's event can share a transaction).
 */
export const UNKNOWN_TASK_LOCK = 'unknown-task';
