import type { EntityManager } from 'typeorm';
import {
  AGING_BUCKETS,
  DUE_SOON_DAYS,
  firstTimeFixPercent,
  fixed2,
  margin,
  marginPercent,
  mean,
  RENEWAL_WINDOWS,
  scheduledUtilizationPercent,
  sumOf,
  UNBOOKED_STATUSES,
  utilizationPercent,
} from './domain/figures.js';
import type { DefaultPeriod } from './domain/period.js';
import type { FilterName, Grouping, ReportFilters } from './dto/report-query.dto.js';

type Db = Pick<EntityManager, 'query'>;
type Rows = Record<string, string>[];

/** Collects bind parameters; every filter value reaches SQL as $n. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface ReportContext {
  filters: ReportFilters;
  /** The as-of day, YYYY-MM-DD. */
  asOf: string;
  groupBy: Grouping;
  /** Reports that take limit and offset: the page to read (the report reads one row more, to tell whether another page follows). */
  page?: { limit: number; offset: number };
}

export interface ReportDefinition {
  name: string;
  title: string;
  definition: string[];
  filters: FilterName[];
  groupings?: Grouping[];
  /** Reports over a period (they take from and to): the period they cover when none is asked for. */
  defaultPeriod?: DefaultPeriod;
  /** May a customer user (scoped to their own customerId) read it? */
  customerVisible: boolean;
  columns(groupBy: Grouping): string[];
  run(db: Db, context: ReportContext): Promise<Rows>;
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const PERIOD = `to_char(date_trunc('month', %s), 'YYYY-MM')`;
const monthOf = (expr: string) => PERIOD.replace('%s', expr);

/** `from`/`to` on a date expression, both inclusive. */
function period(p: Params, f: ReportFilters, dateExpr: string): string[] {
  const where: string[] = [];
  if (f.from) where.push(`${dateExpr} >= ${p.add(f.from)}::date`);
  if (f.to) where.push(`${dateExpr} <= ${p.add(f.to)}::date`);
  return where;
}

/**
 * The period on a timestamp column, by the UTC day of each instant: a range on the
 * column itself, which its index serves (a condition on the column's day reads every row).
 */
function instantsIn(p: Params, f: ReportFilters, column: string): string[] {
  const where: string[] = [];
  if (f.from) where.push(`${column} >= (${p.add(f.from)}::date)::timestamp AT TIME ZONE 'UTC'`);
  if (f.to) where.push(`${column} < (${p.add(f.to)}::date + 1)::timestamp AT TIME ZONE 'UTC'`);
  return where;
}

/** True when the period is whole months (or open), so the monthly sums answer it. */
export function wholeMonths(f: ReportFilters): boolean {
  const lastDay = (d: string) => new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)), 0)).getUTCDate() === Number(d.slice(8, 10));
  return (!f.from || f.from.endsWith('-01')) && (!f.to || lastDay(f.to));
}

/** Commitments not cancelled (nor their project) with no task yet or a task still open. */
const PENDING_COMMITMENT = `c.cancelled_at IS NULL AND pr.cancelled_at IS NULL AND (ct.tasks IS NULL OR ct.tasks = 0 OR ct.open_tasks > 0)`;

const and = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');

// ---------------------------------------------------------------- task status

const taskDue = `COALESCE(t.due_date, (t.due_at AT TIME ZONE 'UTC')::date)`;

const taskStatus: ReportDefinition = {
  name: 'task-status',
  title: 'Task status, pending commitments and service requests, SLA',
  definition: [
    'open: tasks not done and not cancelled; done: tasks done.',
    `due: open tasks whose due day (dueDate, or the UTC day of dueAt) is between asOf and asOf + ${DUE_SOON_DAYS} days.`,
    'overdue: open tasks whose due day is before asOf.',
    `at_risk: due tasks still in ${UNBOOKED_STATUSES.join(', ')} (nobody booked yet).`,
    'pending_commitments: commitments not cancelled (nor their project) with no task yet or a task neither done nor cancelled.',
    'open_service_requests: service requests raised and not resolved.',
    'sla_met / sla_breached: resolved requests that met / missed their resolution target, plus unresolved requests past their resolution due time (breached) as of asOf.',
    "owner: the task's owner in the service team (empty: nobody yet); a service request counts under the owner of its breakdown task. Commitments have no owner: grouped or filtered by owner, pending_commitments is 0.",
  ],
  filters: ['asOf', 'groupBy', 'customerId', 'region', 'projectId', 'ownerId'],
  groupings: ['customer', 'project', 'region', 'owner'],
  customerVisible: true,
  columns: (g) => [g, 'open', 'due', 'overdue', 'at_risk', 'done', 'pending_commitments', 'open_service_requests', 'sla_met', 'sla_breached'],
  async run(db, { filters: f, asOf, groupBy }) {
    // Without a project in view, tasks and pending commitments come from the sums per customer and region and
    // the open tasks per due day (the same figures; see aggregate.entities.ts).
    const fromSums =
      ((groupBy === 'customer' || groupBy === 'region') && !f.projectId && !f.ownerId) ||
      (groupBy === 'owner' && !f.projectId && !f.customerId && !f.region);
    const rows: Record<string, unknown>[] = fromSums ? await taskStatusFromSums(db, f, asOf, groupBy) : await taskStatusFromFacts(db, f, asOf, groupBy);
    return rows.map((r) => ({
      [groupBy]: str(r.k),
      open: str(r.open),
      due: str(r.due),
      overdue: str(r.overdue),
      at_risk: str(r.at_risk),
      done: str(r.done),
      pending_commitments: str(r.pending),
      open_service_requests: str(r.open_sr),
      sla_met: str(r.met),
      sla_breached: str(r.breached),
    }));
  },
};

