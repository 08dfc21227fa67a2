import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { devAuthConfig } from '#auth';
import { dropDatabase, serviceDataSourceOptions } from '#persistence';
import { Clock, FixedClock } from '#platform';
import { apiAs, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { ANALYTICS_API, ANALYTICS_DEFAULTS, ANALYTICS_ENTITIES, ANALYTICS_MIGRATIONS, AnalyticsModule } from '../src/analytics.module.js';
import { AnalyticsEventConsumer } from '../src/ingest/analytics-event-consumer.js';
import { ANALYTICS_TOPICS } from '../src/ingest/analytics-topics.js';
import { describeProgress, rebuildReadModels } from '../src/ingest/rebuild.js';
import { AddTaskStatusSums1764300000000 } from '../src/migrations/1764300000000-AddTaskStatusSums.js';
import { AddCustomerTaskSumsAndTaskOwner1764400000000 } from '../src/migrations/1764400000000-AddCustomerTaskSumsAndTaskOwner.js';
import { reportNamed, taskStatusFromFacts, taskStatusFromSums } from '../src/reports/report-catalog.js';
import { runReport } from '../src/reports/reports.service.js';
import { toCsv } from '../src/reports/csv.js';
import { caughtUp } from './caught-up.js';
import { E, fixtureStream, P } from './fixture-stream.js';

/** Each golden file, and the query that must reproduce it. */
const GOLDEN: { file: string; report: string; query: Record<string, string> }[] = [
  { file: 'task-status', report: 'task-status', query: { asOf: '2027-04-15' } },
  { file: 'task-status-by-owner', report: 'task-status', query: { asOf: '2027-04-15', groupBy: 'owner' } },
  { file: 'utilization', report: 'utilization', query: { from: '2027-01-01', to: '2027-04-30' } },
  { file: 'utilization-by-team', report: 'utilization', query: { from: '2027-01-01', to: '2027-03-31', groupBy: 'team' } },
  { file: 'completed-work', report: 'completed-work', query: { from: '2027-01-01', to: '2027-03-31' } },
  { file: 'machine-reliability', report: 'machine-reliability', query: { from: '2027-01-01', to: '2027-04-30' } },
  { file: 'unbilled-revenue', report: 'unbilled-revenue', query: { asOf: '2027-04-15' } },
  { file: 'dispatch-backlog', report: 'dispatch-backlog', query: { asOf: '2027-04-15' } },
  { file: 'profitability', report: 'profitability', query: { from: '2027-01-01', to: '2027-04-30' } },
  { file: 'warranty-cost', report: 'warranty-cost', query: { from: '2027-01-01', to: '2027-04-30' } },
  { file: 'invoicing', report: 'invoicing', query: { from: '2027-01-01', to: '2027-04-30' } },
  { file: 'escalations', report: 'escalations', query: { from: '2027-01-01', to: '2027-04-30' } },
  { file: 'customer-load', report: 'customer-load', query: { from: '2027-01-01', to: '2027-03-31', asOf: '2027-04-15' } },
];

const golden = (name: string) => readFileSync(new URL(`./golden/${name}.csv`, import.meta.url), 'utf8').replace(/\r\n/g, '\n');

/** Every read model's rows in key order, without the clocks of the database itself. */
async function snapshot(db: DataSource): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    engineer: 'engineer_id',
    engineer_day: 'engineer_id, work_date',
    time_entry: 'time_entry_id',
    project: 'project_id',
    commitment: 'commitment_id',
    task: 'task_id',
    service_request: 'request_id',
    equipment: 'serial_number',
    coverage: 'coverage_key',
    dispatched_unit: 'unit_key',
    visit: 'booking_id',
    billing_line: 'line_id',
    invoice_request: 'invoice_request_id',
    escalation: 'escalation_id',
    rejected_event: 'topic, partition, record_offset',
    consumer_position: 'read_model, topic, partition',
  };
  // Sums: a key whose contributions came and went keeps a row of noughts incrementally, none in a rebuild.
  const sums: Record<string, [string, string]> = {
    customer_region_tasks: ['customer_id, region', 'tasks <> 0 OR open_tasks <> 0 OR done_tasks <> 0 OR pending_commitments <> 0'],
    customer_tasks: ['customer_id', 'tasks <> 0 OR open_tasks <> 0 OR done_tasks <> 0 OR dated_open_tasks <> 0 OR pending_commitments <> 0'],
    owner_tasks: ['owner', 'tasks <> 0 OR open_tasks <> 0 OR done_tasks <> 0 OR dated_open_tasks <> 0'],
    owner_due_day: ['owner, due_date', 'open_tasks <> 0 OR unbooked_tasks <> 0'],
    task_due_day: ['customer_id, region, due_date', 'open_tasks <> 0 OR unbooked_tasks <> 0'],
    commitment_pending: ['commitment_id', 'true'],
    work_month: ['month', 'visits_completed <> 0 OR tasks_done <> 0'],
  };
  const out: Record<string, unknown[]> = {};
  for (const [table, [order, nonZero]] of Object.entries(sums)) {
    const rows: { row: Record<string, unknown> }[] = await db.query(`SELECT to_jsonb(t) AS row FROM "${table}" t WHERE ${nonZero} ORDER BY ${order}`);
    out[table] = rows.map((r) => r.row);
  }
  for (const [table, order] of Object.entries(tables)) {
    const rows: { row: Record<string, unknown> }[] = await db.query(`SELECT to_jsonb(t) - 'updated_at' - 'rejected_at' - 'id' AS row FROM "${table}" t ORDER BY ${order}`);
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

describe('analytics reports from a hand-built event stream (real Kafka and PostgreSQL)', () => {
  let service: TestApp;
  let kafka: TestKafka;
  let live: DataSource;
  const config = testServiceConfig(ANALYTICS_DEFAULTS);
  const stream = fixtureStream();

  beforeAll(async () => {
    service = await startTestApp(AnalyticsModule.forRoot(config, devAuthConfig()), config, {
      title: ANALYTICS_API.title,
      transport: (app) => app.get(AnalyticsEventConsumer),
      // Today, for reports asked without a period: the middle of the fixture's April.
      overrides: [[Clock, new FixedClock(new Date('2027-04-15T10:00:00Z'))]],
    });
    live = service.app.get(DataSource);
    kafka = new TestKafka(config.topicPrefix);
    for (const topic of ANALYTICS_TOPICS) {
      const records = stream.filter((r) => r.topic === topic).map(({ key, value, headers }) => ({ key, value, headers }));
      if (records.length > 0) await kafka.produce(topic, records);
    }
    await caughtUp(kafka, live);
  }, 60_000);

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
  });

  it.each(GOLDEN)('$file.csv: the CSV export equals the figures worked out by hand', async ({ file, report, query }) => {
    const response = await apiAs(service.app, ['analyst']).get(`/reports/${report}`).query({ ...query, format: 'csv' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.text.replace(/\r\n/g, '\n')).toBe(golden(file));
  });

  it('answers periods that are not whole months from the daily figures (worked out by hand)', async () => {
    const csv = async (report: string, query: Record<string, string>) => {
      const response = await apiAs(service.app, ['analyst']).get(`/reports/${report}`).query({ ...query, format: 'csv' });
      expect(response.status).toBe(200);
      return response.text.replace(/\r\n/g, '\n').trim().split('\n').slice(1);
    };
    // Wednesday 10 February: Asha's warranty repair (5 h, covered) and her booking for it.
    expect(await csv('utilization', { from: '2027-02-10', to: '2027-02-10', engineerId: E(1) })).toEqual([
      `2027-02,${E(1)},Asha Patil,8.00,5.00,0.00,5.00,62.5,5.00,62.5`,
    ]);
    // 1–10 February: visits of 4, 5 (T4) and 10 (T5); T4 needed two visits, T5 one.
    expect(await csv('completed-work', { from: '2027-02-01', to: '2027-02-10' })).toEqual(['2027-02,3,2,17.00,0.00,1,50.0']);
    // 12–13 March: the two visits on T6, 6 + 2 + 5 (late) hours, SR2 breached.
    expect(await csv('customer-load', { from: '2027-03-12', to: '2027-03-13', asOf: '2027-04-15' })).toEqual([
      'C-100,2,13.00,1,0,1,1,1,1',
      'C-200,0,0.00,2,1,0,0,0,0',
      'C-300,0,0.00,0,0,0,0,0,1',
    ]);
    // A period of days takes each instant by its UTC day: SR2's escalations of 12 March (15:00, 17:00 UTC) and
    // of 13 March (01:00, 05:00 UTC) fall on their own days, and a period of both days has all four.
    expect(await csv('escalations', { from: '2027-03-12', to: '2027-03-12' })).toEqual(['C-100,2027-03,2,1,1,1,2,0,0']);
    expect(await csv('escalations', { from: '2027-03-13', to: '2027-03-13' })).toEqual(['C-100,2027-03,2,1,0,2,0,1,1']);
    expect(await csv('escalations', { from: '2027-03-12', to: '2027-03-13' })).toEqual(['C-100,2027-03,4,1,1,3,2,1,1']);
  });

  it('answers task status from the kept sums exactly as from the facts, whatever the day, grouping (owner too) and filter', async () => {
    const regions: { region: string }[] = await live.query(`SELECT DISTINCT region FROM task WHERE region IS NOT NULL ORDER BY 1`);
    expect(regions.length).toBeGreaterThan(0);
    const filters = [{}, { customerId: 'C-100' }, { customerId: 'C-200' }, ...regions.map(({ region }) => ({ region }))];
    const owners = [{}, { ownerId: 'ravi.kulkarni' }, { ownerId: 'meera.iyer' }, { ownerId: 'nobody' }];
    const days = ['2026-12-01', '2027-01-10', '2027-01-25', '2027-02-05', '2027-02-20', '2027-03-10', '2027-04-15', '2027-12-31'];
    let due = 0;
    let overdue = 0;
    let atRisk = 0;
    for (const asOf of days) {
      for (const groupBy of ['customer', 'region'] as const) {
        for (const f of filters) {
          const facts = await taskStatusFromFacts(live.manager, f, asOf, groupBy);
          expect({ asOf, groupBy, f, rows: await taskStatusFromSums(live.manager, f, asOf, groupBy) }).toEqual({ asOf, groupBy, f, rows: facts });
          for (const r of facts) {
            due += Number(r.due);
            overdue += Number(r.overdue);
            atRisk += Number(r.at_risk);
          }
        }
      }
      for (const f of owners) {
        const facts = await taskStatusFromFacts(live.manager, f, asOf, 'owner');
        expect({ asOf, groupBy: 'owner', f, rows: await taskStatusFromSums(live.manager, f, asOf, 'owner') }).toEqual({ asOf, groupBy: 'owner', f, rows: facts });
      }
    }
    // The days chosen see tasks due soon, overdue and at risk: the comparison covers every figure.
    expect(due).toBeGreaterThan(0);
    expect(overdue).toBeGreaterThan(0);
    expect(atRisk).toBeGreaterThan(0);
  });

  it("filters task status by owner: only that owner's tasks and the service requests of their breakdown tasks (worked out by hand)", async () => {
    const csv = async (query: Record<string, string>) => {
      const response = await apiAs(service.app, ['analyst']).get('/reports/task-status').query({ asOf: '2027-04-15', format: 'csv', ...query });
      expect(response.status).toBe(200);
      return response.text.replace(/\r\n/g, '\n').trim().split('\n');
    };
    // Ravi: T3 (handed over from Meera on 1 March, scheduled, due 10 April: overdue) and the breakdowns T5, T6 (done),
    // whose requests met (SR1) and missed (SR2) their targets.
    expect(await csv({ ownerId: 'ravi.kulkarni' })).toEqual([
      'customer,open,due,overdue,at_risk,done,pending_commitments,open_service_requests,sla_met,sla_breached',
      'C-100,0,0,0,0,2,0,0,1,1',
      'C-200,1,0,1,0,0,0,0,0,0',
    ]);
    // Meera's tasks per project: T1 (done) and T2 (due 18 April, still ready: at risk), both on project 1.
    expect((await csv({ ownerId: 'meera.iyer', groupBy: 'project' })).slice(1)).toEqual([`${P(1)},1,1,0,1,1,0,0,0,0`]);
    expect(await csv({ ownerId: 'nobody' })).toEqual(['customer,open,due,overdue,at_risk,done,pending_commitments,open_service_requests,sla_met,sla_breached']);
  });

  it('answers JSON with the definition of every figure and the filters applied', async () => {
    const { status, body } = await apiAs(service.app, ['finance']).get('/reports/profitability').query({ groupBy: 'customer', from: '2027-01-01', to: '2027-04-30' });
    expect(status).toBe(200);
    expect(body.report).toBe('profitability');
    expect(body.definition.join(' ')).toMatch(/margin = revenue − total_cost/);
    expect(body.filters).toEqual({ groupBy: 'customer', from: '2027-01-01', to: '2027-04-30' });
    expect(body.periodAssumed).toBeUndefined();
    expect(body.rows.map((r: Record<string, string>) => [r.customer, r.margin, r.margin_pct])).toEqual([
      ['C-100', '106300.00', '73.9'],
      ['C-200', '20000.00', '100.0'],
      ['C-300', '92100.00', '91.2'],
    ]);
  });

  it('asked without a period, answers its default period ending today, and says which (not every row there ever was)', async () => {
    const get = (report: string, query: Record<string, string>) => apiAs(service.app, ['analyst']).get(`/reports/${report}`).query(query);
    const rows = (body: { columns: string[]; rows: Record<string, string>[] }) => body.rows.map((r) => body.columns.map((c) => r[c]).join(','));
    // Escalations: March's four (C-100) and April's three (C-200) are in the log; today is 15 April: the month to date.
    const escalations = await get('escalations', {});
    expect(escalations.status).toBe(200);
    expect(escalations.body.filters).toEqual({ from: '2027-04-01', to: '2027-04-15' });
    expect(escalations.body.periodAssumed).toMatch(/^No period asked: the month to date, 2027-04-01 to 2027-04-15/);
    expect(rows(escalations.body)).toEqual(['C-200,2027-04,3,2,1,2,2,1,0']);
    // Only to: the month of to, up to it (12 March: the two escalations of that day).
    const toOnly = await get('escalations', { to: '2027-03-12' });
    expect(toOnly.body.filters).toEqual({ from: '2027-03-01', to: '2027-03-12' });
    expect(rows(toOnly.body)).toEqual(['C-100,2027-03,2,1,1,1,2,0,0']);
    // Only from: up to today; a from after today is refused with the reason.
    const fromOnly = await get('escalations', { from: '2027-03-13' });
    expect(fromOnly.body.filters).toEqual({ from: '2027-03-13', to: '2027-04-15' });
    expect(fromOnly.body.periodAssumed).toBe('to not asked: 2027-04-15 (today, UTC).');
    expect(rows(fromOnly.body)).toEqual(['C-100,2027-03,2,1,0,2,0,1,1', 'C-200,2027-04,3,2,1,2,2,1,0']);
    const future = await get('escalations', { from: '2027-05-01' });
    expect(future.status).toBe(400);
    expect(future.body.reasons).toEqual(['from must not be after to (to not asked: 2027-04-15, today)']);
    // Customer load is taken on asOf: the month to date of asOf.
    const load = await get('customer-load', { asOf: '2027-03-13' });
    expect(load.body.filters).toEqual({ from: '2027-03-01', to: '2027-03-13', asOf: '2027-03-13' });
    expect(rows(load.body)).toEqual(rows((await get('customer-load', { from: '2027-03-01', to: '2027-03-13', asOf: '2027-03-13' })).body));
    // Trends and reliability take the twelve months to date: this month and the eleven before it.
    for (const report of ['completed-work', 'machine-reliability', 'warranty-cost']) {
      const { status, body } = await get(report, {});
      expect({ report, status, filters: body.filters }).toEqual({ report, status: 200, filters: { from: '2026-05-01', to: '2027-04-15' } });
      expect(body.periodAssumed).toMatch(/the twelve months to date/);
      expect(rows(body)).toEqual(rows((await get(report, { from: '2026-05-01', to: '2027-04-15' })).body));
      expect(body.rows.length).toBeGreaterThan(0);
    }
  });

  it('pages the dispatch backlog (a row per machine): limit up to 500, offset, and where the next page starts', async () => {
    const get = (query: Record<string, string>) => apiAs(service.app, ['analyst']).get('/reports/dispatch-backlog').query({ asOf: '2027-04-15', ...query });
    const serials = (body: { rows: Record<string, string>[] }) => body.rows.map((r) => `${r.serial_number}/${r.order_id}`);
    const all = await get({});
    expect(all.status).toBe(200);
    expect(all.body.filters).toEqual({ asOf: '2027-04-15', limit: '500', offset: '0' });
    expect(serials(all.body)).toEqual(['M-2001/SO-2', '/SO-3']);
    expect(all.body.nextOffset).toBeUndefined();
    const first = await get({ limit: '1' });
    expect(serials(first.body)).toEqual(['M-2001/SO-2']);
    expect(first.body.nextOffset).toBe(1);
    // The CSV of a page says where the next starts in a header, as it cannot in its rows.
    const firstCsv = await get({ limit: '1', format: 'csv' });
    expect(firstCsv.headers['x-next-offset']).toBe('1');
    const second = await get({ limit: '1', offset: String(first.body.nextOffset) });
    expect(serials(second.body)).toEqual(['/SO-3']);
    expect(second.body.nextOffset).toBeUndefined();
    const csv = await get({ limit: '1', offset: '1', format: 'csv' });
    expect(csv.headers['x-next-offset']).toBeUndefined();
    expect(csv.text.replace(/\r\n/g, '\n')).toBe('serial_number,sku,order_id,customer_id,dispatched_on,days_since_dispatch\n,PRS-80,SO-3,C-300,2027-03-01,45\n');
    const tooMany = await get({ limit: '501', offset: '-1' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.reasons).toEqual(['limit: limit must not be greater than 500', 'offset: offset must not be less than 0']);
    const notANumber = await get({ limit: 'all' });
    expect(notANumber.status).toBe(400);
    expect(notANumber.body.reasons).toContain('limit: limit must be an integer number');
    const unpaged = await apiAs(service.app, ['analyst']).get('/reports/utilization').query({ limit: '10' });
    expect(unpaged.status).toBe(400);
    expect(unpaged.body.reasons).toEqual([expect.stringMatching(/^limit does not apply to report utilization/)]);
  });

  it('keeps a record it cannot read, with the reason, and moves on', async () => {
    const { status, body } = await apiAs(service.app, ['analyst']).get('/read-models/rejected-events');
    expect(status).toBe(200);
    expect(body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ topic: 'psa.field-work', reasonCode: 'INVALID_JSON' }),
        expect.objectContaining({ topic: 'psa.field-work', reasonCode: 'SCHEMA_VIOLATION', reason: 'hours: must have required property \'hours\'' }),
      ]),
    );
    expect(body).toHaveLength(2);
  });

  it('shows a customer only their own figures, and no staff-only report', async () => {
    const own = await apiAs(service.app, ['customer'], { customerId: 'C-200' }).get('/reports/task-status').query({ asOf: '2027-04-15' });
    expect(own.status).toBe(200);
    expect(own.body.rows.map((r: Record<string, string>) => r.customer)).toEqual(['C-200']);
    const other = await apiAs(service.app, ['customer'], { customerId: 'C-200' }).get('/reports/task-status').query({ customerId: 'C-100' });
    expect(other.status).toBe(403);
    const staffOnly = await apiAs(service.app, ['customer'], { customerId: 'C-200' }).get('/reports/profitability');
    expect(staffOnly.status).toBe(403);
    const engineer = await apiAs(service.app, ['engineer']).get('/reports/utilization');
    expect(engineer.status).toBe(403);
  });

  it('rejects filters a report does not take, and malformed ones, with reasons', async () => {
    const wrong = await apiAs(service.app, ['analyst']).get('/reports/task-status').query({ engineerId: 'x', groupBy: 'team' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.reasons).toEqual([
      expect.stringMatching(/^engineerId does not apply to report task-status/),
      expect.stringMatching(/^groupBy must be one of customer, project, region/),
    ]);
    const malformed = await apiAs(service.app, ['analyst']).get('/reports/utilization').query({ from: '2027-13-01' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.reasons).toEqual([expect.stringMatching(/from must be a date/)]);
    const unknown = await apiAs(service.app, ['analyst']).get('/reports/nonsense');
    expect(unknown.status).toBe(404);
  });

  it('documents every report in OpenAPI', async () => {
    const { body } = await apiAs(service.app, ['analyst']).get('/docs/openapi.json');
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/reports', '/reports/{name}', '/read-models/positions']));
  });

  it('rebuilds from offset 0 into fresh read models equal to the incremental ones', async () => {
    const rebuiltUrl = `${config.databaseUrl}_rebuilt`;
    const progress: string[] = [];
    try {
      const result = await rebuildReadModels({
        databaseUrl: rebuiltUrl,
        kafka: config.kafka,
        topicPrefix: config.topicPrefix,
        topicPartitions: config.topicPartitions,
        progress: (p) => progress.push(describeProgress(p)),
        progressEveryMs: 200,
      });
      expect(result).toEqual(expect.objectContaining({ done: true, applied: stream.length, total: stream.length }));
      expect(progress[progress.length - 1]).toMatch(new RegExp(`^rebuilt: ${stream.length} / ${stream.length} records \\(100\\.0%\\)`));

      const rebuilt = new DataSource(serviceDataSourceOptions({ databaseUrl: rebuiltUrl, entities: ANALYTICS_ENTITIES, migrations: ANALYTICS_MIGRATIONS }));
      await rebuilt.initialize();
      try {
        expect(await snapshot(rebuilt)).toEqual(await snapshot(live));
        for (const { file, report, query } of GOLDEN) {
          const view = await runReport(rebuilt.manager, reportNamed(report)!, query, '2027-04-15');
          expect(toCsv(view.columns, view.rows).replace(/\r\n/g, '\n')).toBe(golden(file));
        }
        // The migrations that added the task, month, customer and owner sums fill them from the facts: the same sums
        // again. Tasks there before the owner column have no owner (their next event tells it): all under ''.
        const runner = rebuilt.createQueryRunner();
        try {
          const sums = new AddTaskStatusSums1764300000000();
          const customerSums = new AddCustomerTaskSumsAndTaskOwner1764400000000();
          await customerSums.down(runner);
          await sums.down(runner);
          await sums.up(runner);
          await customerSums.up(runner);
        } finally {
          await runner.release();
        }
        const withoutOwners = (tables: Record<string, unknown[]>) => {
          const rest = Object.fromEntries(Object.entries(tables).filter(([table]) => table !== 'owner_tasks' && table !== 'owner_due_day'));
          return { ...rest, task: (rest.task as Record<string, unknown>[]).map((t) => ({ ...t, owner: null })) };
        };
        const [liveTables, migrated] = [await snapshot(live), await snapshot(rebuilt)];
        expect((liveTables.task as { owner: string | null }[]).filter((t) => t.owner !== null).length).toBeGreaterThan(0);
        expect(withoutOwners(migrated)).toEqual(withoutOwners(liveTables));
        const allUnowned = async (sql: string) => [await live.query(sql), await rebuilt.query(sql)];
        const [ownerTotals, migratedOwnerTotals] = await allUnowned(
          `SELECT SUM(tasks)::int AS tasks, SUM(open_tasks)::int AS open, SUM(done_tasks)::int AS done, SUM(dated_open_tasks)::int AS dated FROM owner_tasks`,
        );
        expect(migratedOwnerTotals).toEqual(ownerTotals);
        expect(await rebuilt.query(`SELECT DISTINCT owner FROM owner_tasks WHERE tasks <> 0`)).toEqual([{ owner: '' }]);
        const [dueDays, migratedDueDays] = await allUnowned(
          `SELECT to_char(due_date, 'YYYY-MM-DD') AS day, SUM(open_tasks)::int AS open, SUM(unbooked_tasks)::int AS unbooked
           FROM owner_due_day WHERE open_tasks <> 0 GROUP BY 1 ORDER BY 1`,
        );
        expect(migratedDueDays).toEqual(dueDays);
      } finally {
        await rebuilt.destroy();
      }
    } finally {
      await dropDatabase(rebuiltUrl);
    }
  }, 60_000);
});
