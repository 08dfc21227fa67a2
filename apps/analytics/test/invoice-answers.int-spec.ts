/**
 * Analytics' invoicing figures agree with billing's books (real Kafka and PostgreSQL, billing and analytics
 * each on its own database, on one set of topics). ERP accounting's answers go to erp.accounting as the ERP
 * sends them; billing dead-letters those that do not fit and announces the ones it accepts
 * (psa.invoice.answered.v1 on psa.billing), and analytics takes the answers only from there. Before, analytics
 * read erp.accounting and applied every answer: a posting billing refused showed as posted.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { devAuthConfig } from '#auth';
import { Topics, checkEventData, exampleCoverageChanged, exampleEvent, exampleServiceProjectCreated, type CloudEvent, type InvoiceAnsweredV1, type ServiceProjectCreatedV1 } from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { dropDatabase, serviceDataSourceOptions } from '#persistence';
import { Clock, FixedClock } from '#platform';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, uniqueSuffix, type TestApp } from '#testing';
import { BILLING_DEFAULTS, BillingModule } from '../../billing/src/billing.module.js';
import { AnnounceInvoiceAnswers1766000000000 } from '../../billing/src/migrations/1766000000000-AnnounceInvoiceAnswers.js';
import { record } from '../../field-execution/test/factories.js';
import { ANALYTICS_API, ANALYTICS_DEFAULTS, ANALYTICS_ENTITIES, ANALYTICS_MIGRATIONS, AnalyticsModule } from '../src/analytics.module.js';
import { AnalyticsEventConsumer } from '../src/ingest/analytics-event-consumer.js';
import { rebuildReadModels } from '../src/ingest/rebuild.js';
import { reportNamed } from '../src/reports/report-catalog.js';
import { runReport } from '../src/reports/reports.service.js';
import { caughtUp } from './caught-up.js';

type InvoicingRow = Record<string, string>;

describe("analytics takes ERP accounting's answers as billing accepted them", () => {
  const suffix = uniqueSuffix();
  const clock = new FixedClock(new Date('2026-12-05T12:00:00Z'));
  const customerId = `C-IA${Date.now() % 100000}`;
  const projectId = randomUUID();
  const commitmentId = randomUUID();
  const billingConfig = testServiceConfig(BILLING_DEFAULTS, { suffix });
  const analyticsConfig = testServiceConfig(ANALYTICS_DEFAULTS, { suffix });
  let billing: TestApp;
  let analytics: TestApp;
  let kafka: TestKafka;

  beforeAll(async () => {
    billing = await startTestApp(BillingModule.forRoot(billingConfig, devAuthConfig(), 'INR'), billingConfig, {
      transport: (app) => app.get(KafkaEventTransport),
      overrides: [[Clock, clock]],
    });
    analytics = await startTestApp(AnalyticsModule.forRoot(analyticsConfig, devAuthConfig()), analyticsConfig, {
      title: ANALYTICS_API.title,
      transport: (app) => app.get(AnalyticsEventConsumer),
    });
    kafka = new TestKafka(billingConfig.topicPrefix);
  });

  afterAll(async () => {
    await kafka?.close();
    await analytics?.close();
    await billing?.close();
  });

  const finance = () => apiAs(billing.app, ['finance'], { subject: 'meera.finance' });
  const produce = (topic: string, type: string, data: object, key: string) => kafka.produce(topic, [record(exampleEvent(type, data, { subject: key }), key)]);
  const answer = (type: string, data: { invoiceRequestId: string; [field: string]: unknown }) => produce(Topics.accounting, type, data, data.invoiceRequestId);

  /** Analytics' invoicing report for March 2027 (when the requests are made), this customer's one row. */
  async function invoicing(): Promise<InvoicingRow | undefined> {
    const res = await apiAs(analytics.app, ['analyst']).get('/reports/invoicing').query({ from: '2027-03-01', to: '2027-03-31', customerId }).expect(200);
    return (res.body.rows as InvoicingRow[])[0];
  }
  const invoicingWhen = (what: string, fits: (row: InvoicingRow) => boolean) =>
    eventually(async () => {
      const row = await invoicing();
      return row && fits(row) ? row : undefined;
    }, { what, timeoutMs: 45_000 });

  async function deadLetters(count: number): Promise<{ key: string | null; code: string; reason: string }[]> {
    return eventually(async () => {
      const found = (await kafka.readAll(`${Topics.accounting}.dlq`)).map((r) => ({ key: r.key, code: r.headers['dlq-reason-code']!, reason: r.headers['dlq-reason']! }));
      return found.length >= count ? found : undefined;
    }, { what: `${count} dead-lettered answers`, timeoutMs: 30_000 });
  }

  async function announcements(): Promise<CloudEvent<InvoiceAnsweredV1>[]> {
    return (await kafka.readAll(Topics.billing))
      .map((r) => JSON.parse(r.value!.toString()) as CloudEvent<InvoiceAnsweredV1>)
      .filter((e) => e.type === 'psa.invoice.answered.v1');
  }

  it('counts only the answers billing accepted: a refused posting leaves the request awaiting, a good one is posted', async () => {
    // An AMC billed quarterly: the December and March instalments (30000.00 each) are due by 10 March.
    const project: ServiceProjectCreatedV1 = {
      ...structuredClone(exampleServiceProjectCreated),
      projectId,
      orderId: `SO-IA-${suffix}`,
      customer: { id: customerId, name: 'Invoice Answers Plastics' },
      commitments: [
        {
          commitmentId,
          orderLineId: '60',
          sku: 'AMC-STD-12M',
          kind: 'amc',
          description: 'Annual maintenance contract',
          unitPrice: '120000.00',
          billing: { kind: 'contract_fee', schedule: 'quarterly' },
          taskKeys: ['pm'],
          unitIndex: 1,
          status: 'promised',
        },
      ],
    };
    await produce(Topics.serviceProjects, 'psa.service-project.created.v1', project, projectId);
    await produce(Topics.serviceProjects, 'psa.coverage.changed.v1', {
      ...structuredClone(exampleCoverageChanged),
      serialNumber: `INJ250-IA${suffix}`,
      customerId,
      projectId,
      coverage: { kind: 'amc', contractId: randomUUID(), commitmentId, startsOn: '2026-12-01', endsOn: '2027-11-30', scope: 'labour', visitQuota: 2, status: 'active' },
    }, projectId);
    await eventually(async () => {
      const lines = (await finance().get('/ledger').query({ customerId }).expect(200)).body.lines as { source: { kind: string } }[];
      return lines.filter((l) => l.source.kind === 'contract').length === 4 ? true : undefined;
    }, { what: 'four quarterly instalments', timeoutMs: 30_000 });
    clock.set('2027-03-10T12:00:00Z');
    const [december] = (await finance().post('/invoice-requests').send({ customerId, cutoff: '2026-12-31' }).expect(201)).body;
    const [march] = (await finance().post('/invoice-requests').send({ customerId, cutoff: '2027-03-31' }).expect(201)).body;
    expect([december.total, march.total]).toEqual(['30000.00', '30000.00']);
    await invoicingWhen('both requests in analytics', (r) => r.requests === '2');

    // Answers billing refuses: a posting for a request ServiceLoop never made, a posting of December without the
    // rupee's two decimal places, and a posting of March after its rejection (the rejection itself is accepted).
    const stranger = randomUUID();
    await answer('erp.invoice.posted.v1', { invoiceRequestId: stranger, invoiceNumber: 'INV-IA-9', postedAt: '2027-03-11T10:00:00Z', total: '100.00' });
    await answer('erp.invoice.posted.v1', { invoiceRequestId: december.id, invoiceNumber: 'INV-IA-1', postedAt: '2027-03-11T10:00:00Z', total: '30000' });
    await answer('erp.invoice.rejected.v1', { invoiceRequestId: march.id, rejectedAt: '2027-03-11T11:00:00Z', reason: 'Customer PO missing' });
    await answer('erp.invoice.posted.v1', { invoiceRequestId: march.id, invoiceNumber: 'INV-IA-2', postedAt: '2027-03-11T12:00:00Z', total: '30000.00' });
    const letters = await deadLetters(3);
    expect(letters.map((l) => [l.key, l.code])).toEqual(expect.arrayContaining([
      [stranger, 'PROCESSING_FAILED'],
      [december.id, 'SCHEMA_VIOLATION'],
      [march.id, 'PROCESSING_FAILED'],
    ]));
    expect((await finance().get(`/invoice-requests/${december.id}`).expect(200)).body.accountingStatus).toBe('requested');

    // Analytics agrees: March rejected, December still awaiting its answer, nothing posted, the stranger nowhere.
    const refused = await invoicingWhen('the rejection in analytics', (r) => r.rejected === '1');
    expect(refused).toMatchObject({ requests: '2', requested_amount: '60000.00', posted: '0', posted_amount: '0.00', rejected: '1', credited: '0', awaiting: '1', awaiting_amount: '30000.00' });
    const db = analytics.app.get(DataSource);
    expect(await db.query(`SELECT 1 FROM invoice_request WHERE invoice_request_id = $1`, [stranger])).toEqual([]);
    expect((await db.query(`SELECT answer, posted_total FROM invoice_request WHERE invoice_request_id = $1`, [december.id]))[0]).toEqual({ answer: null, posted_total: null });

    // The ERP posts December properly (29999.00: a differing total, recorded and flagged), then sends it again.
    await answer('erp.invoice.posted.v1', { invoiceRequestId: december.id, invoiceNumber: 'INV-IA-1', postedAt: '2027-03-12T10:00:00Z', total: '29999.00' });
    await answer('erp.invoice.posted.v1', { invoiceRequestId: december.id, invoiceNumber: 'INV-IA-1', postedAt: '2027-03-12T10:00:00Z', total: '29999.00' });
    const posted = await invoicingWhen('the posting in analytics', (r) => r.posted === '1');
    expect(posted).toMatchObject({ requests: '2', posted: '1', posted_amount: '29999.00', rejected: '1', awaiting: '0', awaiting_amount: '0.00' });
    expect((await db.query(`SELECT answer, invoice_number, posted_total::text, posted_at FROM invoice_request WHERE invoice_request_id = $1`, [december.id]))[0]).toEqual({
      answer: 'posted',
      invoice_number: 'INV-IA-1',
      posted_total: '29999.0000',
      posted_at: new Date('2027-03-12T10:00:00Z'),
    });

    // Billing announced exactly the two answers it accepted (the repeat and the refused ones not at all).
    const announced = await eventually(async () => {
      const found = await announcements();
      return found.length >= 2 ? found : undefined;
    }, { what: 'two announcements' });
    expect(announced.map((e) => [e.data.invoiceRequestId, e.data.answer])).toEqual(
      expect.arrayContaining([[march.id, 'rejected'], [december.id, 'posted']]),
    );
    expect(announced).toHaveLength(2);
    const decemberPosted = announced.find((e) => e.data.invoiceRequestId === december.id)!;
    expect(decemberPosted).toMatchObject({ source: 'serviceloop://billing', subject: december.id });
    expect(decemberPosted.data).toEqual({
      invoiceRequestId: december.id,
      answer: 'posted',
      answeredAt: '2027-03-12T10:00:00.000Z',
      customerId,
      projectId,
      orderId: project.orderId,
      currency: 'INR',
      invoiceNumber: 'INV-IA-1',
      postedTotal: '29999.00',
      totalMismatch: true,
      reason: 'ERP posted 29999.00, requested 30000.00',
    });
  });

  it("announces, by billing's migration, every request answered before, exactly as the live announcements, and analytics' figures do not move", async () => {
    const before = await invoicing();
    const live = await announcements();
    const db = billing.app.get(DataSource);
    const runner = db.createQueryRunner();
    try {
      await new AnnounceInvoiceAnswers1766000000000().up(runner);
    } finally {
      await runner.release();
    }
    const again = await eventually(async () => {
      const found = await announcements();
      return found.length >= 2 * live.length ? found : undefined;
    }, { what: "the migration's announcements published" });
    const fresh = again.filter((e) => !live.some((l) => l.id === e.id));
    const dataOf = (events: CloudEvent<InvoiceAnsweredV1>[]) => events.map((e) => e.data).sort((a, b) => (a.invoiceRequestId < b.invoiceRequestId ? -1 : 1));
    expect(dataOf(fresh)).toEqual(dataOf(live));
    for (const event of fresh) {
      expect(checkEventData(event.type, event.data)).toEqual({ ok: true });
      expect(event).toMatchObject({ specversion: '1.0', source: 'serviceloop://billing', subject: event.data.invoiceRequestId, datacontenttype: 'application/json' });
    }
    // Analytics applies them once more: the same figures.
    await caughtUp(kafka, analytics.app.get(DataSource));
    expect(await invoicing()).toEqual(before);
  });

  it('gives the same answers after a rebuild from the event log', async () => {
    const rebuiltUrl = `${analyticsConfig.databaseUrl}_rebuilt`;
    try {
      await rebuildReadModels({ databaseUrl: rebuiltUrl, kafka: analyticsConfig.kafka, topicPrefix: analyticsConfig.topicPrefix, topicPartitions: analyticsConfig.topicPartitions });
      const rebuilt = new DataSource(serviceDataSourceOptions({ databaseUrl: rebuiltUrl, entities: ANALYTICS_ENTITIES, migrations: ANALYTICS_MIGRATIONS }));
      await rebuilt.initialize();
      try {
        const rows = (db: DataSource) => db.query(`SELECT to_jsonb(r) AS row FROM invoice_request r ORDER BY invoice_request_id`);
        expect(await rows(rebuilt)).toEqual(await rows(analytics.app.get(DataSource)));
        const view = await runReport(rebuilt.manager, reportNamed('invoicing')!, { from: '2027-03-01', to: '2027-03-31', customerId }, '2027-04-15');
        expect(view.rows).toEqual([await invoicing()].map((r) => ({ ...r })));
      } finally {
        await rebuilt.destroy();
      }
    } finally {
      await dropDatabase(rebuiltUrl);
    }
  });
});