/** Task status from the task, commitment and service request rows (any grouping and filter). */
export async function taskStatusFromFacts(db: Db, f: ReportFilters, asOf: string, groupBy: Grouping): Promise<Record<string, unknown>[]> {
  const p = new Params();
  const d = p.add(asOf);
  // A service request's owner is that of its breakdown task; commitments have none.
  const srOwner = `(SELECT bt.owner FROM task bt WHERE bt.service_request_id = s.request_id ORDER BY bt.task_id LIMIT 1)`;
  const ownerOf = (alias: string) => (alias === 't' ? 't.owner' : srOwner);
  const byOwner = groupBy === 'owner' || f.ownerId !== undefined;
  const key = (alias: string) =>
    groupBy === 'project'
      ? `COALESCE(${alias}.project_id, '')`
      : groupBy === 'region'
        ? `COALESCE(${alias}.region, '')`
        : groupBy === 'owner'
          ? `COALESCE(${ownerOf(alias)}, '')`
          : `${alias}.customer_id`;
  const common = (alias: string, projectAlias = alias) => {
    const w: string[] = [];
    if (f.customerId) w.push(`${alias}.customer_id = ${p.add(f.customerId)}`);
    if (f.region) w.push(`${projectAlias}.region = ${p.add(f.region)}`);
    if (f.projectId) w.push(`${alias}.project_id = ${p.add(f.projectId)}`);
    if (f.ownerId) w.push(`${ownerOf(alias)} = ${p.add(f.ownerId)}`);
    return w;
  };
  const open = `t.status NOT IN ('done', 'cancelled')`;
  const dueSoon = `${open} AND ${taskDue} BETWEEN ${d}::date AND ${d}::date + ${DUE_SOON_DAYS}`;
  const unbooked = UNBOOKED_STATUSES.map((s) => `'${s}'`).join(', ');
  const sql = `
    SELECT k, SUM(open)::int AS open, SUM(due)::int AS due, SUM(overdue)::int AS overdue, SUM(at_risk)::int AS at_risk, SUM(done)::int AS done,
           SUM(pending)::int AS pending, SUM(open_sr)::int AS open_sr, SUM(met)::int AS met, SUM(breached)::int AS breached
    FROM (
      SELECT ${key('t')} AS k, (${open})::int AS open, (${dueSoon})::int AS due,
             (${open} AND ${taskDue} < ${d}::date)::int AS overdue,
             (${dueSoon} AND t.status IN (${unbooked}))::int AS at_risk,
             (t.status = 'done')::int AS done, 0 AS pending, 0 AS open_sr, 0 AS met, 0 AS breached
      FROM task t ${and(common('t'))}
      ${
        byOwner
          ? ''
          : `UNION ALL
      SELECT ${key(groupBy === 'region' ? 'pr' : 'c')}, 0, 0, 0, 0, 0, 1, 0, 0, 0
      FROM commitment c LEFT JOIN project pr ON pr.project_id = c.project_id LEFT JOIN commitment_tasks ct ON ct.commitment_id = c.commitment_id
      ${and([PENDING_COMMITMENT, ...common('c', 'pr')])}`
      }
      UNION ALL
      SELECT ${key('s')}, 0, 0, 0, 0, 0, 0,
             (s.raised_at IS NOT NULL AND s.resolved_at IS NULL)::int,
             (s.resolution_met IS TRUE)::int,
             (s.resolution_met IS FALSE OR (s.resolved_at IS NULL AND s.resolution_due_at < ${d}::date))::int
      FROM service_request s ${and(common('s'))}
    ) x
    GROUP BY k ORDER BY k`;
  return db.query(sql, p.values);
}

/**
 * Task status per customer or region from the sums (and the service requests): per customer (no region filter) one
 * row of customer_tasks each, with overdue = open tasks with a due day less those due on asOf or later (so only the
 * due days from asOf on are read); per region, customer_region_tasks and the due days up to asOf + the due window.
 */
export async function taskStatusFromSums(db: Db, f: ReportFilters, asOf: string, groupBy: Grouping): Promise<Record<string, unknown>[]> {
  if (groupBy === 'customer' && !f.region) return taskStatusPerCustomer(db, f, asOf);
  if (groupBy === 'owner') return taskStatusPerOwner(db, f, asOf);
  const p = new Params();
  const d = p.add(asOf);
  const key = (alias: string) => (groupBy === 'region' ? `${alias}.region` : `${alias}.customer_id`);
  const common = (alias: string, region = `${alias}.region`) => {
    const w: string[] = [];
    if (f.customerId) w.push(`${alias}.customer_id = ${p.add(f.customerId)}`);
    if (f.region) w.push(`${region} = ${p.add(f.region)}`);
    return w;
  };
  const soon = `q.due_date BETWEEN ${d}::date AND ${d}::date + ${DUE_SOON_DAYS}`;
  return db.query(
    `SELECT k, SUM(open)::int AS open, SUM(due)::int AS due, SUM(overdue)::int AS overdue, SUM(at_risk)::int AS at_risk, SUM(done)::int AS done,
            SUM(pending)::int AS pending, SUM(open_sr)::int AS open_sr, SUM(met)::int AS met, SUM(breached)::int AS breached
     FROM (
       SELECT ${key('a')} AS k, a.open_tasks AS open, 0 AS due, 0 AS overdue, 0 AS at_risk, a.done_tasks AS done, a.pending_commitments AS pending,
              0 AS open_sr, 0 AS met, 0 AS breached
       FROM customer_region_tasks a ${and(['(a.tasks > 0 OR a.pending_commitments > 0)', ...common('a')])}
       UNION ALL
       SELECT ${key('q')}, 0, COALESCE(SUM(q.open_tasks) FILTER (WHERE ${soon}), 0), COALESCE(SUM(q.open_tasks) FILTER (WHERE q.due_date < ${d}::date), 0),
              COALESCE(SUM(q.unbooked_tasks) FILTER (WHERE ${soon}), 0), 0, 0, 0, 0, 0
       FROM task_due_day q ${and(['q.open_tasks > 0', `q.due_date <= ${d}::date + ${DUE_SOON_DAYS}`, ...common('q')])} GROUP BY 1
       UNION ALL
       SELECT ${groupBy === 'region' ? `COALESCE(s.region, '')` : 's.customer_id'}, 0, 0, 0, 0, 0, 0,
              (s.raised_at IS NOT NULL AND s.resolved_at IS NULL)::int,
              (s.resolution_met IS TRUE)::int,
              (s.resolution_met IS FALSE OR (s.resolved_at IS NULL AND s.resolution_due_at < ${d}::date))::int
       FROM service_request s ${and(common('s'))}
     ) x
     GROUP BY k ORDER BY k`,
    p.values,
  );
}

/** Service request figures per customer as of a day: open, SLA met, SLA breached. */
function serviceRequestsPerCustomer(d: string, where: string[]): string {
  return `SELECT s.customer_id, COUNT(*) FILTER (WHERE s.raised_at IS NOT NULL AND s.resolved_at IS NULL) AS open_sr,
                 COUNT(*) FILTER (WHERE s.resolution_met IS TRUE) AS met,
                 COUNT(*) FILTER (WHERE s.resolution_met IS FALSE OR (s.resolved_at IS NULL AND s.resolution_due_at < ${d}::date)) AS breached
          FROM service_request s ${and(where)} GROUP BY 1`;
}

