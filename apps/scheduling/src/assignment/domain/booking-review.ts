import type { PlacementPolicy, Segment, TaskToPlace } from './model.js';
import { taskWindow } from './placement.js';
import { MINUTE_MS, toIso } from './zoned-time.js';

export interface BookedVisit {
  engineerIds: readonly string[];
  segments: readonly Segment[];
}

/**
 * What about a task's change makes its booked visit wrong; empty when the visit
 * still does. Only the task's own window counts: a visit is never moved because
 * time passed, and a later due date alone moves nothing.
 */
export function bookingNoLongerFits(task: TaskToPlace, previous: TaskToPlace | null, visit: BookedVisit, policy: PlacementPolicy): string[] {
  const window = taskWindow(task, policy, 0);
  const why: string[] = [];
  const start = visit.segments[0].start;
  const end = visit.segments[visit.segments.length - 1].end;
  if (start < window.notBefore) why.push(`the visit starts before ${toIso(window.notBefore)}`);
  if (window.dueBy !== null && end > window.dueBy && (previous === null || dueOf(previous, policy) === null || end <= dueOf(previous, policy)!)) {
    why.push(`the visit ends after the new due time ${toIso(window.dueBy)}`);
  }
  const booked = Math.round(visit.segments.reduce((sum, s) => sum + s.end - s.start, 0) / MINUTE_MS);
  if (booked !== task.workMinutes) why.push(`${task.workMinutes / 60} h of work now, ${booked / 60} h booked`);
  if (visit.engineerIds.length < task.engineers) why.push(`${task.engineers} engineers now, ${visit.engineerIds.length} booked`);
  if (previous) {
    if (previous.siteRegion !== task.siteRegion) why.push(`the site is now in region ${task.siteRegion}`);
    const skills = (t: TaskToPlace) => [...t.requiredSkills].sort().join(',');
    if (skills(previous) !== skills(task)) why.push(`required skills are now ${task.requiredSkills.join(', ')}`);
  }
  return why;
}

function dueOf(task: TaskToPlace, policy: PlacementPolicy): number | null {
  return taskWindow(task, policy, 0).dueBy;
}

/**
 * Why the booked visit of a task just done has begun, or null when it is still
 * ahead and can be called off (the task was done without it: the fault fixed
 * remotely, the task completed by hand). Scheduling sees no field work, so it
 * goes by two signs, and either keeps the visit:
 * - the task was in progress before it was done: service-commitments starts a
 *   task when field-execution reports its visit started, also when the engineer
 *   began before the booked time;
 * - the first segment has begun by the clock: the engineer may be on site with
 *   the start not reported yet.
 * A visit that began is left to field-execution, which completes it.
 *
 * A visit over several days whose first day has begun is under way as a whole:
 * it is kept, later days too. Scheduling cannot shorten a booking; each way it
 * calls a visit off (task cancelled or on hold, unassigned, declined) ends the
 * whole booking and frees all its time, days already passed included, and doing
 * that here would free the later days of an engineer who may still be finishing
 * the work. A dispatcher who knows the rest is not needed unassigns it.
 *
 * Travel to the site is not the visit: until the first segment begins, calling
 * it off still turns the engineer back.
 */
export function visitAlreadyBegun(visit: BookedVisit, statusBeforeDone: string | null, now: number): string | null {
  if (statusBeforeDone === 'in_progress') return 'the task was in progress before it was done';
  // A repeat of the done event: the first one decided, and the clock moved on since.
  if (statusBeforeDone === 'done') return 'the task was already done';
  const start = visit.segments[0].start;
  if (now >= start) return `the visit began at ${toIso(start)}`;
  return null;
}
