/**
 * What one POST /invoice-requests takes: only the lines of its selection, read
 * and locked by PostgreSQL (a cut-off request never waits on, or locks, the work
 * after the cut-off), and never more than the cap, here 4 lines, set at startup.
 * Ready lines come from real time approvals on a real broker.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { devAuthConfig } from '#auth';
import { Topics, exampleEvent, exampleServiceProjectCreated, exampleServiceRequestRaised, exampleTimeApproved, type BillingLineChangedV1, type CloudEvent } from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { Clock, FixedClock } from '#platform';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { record } from '../../field-execution/test/factories.js';
import { BILLING_DEFAULTS, BillingModule } from '../src/billing.module.js';

type Line = { id: string; state: string; amount: string; workDate: string; invoiceRequestId: string | null; source: { kind: string; ref: string } };
type Request = { id: string; total: string; period: { from: string; to: string }; lines: { lineId: string; amount: string }[] };

const MAX_LINES = 4;

describe('invoice requests take only their selection, up to a cap', () => {
  const clock = new FixedClock(new Date('2027-03-31T12:00:00Z'));
  const customerId = `C-S${Date.now() % 100000}`;
  const projectId = randomUUID();
  const orderId = `SO-S-${Date.now() % 100000}`;
  const taskId = randomUUID();
  let billing: TestApp;
  let kafka: TestKafka;
  let holder: pg.Client;

  beforeAll(async () => {
    const config = testServiceConfig(BILLING_DEFAULTS);
    billing = await startTestApp(BillingModule.forRoot(config, devAuthConfig(), 'INR', MAX_LINES), config, {
      transport: (app) => app.get(KafkaEventTransport),
      overrides: [[Clock, clock]],
    });
    kafka = new TestKafka(config.topicPrefix);
    holder = new pg.Client({ connectionString: config.databaseUrl });
    await holder.connect();
    const finance = apiAs(billing.app, ['finance']);
    await finance.post('/rate-cards').send({ rate: '2500.00', currency: 'INR', validFrom: '2027-01-01' }).expect(201);
    await finance.post('/rate-cards').send({ kind: 'cost', rate: '900.00', currency: 'INR', validFrom: '2027-01-01' }).expect(201);
  });

  afterAll(async () => {
    await holder?.end();
    await kafka?.close();
    await billing?.close();
  });

  const finance = () => apiAs(billing.app, ['finance'], { subject: 'meera.finance' });
  const ledger = async () => (await finance().get('/ledger').query({ customerId }).expect(200)).body as { lines: Line[]; totals: Record<string, Record<string, { lines: number; amount: string }>> };

  /** Six uncovered repairs on one breakdown task: two in February (7,500.00), four in March (11,250.00). */
  async function readyRepairs(): Promise<Line[]> {
    const project = {
      ...structuredClone(exampleServiceProjectCreated),
      projectId,
      orderId,
      customer: { id: customerId, name: 'Selection Test Plastics' },
      commitments: [{ ...structuredClone(exampleServiceProjectCreated.commitments[0]), commitmentId: randomUUID() }],
    };
    const task = { ...structuredClone(exampleServiceRequestRaised.task), taskId, projectId, customerId, orderId, serialNumber: `INJ250-S${Date.now() % 100000}`, serviceRequestId: randomUUID() };
    await kafka.produce(Topics.serviceProjects, [
      record(exampleEvent('psa.service-project.created.v1', project), projectId),
      record(exampleEvent('psa.task.ready.v1', { task, readyAt: '2027-02-01T05:00:00Z' }), projectId),
    ]);
    const work: [string, number][] = [['2027-02-10', 1], ['2027-02-20', 2], ['2027-03-05', 1], ['2027-03-12', 1], ['2027-03-19', 2], ['2027-03-26', 0.5]];
    const entries = work.map(([day, hours]) => {
      const start = `${day}T05:00:00Z`;
      const end = new Date(Date.parse(start) + hours * 3600_000).toISOString().replace('.000', '');
      return { ...structuredClone(exampleTimeApproved), taskId, visitId: randomUUID(), projectId, customerId, timeEntryId: randomUUID(), start, end, hours: hours.toFixed(2) };
    });
    await kafka.produce(Topics.fieldWork, entries.map((entry) => record(exampleEvent('psa.time.approved.v1', entry), taskId)));
    return eventually(async () => {
      const ready = (await ledger()).lines.filter((l) => l.state === 'ready');
      return ready.length === work.length ? ready : undefined;
    }, { what: 'six ready repairs', timeoutMs: 60_000 });
  }

  it('refuses a selection over the cap with the reason; a cut-off request neither waits on nor touches the later lines, which a second request then takes', async () => {
    const ready = await readyRepairs();
    const february = ready.filter((l) => l.workDate < '2027-03-01');
    const march = ready.filter((l) => l.workDate >= '2027-03-01');
    expect(february.map((l) => l.amount)).toEqual(['2500.00', '5000.00']);
    expect(march.map((l) => l.amount)).toEqual(['2500.00', '2500.00', '5000.00', '1250.00']);

    // Six lines, four allowed: refused with the reason and how to narrow it; nothing is requested.
    const tooMany = await finance().post('/invoice-requests').send({ customerId }).expect(400);
    expect(tooMany.body).toMatchObject({ code: 'SELECTION_TOO_LARGE', maxLines: MAX_LINES, selectedLines: 6 });
    expect(tooMany.body.message).toMatch(/holds 6 ready lines .* at most 4: narrow it with cutoff \(or from\), orderId, projectId or lineIds/);
    expect((await ledger()).lines.filter((l) => l.state === 'ready')).toHaveLength(6);

    // A ready line after the cut-off, chosen by id, is not "not ready": it is just not in this period.
    const outside = await finance().post('/invoice-requests').send({ customerId, cutoff: '2027-02-28', lineIds: [march[0].id] }).expect(409);
    expect(outside.body.code).toBe('NOTHING_TO_INVOICE');

    // Another transaction holds March's lines: a request up to February's end must not need them.
    await holder.query('BEGIN');
    let cutOff: Request;
    try {
      const locked = await holder.query('SELECT id FROM ledger_line WHERE id = ANY($1::uuid[]) FOR UPDATE', [march.map((l) => l.id)]);
      expect(locked.rowCount).toBe(4);
      const res = await finance().post('/invoice-requests').send({ customerId, cutoff: '2027-02-28' }).timeout(20_000).expect(201);
      expect(res.body).toHaveLength(1);
      cutOff = res.body[0];
      // ...and left them unlocked: another request may lock them at once.
      const free = await holder.query(`SELECT id FROM ledger_line WHERE id = ANY($1::uuid[]) AND state = 'ready' FOR UPDATE NOWAIT`, [march.map((l) => l.id)]);
      expect(free.rowCount).toBe(4);
    } finally {
      await holder.query('ROLLBACK');
    }
    expect(cutOff.lines.map((l) => l.lineId)).toEqual(february.map((l) => l.id));
    expect(cutOff.total).toBe('7500.00');
    expect(cutOff.period).toEqual({ from: '2027-02-01', to: '2027-02-28' });

    // March stays ready, and the totals say so.
    const after = await ledger();
    expect(after.lines.filter((l) => l.state === 'ready').map((l) => l.id)).toEqual(march.map((l) => l.id));
    expect(after.totals.INR).toMatchObject({ ready: { lines: 4, amount: '11250.00' }, requested: { lines: 2, amount: '7500.00' } });

    // Each requested line has its audit record and its own psa.billing-line.changed.v1, as before.
    for (const line of february) {
      const { adjustments } = (await finance().get(`/ledger/${line.id}`).expect(200)).body;
      expect(adjustments.filter((a: { action: string }) => a.action === 'request')).toEqual([
        expect.objectContaining({ fromState: 'ready', toState: 'requested', oldAmount: line.amount, newAmount: line.amount, actor: 'meera.finance', invoiceRequestId: cutOff.id, reason: `On invoice request ${cutOff.id}` }),
      ]);
    }
    const requestedEvents = async () =>
      (await kafka.readAll(Topics.billing))
        .map((r) => JSON.parse(r.value!.toString()) as CloudEvent<BillingLineChangedV1>)
        .filter((e) => e.data.customerId === customerId && e.data.state === 'requested');
    const events = await eventually(async () => {
      const found = await requestedEvents();
      return found.length === 2 ? found : undefined;
    }, { what: "February's two requested events" });
    expect(events.map((e) => [e.data.lineId, e.data.previousState, e.data.invoiceRequestId, e.data.amount])).toEqual(february.map((l) => [l.id, 'ready', cutOff.id, l.amount]));

    // The rest, four lines: within the cap.
    const [rest] = (await finance().post('/invoice-requests').send({ customerId, from: '2027-03-01' }).expect(201)).body as Request[];
    expect(rest.lines.map((l) => l.lineId)).toEqual(march.map((l) => l.id));
    expect(rest.total).toBe('11250.00');
    expect(rest.period).toEqual({ from: '2027-03-01', to: '2027-03-31' });
    expect((await ledger()).totals.INR).toMatchObject({ requested: { lines: 6, amount: '18750.00' } });
    expect((await ledger()).totals.INR.ready).toBeUndefined();
    await eventually(async () => ((await requestedEvents()).length === 6 ? true : undefined), { what: 'six requested events' });
  });
});