/** Task status per customer: one row of customer_tasks per customer, the due days from asOf on, the service requests. */
async function taskStatusPerCustomer(db: Db, f: ReportFilters, asOf: string): Promise<Record<string, unknown>[]> {
  const p = new Params();
  const d = p.add(asOf);
  const customer = f.customerId ? p.add(f.customerId) : null;
  const only = (alias: string) => (customer ? [`${alias}.customer_id = ${customer}`] : []);
  return db.query(
    `SELECT customer_id AS k, COALESCE(c.open_tasks, 0) AS open, COALESCE(q.due, 0)::int AS due,
            (COALESCE(c.dated_open_tasks, 0) - COALESCE(q.later, 0))::int AS overdue, COALESCE(q.at_risk, 0)::int AS at_risk,
            COALESCE(c.done_tasks, 0) AS done, COALESCE(c.pending_commitments, 0) AS pending,
            COALESCE(s.open_sr, 0)::int AS open_sr, COALESCE(s.met, 0)::int AS met, COALESCE(s.breached, 0)::int AS breached
     FROM (SELECT c.* FROM customer_tasks c ${and(['(c.tasks > 0 OR c.pending_commitments > 0)', ...only('c')])}) c
     LEFT JOIN (
       SELECT q.customer_id, SUM(q.open_tasks) AS later,
              SUM(q.open_tasks) FILTER (WHERE q.due_date <= ${d}::date + ${DUE_SOON_DAYS}) AS due,
              SUM(q.unbooked_tasks) FILTER (WHERE q.due_date <= ${d}::date + ${DUE_SOON_DAYS}) AS at_risk
       FROM task_due_day q ${and([`q.due_date >= ${d}::date`, 'q.open_tasks <> 0', ...only('q')])} GROUP BY 1
     ) q USING (customer_id)
     FULL JOIN (${serviceRequestsPerCustomer(d, only('s'))}) s USING (customer_id)
     ORDER BY 1`,
    p.values,
  );
}

/** Task status per owner: owner_tasks, the owner's due days from asOf on, and the service requests of their breakdown tasks. */
async function taskStatusPerOwner(db: Db, f: ReportFilters, asOf: string): Promise<Record<string, unknown>[]> {
  const p = new Params();
  const d = p.add(asOf);
  const owner = f.ownerId ? p.add(f.ownerId) : null;
  const only = (column: string) => (owner ? [`${column} = ${owner}`] : []);
  const srOwner = `COALESCE((SELECT bt.owner FROM task bt WHERE bt.service_request_id = s.request_id ORDER BY bt.task_id LIMIT 1), '')`;
  return db.query(
    `SELECT owner AS k, COALESCE(o.open_tasks, 0) AS open, COALESCE(q.due, 0)::int AS due,
            (COALESCE(o.dated_open_tasks, 0) - COALESCE(q.later, 0))::int AS overdue, COALESCE(q.at_risk, 0)::int AS at_risk,
            COALESCE(o.done_tasks, 0) AS done, 0 AS pending,
            COALESCE(s.open_sr, 0)::int AS open_sr, COALESCE(s.met, 0)::int AS met, COALESCE(s.breached, 0)::int AS breached
     FROM (SELECT o.* FROM owner_tasks o ${and(['o.tasks > 0', ...only('o.owner')])}) o
     LEFT JOIN (
       SELECT q.owner, SUM(q.open_tasks) AS later,
              SUM(q.open_tasks) FILTER (WHERE q.due_date <= ${d}::date + ${DUE_SOON_DAYS}) AS due,
              SUM(q.unbooked_tasks) FILTER (WHERE q.due_date <= ${d}::date + ${DUE_SOON_DAYS}) AS at_risk
       FROM owner_due_day q ${and([`q.due_date >= ${d}::date`, 'q.open_tasks <> 0', ...only('q.owner')])} GROUP BY 1
     ) q USING (owner)
     FULL JOIN (
       SELECT owner, COUNT(*) FILTER (WHERE raised_at IS NOT NULL AND resolved_at IS NULL) AS open_sr,
              COUNT(*) FILTER (WHERE resolution_met IS TRUE) AS met,
              COUNT(*) FILTER (WHERE resolution_met IS FALSE OR (resolved_at IS NULL AND resolution_due_at < ${d}::date)) AS breached
       FROM (SELECT s.*, ${srOwner} AS owner FROM service_request s) s ${and(only('s.owner'))} GROUP BY 1
     ) s USING (owner)
     ORDER BY 1`,
    p.values,
  );
}

// ---------------------------------------------------------------- utilization

