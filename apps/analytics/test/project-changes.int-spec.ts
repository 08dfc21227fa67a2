import { DataSource } from 'typeorm';
import { devAuthConfig } from '#auth';
import { exampleServiceProjectCreated, type ProjectCommitment } from '#contracts';
import { dropDatabase, serviceDataSourceOptions } from '#persistence';
import { apiAs, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { ANALYTICS_API, ANALYTICS_DEFAULTS, ANALYTICS_ENTITIES, ANALYTICS_MIGRATIONS, AnalyticsModule } from '../src/analytics.module.js';
import { AnalyticsEventConsumer } from '../src/ingest/analytics-event-consumer.js';
import { rebuildReadModels } from '../src/ingest/rebuild.js';
import { reportNamed } from '../src/reports/report-catalog.js';
import { runReport } from '../src/reports/reports.service.js';
import { toCsv } from '../src/reports/csv.js';
import { caughtUp } from './caught-up.js';
import { fixtureEvent, type FixtureRecord } from './fixture-stream.js';

const PROJECT = '10000000-0000-4000-8000-000000000901';
const K = (n: number) => `30000000-0000-4000-8000-00000000090${n}`;
const CUSTOMER = { id: 'C-900', name: 'Delta Extrusions' };
const AS_OF = '2027-01-15';

function commitment(n: number, kind: string): ProjectCommitment {
  return { commitmentId: K(n), orderLineId: String(n * 10), sku: `SVC-${kind.toUpperCase()}`, kind, unitIndex: 1, status: 'promised' };
}

/** Order SO-900 as created: two commitments, no site named yet (so no region). */
const createdData = {
  ...structuredClone(exampleServiceProjectCreated),
  projectId: PROJECT,
  orderId: 'SO-900',
  customer: CUSTOMER,
  site: null,
  commitments: [commitment(1, 'installation'), commitment(2, 'training')],
  createdAt: '2027-01-04T09:00:00.000Z',
};
const created = fixtureEvent('psa.service-project.created.v1', createdData, createdData.createdAt);
/** An early change (revision 0: nothing of the order changed yet), published before the renumbering but delivered after it. */
const earlyChangeData = { ...createdData, revision: 0, changedAt: '2027-01-06T08:00:00.000Z' };
const earlyChange = fixtureEvent('psa.service-project.changed.v1', earlyChangeData, earlyChangeData.changedAt);
/** Revision 1: the ERP renumbered the order SO-900-A, the site came with it and a calibration line was added. */
const renumberedData = {
  ...createdData,
  orderId: 'SO-900-A',
  site: { id: 'C-900-DELHI', name: 'Delta Extrusions plant', region: 'North', country: 'IN', timezone: 'Asia/Kolkata' },
  commitments: [...createdData.commitments, commitment(3, 'calibration')],
  revision: 1,
  changedAt: '2027-01-10T08:00:00.000Z',
};
const renumbered = fixtureEvent('psa.service-project.changed.v1', renumberedData, renumberedData.changedAt);
/** The machine leaves under the order's new number. */
const dispatched = fixtureEvent(
  'erp.machine.dispatched.v1',
  { dispatchId: 'DN-900', orderId: 'SO-900-A', dispatchedAt: '2027-01-11T06:00:00.000Z', expectedDeliveryDate: null, siteId: null, lines: [{ lineId: '5', sku: 'INJ-250', quantity: 1, serialNumbers: ['M-9001'] }] },
  '2027-01-11T06:00:00.000Z',
);

const REPORTS: { report: string; query: Record<string, string> }[] = [
  { report: 'task-status', query: { asOf: AS_OF, groupBy: 'region', customerId: CUSTOMER.id } },
  { report: 'task-status', query: { asOf: AS_OF, groupBy: 'project' } },
  { report: 'customer-load', query: { from: '2027-01-01', to: '2027-01-31', asOf: AS_OF, customerId: CUSTOMER.id } },
  { report: 'dispatch-backlog', query: { asOf: AS_OF } },
];

describe('analytics follows a service project changed by its order (real Kafka and PostgreSQL)', () => {
  let service: TestApp;
  let kafka: TestKafka;
  let live: DataSource;
  const config = testServiceConfig(ANALYTICS_DEFAULTS);
  const produced: FixtureRecord[] = [];

  beforeAll(async () => {
    service = await startTestApp(AnalyticsModule.forRoot(config, devAuthConfig()), config, {
      title: ANALYTICS_API.title,
      transport: (app) => app.get(AnalyticsEventConsumer),
    });
    live = service.app.get(DataSource);
    kafka = new TestKafka(config.topicPrefix);
  }, 60_000);

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
  });

  async function produce(...records: FixtureRecord[]): Promise<void> {
    for (const { topic, key, value, headers } of records) await kafka.produce(topic, [{ key, value, headers }]);
    produced.push(...records);
    await caughtUp(kafka, live);
  }

  const csv = async (report: string, query: Record<string, string>) => {
    const response = await apiAs(service.app, ['analyst']).get(`/reports/${report}`).query({ ...query, format: 'csv' });
    expect(response.status).toBe(200);
    return response.text.replace(/\r\n/g, '\n').trim().split('\n').slice(1);
  };

  /** What the change moves: pending commitments per region and project, open commitments, the dispatched machine's customer. */
  const figures = async () => ({
    byRegion: await csv('task-status', REPORTS[0]!.query),
    byProject: await csv('task-status', REPORTS[1]!.query),
    load: await csv('customer-load', REPORTS[2]!.query),
    backlog: await csv('dispatch-backlog', REPORTS[3]!.query),
    project: await live.query(`SELECT order_id, region FROM project WHERE project_id = $1`, [PROJECT]),
  });

  const afterRenumbering = {
    // region,open,due,overdue,at_risk,done,pending_commitments,open_service_requests,sla_met,sla_breached
    byRegion: ['North,0,0,0,0,0,3,0,0,0'],
    byProject: [`${PROJECT},0,0,0,0,0,3,0,0,0`],
    // customer,visits_completed,hours,open_commitments,open_service_requests,sla_breaches,amc_renewals_30,_60,_90
    load: ['C-900,0,0.00,3,0,0,0,0,0'],
    // serial_number,sku,order_id,customer_id,dispatched_on,days_since_dispatch
    backlog: ['M-9001,INJ-250,SO-900-A,C-900,2027-01-11,4'],
    project: [{ order_id: 'SO-900-A', region: 'North' }],
  };

  it('before any change: two pending commitments without a region, and a machine under the new number nobody knows', async () => {
    await produce(created, dispatched);
    expect(await figures()).toEqual({
      byRegion: [',0,0,0,0,0,2,0,0,0'],
      byProject: [`${PROJECT},0,0,0,0,0,2,0,0,0`],
      load: ['C-900,0,0.00,2,0,0,0,0,0'],
      backlog: ['M-9001,INJ-250,SO-900-A,,2027-01-11,4'],
      project: [{ order_id: 'SO-900', region: null }],
    });
  });

  it('after the change: the added commitment, the new order number and the region', async () => {
    await produce(renumbered);
    expect(await figures()).toEqual(afterRenumbering);
  });

  it('an older change delivered late, and the change delivered again, undo nothing', async () => {
    await produce(earlyChange, renumbered);
    expect(await figures()).toEqual(afterRenumbering);
  });

  it('rebuilds from offset 0 into the same figures', async () => {
    const rebuiltUrl = `${config.databaseUrl}_rebuilt`;
    try {
      const result = await rebuildReadModels({ databaseUrl: rebuiltUrl, kafka: config.kafka, topicPrefix: config.topicPrefix, topicPartitions: config.topicPartitions });
      expect(result).toEqual(expect.objectContaining({ done: true, applied: produced.length, total: produced.length }));
      const rebuilt = new DataSource(serviceDataSourceOptions({ databaseUrl: rebuiltUrl, entities: ANALYTICS_ENTITIES, migrations: ANALYTICS_MIGRATIONS }));
      await rebuilt.initialize();
      try {
        const rows = async (db: DataSource) => ({
          project: await db.query(`SELECT to_jsonb(p) AS row FROM project p ORDER BY project_id`),
          commitment: await db.query(`SELECT to_jsonb(c) AS row FROM commitment c ORDER BY commitment_id`),
          pending: await db.query(`SELECT commitment_id, customer_id, region FROM commitment_pending ORDER BY commitment_id`),
          perRegion: await db.query(`SELECT customer_id, region, pending_commitments FROM customer_region_tasks WHERE pending_commitments <> 0 ORDER BY 1, 2`),
          perCustomer: await db.query(`SELECT customer_id, pending_commitments FROM customer_tasks WHERE pending_commitments <> 0 ORDER BY 1`),
        });
        const liveRows = await rows(live);
        expect(liveRows.pending).toEqual([1, 2, 3].map((n) => ({ commitment_id: K(n), customer_id: CUSTOMER.id, region: 'North' })));
        expect(await rows(rebuilt)).toEqual(liveRows);
        for (const { report, query } of REPORTS) {
          const [fresh, kept] = await Promise.all([rebuilt, live].map((db) => runReport(db.manager, reportNamed(report)!, query, AS_OF)));
          expect(toCsv(fresh!.columns, fresh!.rows)).toBe(toCsv(kept!.columns, kept!.rows));
        }
      } finally {
        await rebuilt.destroy();
      }
    } finally {
      await dropDatabase(rebuiltUrl);
    }
  }, 60_000);
});
