import type { ServiceTemplate } from '../../catalogue/domain/service-template.js';
import type { CommitmentStatus } from './commitment-status.js';

/**
 * Where a new commitment starts: work that starts on the order is ready now;
 * work that waits for dispatch, or for the customer to call it off, is promised.
 */
export function initialStatus(template: ServiceTemplate): CommitmentStatus {
  return template.startsOn === 'order' && template.tasks.every((t) => t.after.length === 0) ? 'ready' : 'promised';
}

/** Due date of a task that is ready from `readyOn` (YYYY-MM-DD): the template's allowance later. */
export function dueDateFrom(readyOn: string, template: ServiceTemplate): string {
  const date = new Date(`${readyOn}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + template.dueWithinDays);
  return date.toISOString().slice(0, 10);
}