const utilization: ReportDefinition = {
  name: 'utilization',
  title: 'Utilization per engineer, team or region and month',
  definition: [
    'available_hours: the minutes scheduling states each engineer can work per day (calendar minus leave and holidays), summed, ÷ 60.',
    'billable_hours / non_billable_hours: approved time (psa.time.approved.v1) on the UTC day its start falls on, as approved billable or not; a correction replaces the entry it corrects.',
    'covered_hours: hours of time lines billing found covered by warranty or AMC (not reversed); shown beside, part of the approved hours.',
    'utilization_pct: billable_hours ÷ available_hours × 100 (one decimal); empty without available hours.',
    'scheduled_hours: hours of proposed or confirmed visit bookings per crew member (segments split at UTC midnight); scheduled_utilization_pct: scheduled_hours ÷ available_hours × 100 (forward utilization).',
  ],
  filters: ['from', 'to', 'groupBy', 'engineerId', 'team', 'region'],
  defaultPeriod: 'month-to-date',
  groupings: ['engineer', 'team', 'region'],
  customerVisible: false,
  columns: (g) => [
    'period',
    g,
    ...(g === 'engineer' ? ['name'] : []),
    'available_hours',
    'billable_hours',
    'non_billable_hours',
    'covered_hours',
    'utilization_pct',
    'scheduled_hours',
    'scheduled_utilization_pct',
  ],
  async run(db, { filters: f, groupBy }) {
    const p = new Params();
    // Whole months come from the monthly sums; other periods from the daily ones (the same figures).
    const monthly = wholeMonths(f);
    const day = monthly ? 'd.month' : 'd.work_date';
    const where = period(p, f, day);
    if (f.engineerId) where.push(`d.engineer_id = ${p.add(f.engineerId)}`);
    if (f.team) where.push(`e.team = ${p.add(f.team)}`);
    if (f.region) where.push(`e.region = ${p.add(f.region)}`);
    const key = groupBy === 'team' ? `COALESCE(e.team, '')` : groupBy === 'region' ? `COALESCE(e.region, '')` : 'd.engineer_id';
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT ${monthOf(day)} AS period, ${key} AS k, MAX(e.name) AS name,
              SUM(d.available_minutes) / 60.0 AS available, SUM(d.billable_hours) AS billable, SUM(d.non_billable_hours) AS non_billable,
              SUM(d.covered_hours) AS covered, SUM(d.scheduled_hours) AS scheduled
       FROM ${monthly ? 'engineer_month' : 'engineer_day'} d LEFT JOIN engineer e ON e.engineer_id = d.engineer_id
       ${and(where)}
       GROUP BY 1, 2 ORDER BY 1, 2`,
      p.values,
    );
    return rows.map((r) => ({
      period: str(r.period),
      [groupBy]: str(r.k),
      ...(groupBy === 'engineer' ? { name: str(r.name) } : {}),
      available_hours: fixed2(str(r.available)),
      billable_hours: fixed2(str(r.billable)),
      non_billable_hours: fixed2(str(r.non_billable)),
      covered_hours: fixed2(str(r.covered)),
      utilization_pct: utilizationPercent(str(r.billable), str(r.available)),
      scheduled_hours: fixed2(str(r.scheduled)),
      scheduled_utilization_pct: scheduledUtilizationPercent(str(r.scheduled), str(r.available)),
    }));
  },
};

// ---------------------------------------------------------------- completed work

const completedWork: ReportDefinition = {
  name: 'completed-work',
  title: 'Completed work, billable hours and first-time fix per month',
  definition: [
    'visits_completed: visits completed (psa.visit.completed.v1) in the month, by completedAt (UTC).',
    'tasks_done: tasks whose latest state is done, by completedAt (UTC).',
    'billable_hours / non_billable_hours: approved time in the month (as in utilization).',
    'first_time_fixes: tasks done in the month with exactly one completed visit, whose outcome was completed.',
    'first_time_fix_pct: first_time_fixes ÷ tasks_done × 100.',
  ],
  filters: ['from', 'to', 'customerId'],
  defaultPeriod: 'twelve-months-to-date',
  customerVisible: true,
  columns: () => ['period', 'visits_completed', 'tasks_done', 'billable_hours', 'non_billable_hours', 'first_time_fixes', 'first_time_fix_pct'],
  async run(db, { filters: f }) {
    const p = new Params();
    const customer = f.customerId ? p.add(f.customerId) : null;
    const monthly = wholeMonths(f);
    const taskWhere = [`t.status = 'done'`, 't.completed_at IS NOT NULL', ...instantsIn(p, f, 't.completed_at')];
    if (customer) taskWhere.push(`t.customer_id = ${customer}`);
    const parts: string[] = [
      `SELECT ${monthOf(`(t.completed_at AT TIME ZONE 'UTC')`)} AS period, 0 AS visits, COUNT(*) AS tasks,
              COUNT(*) FILTER (WHERE tv.completed_visits = 1 AND tv.successful_visits = 1) AS ftf, 0 AS billable, 0 AS non_billable
       FROM task t LEFT JOIN task_visits tv ON tv.task_id = t.task_id ${and(taskWhere)} GROUP BY 1`,
    ];
    if (monthly) {
      // Whole months: visits and hours from the monthly sums (per customer, or per engineer for everyone).
      if (customer) {
        parts.push(
          `SELECT ${monthOf('m.month')}, SUM(m.visits_completed), 0, 0, SUM(m.billable_hours), SUM(m.non_billable_hours)
           FROM customer_month m ${and([...period(p, f, 'm.month'), `m.customer_id = ${customer}`])} GROUP BY 1`,
        );
      } else {
        // Everyone: visits and tasks done from the monthly sums, first-time fixes from the tasks with exactly one
        // (successful) completed visit, hours from the engineers' months.
        parts[0] = `SELECT ${monthOf(`(t.completed_at AT TIME ZONE 'UTC')`)} AS period, 0 AS visits, 0 AS tasks, COUNT(*) AS ftf, 0 AS billable, 0 AS non_billable
           FROM task_visits tv JOIN task t ON t.task_id = tv.task_id
           ${and(['tv.completed_visits = 1', 'tv.successful_visits = 1', ...taskWhere])} GROUP BY 1`;
        parts.push(
          `SELECT ${monthOf('w.month')}, SUM(w.visits_completed), SUM(w.tasks_done), 0, 0, 0
           FROM work_month w ${and(['(w.visits_completed <> 0 OR w.tasks_done <> 0)', ...period(p, f, 'w.month')])} GROUP BY 1`,
        );
        parts.push(`SELECT ${monthOf('d.month')}, 0, 0, 0, SUM(d.billable_hours), SUM(d.non_billable_hours) FROM engineer_month d ${and(period(p, f, 'd.month'))} GROUP BY 1`);
      }
    } else {
      const visitWhere = ['v.completed_at IS NOT NULL', ...instantsIn(p, f, 'v.completed_at')];
      if (customer) visitWhere.push(`v.customer_id = ${customer}`);
      parts.push(`SELECT ${monthOf(`(v.completed_at AT TIME ZONE 'UTC')`)}, COUNT(*), 0, 0, 0, 0 FROM visit v ${and(visitWhere)} GROUP BY 1`);
      parts.push(
        customer
          ? `SELECT ${monthOf('te.work_date')}, 0, 0, 0, SUM(CASE WHEN te.billable THEN te.hours ELSE 0 END), SUM(CASE WHEN te.billable THEN 0 ELSE te.hours END)
             FROM time_entry te ${and(['te.known', 'te.superseded_by IS NULL', `te.customer_id = ${customer}`, ...period(p, f, 'te.work_date')])} GROUP BY 1`
          : `SELECT ${monthOf('d.work_date')}, 0, 0, 0, SUM(d.billable_hours), SUM(d.non_billable_hours) FROM engineer_day d ${and(period(p, f, 'd.work_date'))} GROUP BY 1`,
      );
    }
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT period, SUM(visits)::int AS visits, SUM(tasks)::int AS tasks, SUM(ftf)::int AS ftf, SUM(billable) AS billable, SUM(non_billable) AS non_billable
       FROM (${parts.join(' UNION ALL ')}) x GROUP BY period ORDER BY period`,
      p.values,
    );
    return rows.map((r) => ({
      period: str(r.period),
      visits_completed: str(r.visits),
      tasks_done: str(r.tasks),
      billable_hours: fixed2(str(r.billable)),
      non_billable_hours: fixed2(str(r.non_billable)),
      first_time_fixes: str(r.ftf),
      first_time_fix_pct: firstTimeFixPercent(Number(r.ftf), Number(r.tasks)),
    }));
  },
};

