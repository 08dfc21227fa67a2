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
