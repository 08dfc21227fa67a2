/**
 * Escalation of work that is past its due date.
 *
 * A task is due by the end of its due date at the site; from the next day it is
 * overdue. Its owner (or the service desk) is told at once, the service manager
 * once it has been overdue a whole day, the head of service after three whole
 * days. Each step is raised once; the caller passes back what was raised, so this
 * is safe to run from a periodic job.
 */
import { addDays, daysBetween } from '../../equipment/domain/calendar-dates.js';
import type { EscalationLevel } from '../../sla/domain/escalation.js';

export const OVERDUE_TRIGGER = 'overdue';
export const DUE_DATE_TARGET = 'due_date';

/** Whole days a task has been overdue before each level is called in. */
export const OVERDUE_CHAIN: readonly { level: EscalationLevel; afterFullDays: number }[] = Object.freeze([
  { level: 'owner', afterFullDays: 0 },
  { level: 'service_manager', afterFullDays: 1 },
  { level: 'head_of_service', afterFullDays: 3 },
]);

/** Task statuses in which nothing more is expected of the task. */
const FINISHED = new Set(['done', 'cancelled']);

export interface OverdueFacts {
  name: string;
  status: string;
  /** Local date at the site, 'YYYY-MM-DD'. */
  dueDate: string | null;
  serialNumber: string | null;
}

export interface OverdueStep {
  level: EscalationLevel;
  trigger: typeof OVERDUE_TRIGGER;
  target: typeof DUE_DATE_TARGET;
  reason: string;
}

/**
 * Days after the due date on which each step falls due at the site (the day after
 * the due date, plus the whole days of the chain), for finding the tasks with a
 * step due without reading the rest.
 */
export function overdueStepOffsets(): { level: EscalationLevel; daysAfterDueDate: number }[] {
  return OVERDUE_CHAIN.map((step) => ({ level: step.level, daysAfterDueDate: 1 + step.afterFullDays }));
}

/** Whole days since the task became overdue (0 on the day after its due date), or null when not overdue. */
export function fullDaysOverdue(dueDate: string, today: string): number | null {
  const overdueSince = addDays(dueDate, 1);
  return today < overdueSince ? null : daysBetween(overdueSince, today);
}

/**
 * The overdue steps to raise for a task on `today` (its site's local date), in
 * chain order. A check that first runs days late raises the earlier steps too,
 * so the history never skips a level.
 */
export function overdueEscalationsDue(task: OverdueFacts, today: string, alreadyRaised: readonly EscalationLevel[]): OverdueStep[] {
  if (!task.dueDate || FINISHED.has(task.status)) return [];
  const days = fullDaysOverdue(task.dueDate, today);
  if (days === null) return [];
  const raised = new Set(alreadyRaised);
  const what = `Task '${task.name}'${task.serialNumber ? ` on ${task.serialNumber}` : ''}`;
  const since = addDays(task.dueDate, 1);
  const state = task.status.replace(/_/g, ' ');
  return OVERDUE_CHAIN.filter((step) => days >= step.afterFullDays && !raised.has(step.level)).map((step) => ({
    level: step.level,
    trigger: OVERDUE_TRIGGER,
    target: DUE_DATE_TARGET,
    reason:
      days === 0
        ? `${what} was due ${task.dueDate} and is still ${state}`
        : `${what} was due ${task.dueDate} and is still ${state}: overdue ${days} ${days === 1 ? 'day' : 'days'} since ${since}`,
  }));
}