// ---------------------------------------------------------------- machine reliability

const machineReliability: ReportDefinition = {
  name: 'machine-reliability',
  title: 'Mean time to repair and between failures per machine model',
  definition: [
    'model: the machine SKU from psa.equipment.registered.v1 (empty when the machine is unknown).',
    'failures: service requests raised in the period on machines of the model.',
    'repairs: of those, the resolved ones; mean_time_to_repair_hours: mean of resolvedAt − raisedAt in hours.',
    'mean_time_between_failures_days: mean, over consecutive requests on the same machine (both raised in the period), of the days between them.',
  ],
  filters: ['from', 'to', 'customerId'],
  defaultPeriod: 'twelve-months-to-date',
  customerVisible: true,
  columns: () => ['model', 'machines_failed', 'failures', 'repairs', 'mean_time_to_repair_hours', 'mean_time_between_failures_days'],
  async run(db, { filters: f }) {
    const p = new Params();
    const where = ['s.raised_at IS NOT NULL', ...instantsIn(p, f, 's.raised_at')];
    if (f.customerId) where.push(`s.customer_id = ${p.add(f.customerId)}`);
    const rows: Record<string, unknown>[] = await db.query(
      `WITH r AS (
         SELECT COALESCE(e.sku, '') AS model, s.serial_number, s.raised_at, s.resolved_at,
                s.raised_at - LAG(s.raised_at) OVER (PARTITION BY s.serial_number ORDER BY s.raised_at) AS gap
         FROM service_request s LEFT JOIN equipment e ON e.serial_number = s.serial_number
         ${and(where)}
       )
       SELECT model, COUNT(DISTINCT serial_number)::int AS machines, COUNT(*)::int AS failures,
              COUNT(resolved_at)::int AS repairs,
              COALESCE(SUM(EXTRACT(EPOCH FROM resolved_at - raised_at)) / 3600.0, 0) AS repair_hours,
              COUNT(gap)::int AS gaps, COALESCE(SUM(EXTRACT(EPOCH FROM gap)) / 86400.0, 0) AS gap_days
       FROM r GROUP BY model ORDER BY model`,
      p.values,
    );
    return rows.map((r) => ({
      model: str(r.model),
      machines_failed: str(r.machines),
      failures: str(r.failures),
      repairs: str(r.repairs),
      mean_time_to_repair_hours: mean(str(r.repair_hours), Number(r.repairs)),
      mean_time_between_failures_days: mean(str(r.gap_days), Number(r.gaps)),
    }));
  },
};

// ---------------------------------------------------------------- unbilled revenue

const unbilledRevenue: ReportDefinition = {
  name: 'unbilled-revenue',
  title: 'Unbilled revenue: ready but not requested, requested but not posted, by age',
  definition: [
    'From billing ledger lines as they now stand (the latest psa.billing-line.changed.v1 per line, by changedAt).',
    'stage ready: lines in state ready (billable, not yet on an invoice request); age = asOf − the work date.',
    'stage requested: lines in state requested (on an invoice request ERP has not posted); age = asOf − the day the line was requested.',
    'A rejected or credited invoice puts its lines back to review: they leave both stages.',
    `Buckets by age in days: ${AGING_BUCKETS.map((b) => `${b.column} = ${b.from}–${Number.isFinite(b.to) ? b.to : '…'}`).join(', ')}; total = the sum.`,
  ],
  filters: ['asOf', 'groupBy', 'customerId', 'projectId', 'status'],
  groupings: ['customer', 'project'],
  customerVisible: false,
  columns: (g) => [g, 'currency', 'stage', 'lines', ...AGING_BUCKETS.map((b) => b.column), 'total'],
  async run(db, { filters: f, asOf, groupBy }) {
    const p = new Params();
    const d = p.add(asOf);
    const where = [`b.state IN ('ready', 'requested')`];
    if (f.status) where.push(`b.state = ${p.add(f.status)}`);
    if (f.customerId) where.push(`b.customer_id = ${p.add(f.customerId)}`);
    if (f.projectId) where.push(`b.project_id = ${p.add(f.projectId)}`);
    const key = groupBy === 'project' ? `COALESCE(b.project_id, '')` : 'b.customer_id';
    const age = `(${d}::date - CASE WHEN b.state = 'ready' THEN b.work_date ELSE (b.state_since AT TIME ZONE 'UTC')::date END)`;
    const buckets = AGING_BUCKETS.map(
      (bucket) =>
        `COALESCE(SUM(b.amount) FILTER (WHERE GREATEST(${age}, 0) BETWEEN ${bucket.from} AND ${Number.isFinite(bucket.to) ? bucket.to : 2147483647}), 0) AS ${bucket.column}`,
    ).join(', ');
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT ${key} AS k, b.currency, b.state AS stage, COUNT(*)::int AS lines, ${buckets}, SUM(b.amount) AS total
       FROM billing_line b ${and(where)}
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      p.values,
    );
    return rows.map((r) => ({
      [groupBy]: str(r.k),
      currency: str(r.currency),
      stage: str(r.stage),
      lines: str(r.lines),
      ...Object.fromEntries(AGING_BUCKETS.map((b) => [b.column, fixed2(str(r[b.column]))])),
      total: fixed2(str(r.total)),
    }));
  },
};

// ---------------------------------------------------------------- dispatch backlog

