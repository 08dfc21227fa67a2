import type { CommitmentStatus } from '../../projects/domain/commitment-status.js';
import { TaskTransitionError } from './task-transitions.js';

/** Longest owner accepted: a user name or an e-mail address (254 characters at most). */
export const OWNER_MAX_LENGTH = 254;

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Why this is not an owner to give a task (null when it is); null itself, "nobody", is decided by the caller. */
export function ownerProblem(value: unknown): string | null {
  if (value === undefined) return 'owner is required: a user name, or null to leave the task without an owner';
  if (typeof value !== 'string') return 'owner must be a user name (text), or null to leave the task without an owner';
  if (value.trim().length === 0) return 'owner must not be empty; send null to leave the task without an owner';
  if (value.length > OWNER_MAX_LENGTH) return `owner must be at most ${OWNER_MAX_LENGTH} characters (it has ${value.length})`;
  if (CONTROL_CHARACTER.test(value)) return 'owner must not contain line breaks or other control characters';
  return null;
}

/** Done and cancelled work keeps the owner it closed with: reports count it under them. */
const CLOSED: readonly CommitmentStatus[] = ['done', 'cancelled'];

/**
 * Whether giving the task this owner (null: nobody) changes anything. Open work
 * (promised, ready, scheduled, in progress, on hold) may be assigned, reassigned
 * or left without an owner; closed work is refused.
 */
export function ownerChanges(task: { status: CommitmentStatus; owner: string | null }, owner: string | null): boolean {
  if (CLOSED.includes(task.status)) throw new TaskTransitionError('assign', task.status);
  return task.owner !== owner;
}
