import { UNBOOKED_STATUSES } from '../reports/domain/figures.js';
import type { Row, TableName } from './batch-state.js';

/**
 * What one fact row adds to the aggregates. A batch subtracts each changed
 * row's contribution as loaded and adds its contribution as left, so
 * corrections, reversals and cancellations take their share back out whatever
 * the order of arrival. Hours travel in hundredths (integers: adding and
 * subtracting never drifts).
 */
export interface AggregateSpec {
  keys: { column: string; type: 'text' | 'date' }[];
  /** scale 100: hundredths of the stored value (hours); 1: whole numbers. */
  values: { column: string; scale: 1 | 100 }[];
}

export const AGGREGATES = {
  engineer_day: {
    keys: [{ column: 'engineer_id', type: 'text' }, { column: 'work_date', type: 'date' }],
    values: [
      { column: 'billable_hours', scale: 100 },
      { column: 'non_billable_hours', scale: 100 },
      { column: 'covered_hours', scale: 100 },
      { column: 'scheduled_hours', scale: 100 },
    ],
  },
  engineer_month: {
    keys: [{ column: 'engineer_id', type: 'text' }, { column: 'month', type: 'date' }],
    values: [
      { column: 'available_minutes', scale: 1 },
      { column: 'billable_hours', scale: 100 },
      { column: 'non_billable_hours', scale: 100 },
      { column: 'covered_hours', scale: 100 },
      { column: 'scheduled_hours', scale: 100 },
    ],
  },
  customer_month: {
    keys: [{ column: 'customer_id', type: 'text' }, { column: 'month', type: 'date' }],
    values: [
      { column: 'billable_hours', scale: 100 },
      { column: 'non_billable_hours', scale: 100 },
      { column: 'visits_completed', scale: 1 },
    ],
  },
  commitment_tasks: {
    keys: [{ column: 'commitment_id', type: 'text' }],
    values: [
      { column: 'tasks', scale: 1 },
      { column: 'open_tasks', scale: 1 },
    ],
  },
  task_visits: {
    keys: [{ column: 'task_id', type: 'text' }],
    values: [
      { column: 'completed_visits', scale: 1 },
      { column: 'successful_visits', scale: 1 },
    ],
  },
  customer_region_tasks: {
    keys: [{ column: 'customer_id', type: 'text' }, { column: 'region', type: 'text' }],
    values: [
      { column: 'tasks', scale: 1 },
      { column: 'open_tasks', scale: 1 },
      { column: 'done_tasks', scale: 1 },
      { column: 'pending_commitments', scale: 1 },
    ],
  },
  customer_tasks: {
    keys: [{ column: 'customer_id', type: 'text' }],
    values: [
      { column: 'tasks', scale: 1 },
      { column: 'open_tasks', scale: 1 },
      { column: 'done_tasks', scale: 1 },
      { column: 'dated_open_tasks', scale: 1 },
      { column: 'pending_commitments', scale: 1 },
    ],
  },
  owner_tasks: {
    keys: [{ column: 'owner', type: 'text' }],
    values: [
      { column: 'tasks', scale: 1 },
      { column: 'open_tasks', scale: 1 },
      { column: 'done_tasks', scale: 1 },
      { column: 'dated_open_tasks', scale: 1 },
    ],
  },
  owner_due_day: {
    keys: [{ column: 'owner', type: 'text' }, { column: 'due_date', type: 'date' }],
    values: [
      { column: 'open_tasks', scale: 1 },
      { column: 'unbooked_tasks', scale: 1 },
    ],
  },
  task_due_day: {
    keys: [{ column: 'customer_id', type: 'text' }, { column: 'region', type: 'text' }, { column: 'due_date', type: 'date' }],
    values: [
      { column: 'open_tasks', scale: 1 },
      { column: 'unbooked_tasks', scale: 1 },
    ],
  },
  work_month: {
    keys: [{ column: 'month', type: 'date' }],
    values: [
      { column: 'visits_completed', scale: 1 },
      { column: 'tasks_done', scale: 1 },
    ],
  },
} as const satisfies Record<string, AggregateSpec>;