const dispatchBacklog: ReportDefinition = {
  name: 'dispatch-backlog',
  title: 'Machines dispatched but not installed',
  definition: [
    'Every machine unit of erp.machine.dispatched.v1 dispatched on or before asOf whose serial number has no installation task done (psa.task.done.v1 of kind installation).',
    'customer_id: the customer of the service project of the order.',
    'days_since_dispatch: asOf − the UTC day of dispatch.',
    'One row per unit, the longest waiting first (by dispatch time, then unit); paged with limit and offset.',
  ],
  filters: ['asOf', 'customerId', 'limit', 'offset'],
  customerVisible: true,
  columns: () => ['serial_number', 'sku', 'order_id', 'customer_id', 'dispatched_on', 'days_since_dispatch'],
  async run(db, { filters: f, asOf, page }) {
    const p = new Params();
    const d = p.add(asOf);
    const where = [
      `(u.dispatched_at AT TIME ZONE 'UTC')::date <= ${d}::date`,
      `NOT EXISTS (SELECT 1 FROM task t WHERE t.serial_number = u.serial_number AND t.kind = 'installation' AND t.status = 'done')`,
    ];
    if (f.customerId) where.push(`c.customer_id = ${p.add(f.customerId)}`);
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT u.serial_number, u.sku, u.order_id, c.customer_id, to_char(u.dispatched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS dispatched_on,
              ${d}::date - (u.dispatched_at AT TIME ZONE 'UTC')::date AS days
       FROM dispatched_unit u
       LEFT JOIN LATERAL (SELECT pr.customer_id FROM project pr WHERE pr.order_id = u.order_id ORDER BY pr.project_id LIMIT 1) c ON true
       ${and(where)}
       ORDER BY u.dispatched_at, u.unit_key
       ${page ? `LIMIT ${p.add(page.limit + 1)} OFFSET ${p.add(page.offset)}` : ''}`,
      p.values,
    );
    return rows.map((r) => ({
      serial_number: str(r.serial_number),
      sku: str(r.sku),
      order_id: str(r.order_id),
      customer_id: str(r.customer_id),
      dispatched_on: str(r.dispatched_on),
      days_since_dispatch: str(r.days),
    }));
  },
};

// ---------------------------------------------------------------- profitability

const profitability: ReportDefinition = {
  name: 'profitability',
  title: 'Profitability per project, contract (commitment) or customer',
  definition: [
    'From billing ledger lines as they now stand; reversed lines (replaced by a correction) count nowhere. Period filters use the work date.',
    'revenue_invoiced: amount of lines invoiced (ERP posted the invoice). A credited or rejected invoice moves its lines back to review: they count as to invoice again.',
    'revenue_to_invoice: amount of lines unbilled, ready, requested, in review or on hold. Written-off and non-billable lines bring no revenue.',
    'revenue = revenue_invoiced + revenue_to_invoice.',
    'labour_cost: cost of time lines (approved hours × the engineer cost rate); expense_cost: expense lines; parts_cost: parts lines at cost; other_cost: milestone and contract lines.',
    'total_cost = labour + expenses + parts + other, whatever the line state (covered and written-off work still cost us).',
    'covered_cost: the part of total_cost on lines covered by warranty or AMC (absorbed, not billed).',
    'margin = revenue − total_cost; margin_pct = margin ÷ revenue × 100 (empty without revenue). Per currency.',
  ],
  filters: ['from', 'to', 'groupBy', 'customerId', 'projectId'],
  defaultPeriod: 'month-to-date',
  groupings: ['project', 'commitment', 'customer'],
  customerVisible: false,
  columns: (g) => [
    g,
    'currency',
    'revenue_invoiced',
    'revenue_to_invoice',
    'revenue',
    'labour_cost',
    'expense_cost',
    'parts_cost',
    'other_cost',
    'total_cost',
    'covered_cost',
    'margin',
    'margin_pct',
  ],
  async run(db, { filters: f, groupBy }) {
    const p = new Params();
    const where = [`b.state <> 'reversed'`, ...period(p, f, 'b.work_date')];
    if (f.customerId) where.push(`b.customer_id = ${p.add(f.customerId)}`);
    if (f.projectId) where.push(`b.project_id = ${p.add(f.projectId)}`);
    const key = groupBy === 'customer' ? 'b.customer_id' : groupBy === 'commitment' ? `COALESCE(b.commitment_id, '')` : `COALESCE(b.project_id, '')`;
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT ${key} AS k, b.currency,
              COALESCE(SUM(b.amount) FILTER (WHERE b.state = 'invoiced'), 0) AS invoiced,
              COALESCE(SUM(b.amount) FILTER (WHERE b.state IN ('unbilled', 'ready', 'requested', 'review', 'on_hold')), 0) AS to_invoice,
              COALESCE(SUM(b.cost) FILTER (WHERE b.source_kind = 'time'), 0) AS labour,
              COALESCE(SUM(b.cost) FILTER (WHERE b.source_kind = 'expense'), 0) AS expenses,
              COALESCE(SUM(b.cost) FILTER (WHERE b.source_kind = 'parts'), 0) AS parts,
              COALESCE(SUM(b.cost) FILTER (WHERE b.source_kind NOT IN ('time', 'expense', 'parts')), 0) AS other,
              COALESCE(SUM(b.cost), 0) AS total_cost,
              COALESCE(SUM(b.cost) FILTER (WHERE b.coverage IN ('warranty', 'amc')), 0) AS covered
       FROM billing_line b ${and(where)}
       GROUP BY 1, 2 ORDER BY 1, 2`,
      p.values,
    );
    return rows.map((r) => {
      const revenue = sumOf(str(r.invoiced), str(r.to_invoice));
      const totalCost = fixed2(str(r.total_cost));
      return {
        [groupBy]: str(r.k),
        currency: str(r.currency),
        revenue_invoiced: fixed2(str(r.invoiced)),
        revenue_to_invoice: fixed2(str(r.to_invoice)),
        revenue,
        labour_cost: fixed2(str(r.labour)),
        expense_cost: fixed2(str(r.expenses)),
        parts_cost: fixed2(str(r.parts)),
        other_cost: fixed2(str(r.other)),
        total_cost: totalCost,
        covered_cost: fixed2(str(r.covered)),
        margin: margin(revenue, totalCost),
        margin_pct: marginPercent(revenue, totalCost),
      };
    });
  },
};

// ---------------------------------------------------------------- warranty cost

const warrantyCost: ReportDefinition = {
  name: 'warranty-cost',
  title: 'Warranty cost per machine model',
  definition: [
    'Cost of ledger lines covered by warranty (coverage = warranty, not reversed), by the model (SKU) of the machine they were for; period on the work date.',
    'machines: distinct serial numbers with warranty cost; labour / parts / expense cost by line kind; warranty_cost = their sum (plus any other kind).',
  ],
  filters: ['from', 'to', 'customerId'],
  defaultPeriod: 'twelve-months-to-date',
  customerVisible: false,
  columns: () => ['model', 'currency', 'machines', 'lines', 'labour_cost', 'parts_cost', 'expense_cost', 'warranty_cost'],
  async run(db, { filters: f }) {
    const p = new Params();
    const where = [`b.coverage = 'warranty'`, `b.state <> 'reversed'`, ...period(p, f, 'b.work_date')];
    if (f.customerId) where.push(`b.customer_id = ${p.add(f.customerId)}`);
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT COALESCE(e.sku, '') AS model, b.currency, COUNT(DISTINCT b.serial_number)::int AS machines, COUNT(*)::int AS lines,
              COALESCE(SUM(b.cost) FILTER (WHERE b.source_kind = 'time'), 0) AS labour,
              COALESCE(SUM(b.cost) FILTER (WHERE b.source_kind = 'parts'), 0) AS parts,
              COALESCE(SUM(b.cost) FILTER (WHERE b.source_kind = 'expense'), 0) AS expenses,
              SUM(b.cost) AS total
       FROM billing_line b LEFT JOIN equipment e ON e.serial_number = b.serial_number
       ${and(where)}
       GROUP BY 1, 2 ORDER BY 1, 2`,
      p.values,
    );
    return rows.map((r) => ({
      model: str(r.model),
      currency: str(r.currency),
      machines: str(r.machines),
      lines: str(r.lines),
      labour_cost: fixed2(str(r.labour)),
      parts_cost: fixed2(str(r.parts)),
      expense_cost: fixed2(str(r.expenses)),
      warranty_cost: fixed2(str(r.total)),
    }));
  },
};

// ---------------------------------------------------------------- invoicing

const invoicing: ReportDefinition = {
  name: 'invoicing',
  title: 'Invoice requests and ERP accounting’s answers, by customer and month requested',
  definition: [
    'From psa.invoice.requested.v1 (psa.invoices) and ERP accounting’s answers as billing accepted them (psa.invoice.answered.v1 on psa.billing), whichever arrived first; an answer for a request analytics has not seen is left out until the request comes. Answers billing dead-letters (for a request ServiceLoop never made, contradicting the request’s state, a posted total without the currency’s minor units) count nowhere: the request stays awaiting, as in billing’s books.',
    'month: of requestedAt (UTC); period filters on the day requested.',
    'requests, requested_amount: invoice requests made and their totals; resubmissions: those that supersede a rejected or credited request.',
    'The answer of a request is the last billing accepted: posted, rejected, or cancelled (a credit note after its posting, counted as credited).',
    'posted, posted_amount: requests whose answer is posted, with the totals ERP posted; mean_days_to_post: mean days from request to posting over them.',
    'awaiting, awaiting_amount: requests with no answer billing accepted.',
  ],
  filters: ['from', 'to', 'customerId'],
  defaultPeriod: 'month-to-date',
  customerVisible: false,
  columns: () => ['customer_id', 'month', 'currency', 'requests', 'requested_amount', 'resubmissions', 'posted', 'posted_amount', 'rejected', 'credited', 'awaiting', 'awaiting_amount', 'mean_days_to_post'],
  async run(db, { filters: f }) {
    const p = new Params();
    const where = ['r.requested_at IS NOT NULL', ...instantsIn(p, f, 'r.requested_at')];
    if (f.customerId) where.push(`r.customer_id = ${p.add(f.customerId)}`);
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT r.customer_id, ${monthOf(`r.requested_at AT TIME ZONE 'UTC'`)} AS month, r.currency,
              COUNT(*)::int AS requests, SUM(r.total) AS requested, COUNT(r.supersedes)::int AS resubmissions,
              COUNT(*) FILTER (WHERE r.answer = 'posted')::int AS posted, COALESCE(SUM(r.posted_total) FILTER (WHERE r.answer = 'posted'), 0) AS posted_amount,
              COUNT(*) FILTER (WHERE r.answer = 'rejected')::int AS rejected, COUNT(*) FILTER (WHERE r.answer = 'cancelled')::int AS credited,
              COUNT(*) FILTER (WHERE r.answer IS NULL)::int AS awaiting, COALESCE(SUM(r.total) FILTER (WHERE r.answer IS NULL), 0) AS awaiting_amount,
              COALESCE(SUM(EXTRACT(EPOCH FROM r.posted_at - r.requested_at) / 86400) FILTER (WHERE r.answer = 'posted'), 0) AS days_to_post
       FROM invoice_request r ${and(where)}
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      p.values,
    );
    return rows.map((r) => ({
      customer_id: str(r.customer_id),
      month: str(r.month),
      currency: str(r.currency),
      requests: str(r.requests),
      requested_amount: fixed2(str(r.requested)),
      resubmissions: str(r.resubmissions),
      posted: str(r.posted),
      posted_amount: fixed2(str(r.posted_amount)),
      rejected: str(r.rejected),
      credited: str(r.credited),
      awaiting: str(r.awaiting),
      awaiting_amount: fixed2(str(r.awaiting_amount)),
      mean_days_to_post: Number(r.posted) > 0 ? mean(str(r.days_to_post), Number(r.posted)) : '',
    }));
  },
};

// ---------------------------------------------------------------- escalations

const escalations: ReportDefinition = {
  name: 'escalations',
  title: 'Escalations by customer and month',
  definition: [
    'From psa.escalation.raised.v1: each escalation service-commitments raised (owner, then service manager, then head of service), by the UTC month it was raised; period filters on that day.',
    'escalations: raised; subjects: distinct service requests and tasks escalated.',
    'at_risk: raised because most of a target was used; missed: because a target was missed (breached, still unresolved after the breach, or a task overdue).',
    'to_owner / to_service_manager / to_head_of_service: by the level it went to.',
    'Escalations raised before analytics read them appear after a rebuild (node dist/apps/analytics/src/rebuild.js).',
  ],
  filters: ['from', 'to', 'customerId'],
  defaultPeriod: 'month-to-date',
  customerVisible: false,
  columns: () => ['customer_id', 'month', 'escalations', 'subjects', 'at_risk', 'missed', 'to_owner', 'to_service_manager', 'to_head_of_service'],
  async run(db, { filters: f }) {
    const p = new Params();
    const where = [...instantsIn(p, f, 'e.raised_at')];
    if (f.customerId) where.push(`e.customer_id = ${p.add(f.customerId)}`);
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT e.customer_id, ${monthOf(`e.raised_at AT TIME ZONE 'UTC'`)} AS month, COUNT(*)::int AS escalations,
              COUNT(DISTINCT e.subject_kind || ':' || e.subject_id)::int AS subjects,
              COUNT(*) FILTER (WHERE e.trigger = 'at_risk')::int AS at_risk, COUNT(*) FILTER (WHERE e.trigger <> 'at_risk')::int AS missed,
              COUNT(*) FILTER (WHERE e.level = 'owner')::int AS to_owner, COUNT(*) FILTER (WHERE e.level = 'service_manager')::int AS to_service_manager,
              COUNT(*) FILTER (WHERE e.level = 'head_of_service')::int AS to_head_of_service
       FROM escalation e ${and(where)}
       GROUP BY 1, 2 ORDER BY 1, 2`,
      p.values,
    );
    return rows.map((r) => Object.fromEntries(['customer_id', 'month', 'escalations', 'subjects', 'at_risk', 'missed', 'to_owner', 'to_service_manager', 'to_head_of_service'].map((c) => [c, str(r[c])])));
  },
};