export type AggregateName = keyof typeof AGGREGATES;

export interface Contribution {
  aggregate: AggregateName;
  key: string[];
  /** Column → amount in the column's scale (hundredths of hours, whole counts). */
  values: Record<string, number>;
}

export function hundredths(decimal: unknown): number {
  return Math.round(Number(decimal) * 100);
}

export const monthOf = (date: string) => `${date.slice(0, 7)}-01`;

/** Hours on an engineer's day and month (and, for time, the customer's day). */
function engineerHours(engineerId: string, workDate: string, values: Record<string, number>): Contribution[] {
  return [
    { aggregate: 'engineer_day', key: [engineerId, workDate], values },
    { aggregate: 'engineer_month', key: [engineerId, monthOf(workDate)], values },
  ];
}

/** An approved, not superseded time entry: billable or not, on its engineer's day and month and its customer's month. */
export function timeEntryContribution(row: Row | undefined): Contribution[] {
  if (!row || row.known !== true || row.superseded_by !== null || !row.engineer_id || !row.work_date) return [];
  const h = hundredths(row.hours);
  const values: Record<string, number> = row.billable === true ? { billable_hours: h } : { non_billable_hours: h };
  const out = engineerHours(String(row.engineer_id), String(row.work_date), values);
  if (row.customer_id) out.push({ aggregate: 'customer_month', key: [String(row.customer_id), monthOf(String(row.work_date))], values });
  return out;
}

/** A live time line covered by warranty or AMC: its hours are "covered" on the engineer's day. */
export function billingLineContribution(row: Row | undefined): Contribution[] {
  if (!row || row.source_kind !== 'time' || row.coverage === 'none' || row.state === 'reversed' || !row.engineer_id) return [];
  return engineerHours(String(row.engineer_id), String(row.work_date), { covered_hours: hundredths(row.quantity) });
}

/**
 * A visit: while booked (proposed or confirmed), each segment's hours, split at
 * UTC midnight, for every engineer of the crew; once completed, one visit in
 * the customer's month and on its task (successful when the outcome is completed).
 */
export function visitContribution(row: Row | undefined): Contribution[] {
  if (!row) return [];
  const out: Contribution[] = [];
  if (row.booking_status === 'proposed' || row.booking_status === 'confirmed') {
    const engineers = (row.engineer_ids as string[] | null) ?? [];
    const segments = (row.segments as { start: string; end: string }[] | null) ?? [];
    for (const segment of segments) {
      for (const [day, ms] of splitByUtcDay(Date.parse(segment.start), Date.parse(segment.end))) {
        for (const engineerId of engineers) out.push(...engineerHours(engineerId, day, { scheduled_hours: Math.round(ms / 36_000) }));
      }
    }
  }
  if (row.completed_at) {
    const day = new Date(String(row.completed_at)).toISOString().slice(0, 10);
    out.push({ aggregate: 'customer_month', key: [String(row.customer_id), monthOf(day)], values: { visits_completed: 1 } });
    out.push({ aggregate: 'work_month', key: [monthOf(day)], values: { visits_completed: 1 } });
    out.push({ aggregate: 'task_visits', key: [String(row.task_id)], values: { completed_visits: 1, successful_visits: row.outcome === 'completed' ? 1 : 0 } });
  }
  return out;
}

const utcDay = (instant: unknown) => new Date(String(instant)).toISOString().slice(0, 10);

/** The due day of a task: its dueDate, or the UTC day of its dueAt. */
export function taskDueDay(row: Row): string | null {
  if (row.due_date) return String(row.due_date).slice(0, 10);
  if (row.due_at) return utcDay(row.due_at);
  return null;
}