// ---------------------------------------------------------------- customer load

const customerLoad: ReportDefinition = {
  name: 'customer-load',
  title: 'Service load per customer',
  definition: [
    'visits_completed: visits completed in the period (by completedAt, UTC day).',
    'hours: approved time in the period (corrections replace what they correct), billable or not.',
    'open_commitments: commitments pending as of now (as in task-status).',
    'open_service_requests: raised and not resolved.',
    'sla_breaches: service requests raised in the period that missed their resolution target, or are unresolved past it as of asOf.',
    `amc_renewals_${RENEWAL_WINDOWS.join('/')}: active AMC coverages ending between asOf and asOf + 30 / 60 / 90 days (cumulative).`,
  ],
  filters: ['from', 'to', 'asOf', 'customerId'],
  defaultPeriod: 'month-to-date',
  customerVisible: true,
  columns: () => [
    'customer_id',
    'visits_completed',
    'hours',
    'open_commitments',
    'open_service_requests',
    'sla_breaches',
    ...RENEWAL_WINDOWS.map((w) => `amc_renewals_${w}`),
  ],
  async run(db, { filters: f, asOf }) {
    const p = new Params();
    const d = p.add(asOf);
    const customer = f.customerId ? p.add(f.customerId) : null;
    const byCustomer = (col: string) => (customer ? [`${col} = ${customer}`] : []);
    const renewals = RENEWAL_WINDOWS.map(
      (w) => `COUNT(*) FILTER (WHERE cv.ends_on BETWEEN ${d}::date AND ${d}::date + ${w}) AS r${w}`,
    ).join(', ');
    // One row per customer from each source (visits and hours, pending commitments, service requests, renewals),
    // joined on the customer: the customer-keyed sums are read once, no row is added up twice.
    const work = wholeMonths(f)
      ? `SELECT m.customer_id, SUM(m.visits_completed) AS visits, SUM(m.billable_hours + m.non_billable_hours) AS hours
         FROM customer_month m ${and([...period(p, f, 'm.month'), ...byCustomer('m.customer_id')])} GROUP BY 1`
      : `SELECT customer_id, SUM(visits) AS visits, SUM(hours) AS hours FROM (
           SELECT v.customer_id, COUNT(*) AS visits, 0 AS hours
           FROM visit v ${and(['v.completed_at IS NOT NULL', ...instantsIn(p, f, 'v.completed_at'), ...byCustomer('v.customer_id')])} GROUP BY 1
           UNION ALL
           SELECT te.customer_id, 0, SUM(te.hours)
           FROM time_entry te ${and(['te.known', 'te.superseded_by IS NULL', ...period(p, f, 'te.work_date'), ...byCustomer('te.customer_id')])} GROUP BY 1
         ) w GROUP BY 1`;
    const raised = instantsIn(p, f, 's.raised_at');
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT customer_id AS k, COALESCE(w.visits, 0) AS visits, ROUND(COALESCE(w.hours, 0), 2)::text AS hours, COALESCE(c.pending_commitments, 0) AS commitments,
              COALESCE(s.open_sr, 0) AS open_sr, COALESCE(s.breaches, 0) AS breaches, ${RENEWAL_WINDOWS.map((w) => `COALESCE(r.r${w}, 0) AS r${w}`).join(', ')}
       FROM (${work}) w
       FULL JOIN (SELECT c.customer_id, c.pending_commitments FROM customer_tasks c ${and(['c.pending_commitments > 0', ...byCustomer('c.customer_id')])}) c USING (customer_id)
       FULL JOIN (
         SELECT s.customer_id, COUNT(*) FILTER (WHERE s.raised_at IS NOT NULL AND s.resolved_at IS NULL) AS open_sr,
                COUNT(*) FILTER (WHERE (s.resolution_met IS FALSE OR (s.resolved_at IS NULL AND s.resolution_due_at < ${d}::date)) ${raised.map((c) => `AND ${c}`).join(' ')}) AS breaches
         FROM service_request s ${and(byCustomer('s.customer_id'))} GROUP BY 1
       ) s USING (customer_id)
       FULL JOIN (
         SELECT cv.customer_id, ${renewals}
         FROM coverage cv ${and([`cv.kind = 'amc'`, `cv.status = 'active'`, `cv.ends_on BETWEEN ${d}::date AND ${d}::date + ${Math.max(...RENEWAL_WINDOWS)}`, ...byCustomer('cv.customer_id')])}
         GROUP BY 1
       ) r USING (customer_id)
       ORDER BY 1`,
      p.values,
    );
    return rows.map((r) => ({
      customer_id: str(r.k),
      visits_completed: str(r.visits),
      hours: str(r.hours), // two decimals, rounded half away from zero (as fixed2) in SQL
      open_commitments: str(r.commitments),
      open_service_requests: str(r.open_sr),
      sla_breaches: str(r.breaches),
      ...Object.fromEntries(RENEWAL_WINDOWS.map((w) => [`amc_renewals_${w}`, str(r[`r${w}`])])),
    }));
  },
};

export const REPORTS: readonly ReportDefinition[] = Object.freeze([
  taskStatus,
  utilization,
  completedWork,
  machineReliability,
  unbilledRevenue,
  dispatchBacklog,
  profitability,
  warrantyCost,
  invoicing,
  escalations,
  customerLoad,
]);

export function reportNamed(name: string): ReportDefinition | undefined {
  return REPORTS.find((r) => r.name === name);
}