/**
 * A task: one task, open unless done or cancelled, of its commitment; on its customer and region, on its customer
 * and on its owner (open or done; open with a due day); when open, on its due day (per customer and region, and per
 * owner) (unbooked while promised, ready or on hold); when done, in the month it was completed.
 */
export function taskContribution(row: Row | undefined): Contribution[] {
  if (!row) return [];
  const isOpen = row.status !== 'done' && row.status !== 'cancelled';
  const open = isOpen ? 1 : 0;
  const done = row.status === 'done' ? 1 : 0;
  const out: Contribution[] = [];
  if (row.commitment_id) out.push({ aggregate: 'commitment_tasks', key: [String(row.commitment_id)], values: { tasks: 1, open_tasks: open } });
  const customer = String(row.customer_id ?? '');
  const region = row.region === null || row.region === undefined ? '' : String(row.region);
  out.push({ aggregate: 'customer_region_tasks', key: [customer, region], values: { tasks: 1, open_tasks: open, done_tasks: done } });
  const due = isOpen ? taskDueDay(row) : null;
  out.push({ aggregate: 'customer_tasks', key: [customer], values: { tasks: 1, open_tasks: open, done_tasks: done, dated_open_tasks: due ? 1 : 0 } });
  const owner = row.owner === null || row.owner === undefined ? '' : String(row.owner);
  out.push({ aggregate: 'owner_tasks', key: [owner], values: { tasks: 1, open_tasks: open, done_tasks: done, dated_open_tasks: due ? 1 : 0 } });
  if (due) {
    const unbooked = (UNBOOKED_STATUSES as readonly string[]).includes(String(row.status)) ? 1 : 0;
    out.push({ aggregate: 'task_due_day', key: [customer, region, due], values: { open_tasks: 1, unbooked_tasks: unbooked } });
    out.push({ aggregate: 'owner_due_day', key: [owner, due], values: { open_tasks: 1, unbooked_tasks: unbooked } });
  }
  if (done && row.completed_at) out.push({ aggregate: 'work_month', key: [monthOf(utcDay(row.completed_at))], values: { tasks_done: 1 } });
  return out;
}

export const CONTRIBUTIONS: Partial<Record<TableName, (row: Row | undefined) => Contribution[]>> = {
  time_entry: timeEntryContribution,
  billing_line: billingLineContribution,
  visit: visitContribution,
  task: taskContribution,
};

const DAY_MS = 86_400_000;

/** [UTC date, milliseconds] of an interval, per day it touches. */
export function splitByUtcDay(start: number, end: number): [string, number][] {
  const out: [string, number][] = [];
  let from = start;
  while (from < end) {
    const midnight = Math.floor(from / DAY_MS) * DAY_MS + DAY_MS;
    const to = Math.min(end, midnight);
    out.push([new Date(from).toISOString().slice(0, 10), to - from]);
    from = to;
  }
  return out;
}

/** Adds contributions up per aggregate and key; `sign` −1 takes them back out. */
export class ContributionSums {
  private readonly sums = new Map<AggregateName, Map<string, { key: string[]; values: Record<string, number> }>>();

  add(items: Contribution[], sign: 1 | -1): void {
    for (const item of items) {
      let byKey = this.sums.get(item.aggregate);
      if (!byKey) this.sums.set(item.aggregate, (byKey = new Map()));
      const k = item.key.join('\u0000');
      let sum = byKey.get(k);
      if (!sum) byKey.set(k, (sum = { key: item.key, values: {} }));
      for (const [column, amount] of Object.entries(item.values)) sum.values[column] = (sum.values[column] ?? 0) + sign * amount;
    }
  }

  /** Per aggregate, the non-zero changes in key order (a stable lock order between transactions). */
  changes(): [AggregateName, { key: string[]; values: Record<string, number> }[]][] {
    return [...this.sums].map(([aggregate, byKey]) => [
      aggregate,
      [...byKey]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, v]) => v)
        .filter((v) => Object.values(v.values).some((x) => x !== 0)),
    ]);
  }
}
