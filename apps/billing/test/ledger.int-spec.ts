/**
 * Billing on its own, fed with service-commitments' and field-execution's facts
 * and ERP accounting's answers on a real broker: AMC fees by instalment, the AMC
 * visit quota, labour-only scope with parts, work that arrives before its task,
 * duplicates and corrections, credit notes and a posted total that differs,
 * finance's adjustments, cut-off and partial invoicing.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { devAuthConfig } from '#auth';
import {
  Topics,
  exampleCoverageChanged,
  exampleEvent,
  exampleServiceProjectCreated,
  exampleServiceRequestRaised,
  exampleTimeApproved,
  examplePartsConsumed,
  type BillingLineChangedV1,
  type CloudEvent,
  type InvoiceRequestedV1,
  type ServiceProjectCreatedV1,
} from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { Clock, FixedClock } from '#platform';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { record } from '../../field-execution/test/factories.js';
import { BILLING_DEFAULTS, BillingModule } from '../src/billing.module.js';
import { DueInstalments } from '../src/ledger/due-instalments.js';

type Line = { id: string; state: string; amount: string; cost: string; unitPrice: string; billable: boolean; coverage: string; reason: string; source: { kind: string; ref: string }; workDate: string; credited: boolean };

describe('billing ledger', () => {
  const clock = new FixedClock(new Date('2026-12-05T12:00:00Z'));
  let billing: TestApp;
  let kafka: TestKafka;
  const customerId = `C-L${Date.now() % 100000}`;
  const serial = `INJ250-L${Date.now() % 100000}`;
  const projectId = randomUUID();
  const amcCommitmentId = randomUUID();
  const contractId = randomUUID();

  beforeAll(async () => {
    const config = testServiceConfig(BILLING_DEFAULTS);
    billing = await startTestApp(BillingModule.forRoot(config, devAuthConfig(), 'INR'), config, {
      transport: (app) => app.get(KafkaEventTransport),
      overrides: [[Clock, clock]],
    });
    kafka = new TestKafka(config.topicPrefix);
    const finance = apiAs(billing.app, ['finance']);
    await finance.post('/rate-cards').send({ rate: '2500.00', currency: 'INR', validFrom: '2026-01-01', partsMarkupPercent: '10' }).expect(201);
    await finance.post('/rate-cards').send({ kind: 'cost', rate: '900.00', currency: 'INR', validFrom: '2026-01-01' }).expect(201);
  });

  afterAll(async () => {
    await kafka?.close();
    await billing?.close();
  });

  const finance = () => apiAs(billing.app, ['finance'], { subject: 'meera.finance' });
  const produce = (topic: string, type: string, data: object, key: string, id?: string) =>
    kafka.produce(topic, [record(exampleEvent(type, data, id ? { id } : {}), key)]);

  async function lines(): Promise<Line[]> {
    return (await finance().get('/ledger').query({ customerId }).expect(200)).body.lines;
  }
  const line = (where: (l: Line) => boolean, what: string) => eventually(async () => (await lines()).find(where), { what, timeoutMs: 30_000 });

  /** A project of this customer's order selling one promised commitment (its first unit). */
  function projectSelling(id: string, orderId: string, commitment: Omit<ServiceProjectCreatedV1['commitments'][number], 'unitIndex' | 'status'>): ServiceProjectCreatedV1 {
    return {
      ...structuredClone(exampleServiceProjectCreated),
      projectId: id,
      orderId,
      customer: { id: customerId, name: 'Ledger Test Plastics' },
      commitments: [{ ...commitment, unitIndex: 1, status: 'promised' }],
    };
  }

  function breakdownTask(taskId: string) {
    return { ...structuredClone(exampleServiceRequestRaised.task), taskId, projectId, customerId, serialNumber: serial, orderId: 'SO-L-1', serviceRequestId: randomUUID() };
  }

  function time(taskId: string, visitId: string, start: string, hours: number, extra: object = {}) {
    const end = new Date(Date.parse(start) + hours * 3600_000).toISOString().replace('.000', '');
    return { ...structuredClone(exampleTimeApproved), taskId, visitId, projectId, customerId, timeEntryId: randomUUID(), start, end, hours: hours.toFixed(2), ...extra };
  }

  it('bills an AMC quarterly, each instalment ready on the day it falls due', async () => {
    const project = projectSelling(projectId, 'SO-L-1', {
      commitmentId: amcCommitmentId,
      orderLineId: '60',
      sku: 'AMC-STD-12M',
      kind: 'amc',
      description: 'Annual maintenance contract',
      unitPrice: '120000.00',
      billing: { kind: 'contract_fee', schedule: 'quarterly' },
      taskKeys: ['pm'],
    });
    await produce(Topics.serviceProjects, 'psa.service-project.created.v1', project, projectId);
    await produce(Topics.serviceProjects, 'psa.coverage.changed.v1', { ...structuredClone(exampleCoverageChanged), serialNumber: serial, customerId, projectId, coverage: { kind: 'warranty', contractId: null, commitmentId: null, startsOn: '2025-12-01', endsOn: '2026-11-30', scope: 'labour_and_parts', visitQuota: null, status: 'expired' } }, projectId);
    await produce(Topics.serviceProjects, 'psa.coverage.changed.v1', { ...structuredClone(exampleCoverageChanged), serialNumber: serial, customerId, projectId, coverage: { kind: 'amc', contractId, commitmentId: amcCommitmentId, startsOn: '2026-12-01', endsOn: '2027-11-30', scope: 'labour', visitQuota: 2, status: 'active' } }, projectId);

    const contract = await eventually(async () => {
      const found = (await lines()).filter((l) => l.source.kind === 'contract');
      return found.length === 4 ? found : undefined;
    }, { what: 'four quarterly instalments' });
    expect(contract.map((l) => [l.workDate, l.amount, l.state])).toEqual([
      ['2026-12-01', '30000.00', 'ready'],
      ['2027-03-01', '30000.00', 'unbilled'],
      ['2027-06-01', '30000.00', 'unbilled'],
      ['2027-09-01', '30000.00', 'unbilled'],
    ]);
    clock.set('2027-03-01T08:00:00Z');
    expect(await billing.app.get(DueInstalments).promote()).toBe(1);
    expect((await lines()).filter((l) => l.source.kind === 'contract').map((l) => l.state)).toEqual(['ready', 'ready', 'unbilled', 'unbilled']);

    // A page of the ledger: its lines in order, and the totals of every line, not of the page.
    const ledgerPage = async (page: Record<string, number>) => (await finance().get('/ledger').query({ customerId, ...page }).expect(200)).body;
    const whole = await ledgerPage({});
    expect(whole.totals.INR).toMatchObject({ ready: { lines: 2, amount: '60000.00', cost: '0.00' }, unbilled: { lines: 2, amount: '60000.00', cost: '0.00' } });
    const first = await ledgerPage({ limit: 1 });
    expect(first.lines).toEqual(whole.lines.slice(0, 1));
    expect(first.totals).toEqual(whole.totals);
    expect((await ledgerPage({ limit: 2, offset: 1 })).lines).toEqual(whole.lines.slice(1, 3));
    expect((await ledgerPage({ offset: whole.lines.length })).lines).toEqual([]);
    const badPage = await finance().get('/ledger').query({ customerId, offset: -1 }).expect(400);
    expect(badPage.body.reasons.join('\n')).toMatch(/offset must not be less than 0/);
    clock.set('2027-03-10T12:00:00Z');
  });

  it('covers two visits under the AMC quota of two, bills the third; a labour-only AMC bills the parts', async () => {
    const taskId = randomUUID();
    // The approval arrives before billing has heard of its task: it waits, then applies.
    const early = time(taskId, randomUUID(), '2027-03-02T05:00:00Z', 3);
    await produce(Topics.fieldWork, 'psa.time.approved.v1', early, taskId);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await lines()).some((l) => l.source.ref === early.timeEntryId)).toBe(false);
    await produce(Topics.serviceProjects, 'psa.service-request.raised.v1', { ...structuredClone(exampleServiceRequestRaised), projectId, customerId, serialNumber: serial, task: breakdownTask(taskId) }, projectId);
    const first = await line((l) => l.source.ref === early.timeEntryId, 'the parked approval applied');
    expect(first).toMatchObject({ state: 'non_billable', coverage: 'amc', amount: '0.00', cost: '2700.00', reason: 'Covered by AMC 2026-12-01..2027-11-30: visit 1 of 2' });

    const second = time(taskId, randomUUID(), '2027-03-05T05:00:00Z', 2);
    const third = time(taskId, randomUUID(), '2027-03-08T05:00:00Z', 2);
    await produce(Topics.fieldWork, 'psa.time.approved.v1', second, taskId);
    await produce(Topics.fieldWork, 'psa.time.approved.v1', third, taskId);
    expect(await line((l) => l.source.ref === second.timeEntryId, 'second visit')).toMatchObject({ coverage: 'amc', reason: 'Covered by AMC 2026-12-01..2027-11-30: visit 2 of 2' });
    expect(await line((l) => l.source.ref === third.timeEntryId, 'third visit')).toMatchObject({
      state: 'ready',
      coverage: 'none',
      amount: '5000.00',
      reason: 'Time and materials: 2.00 × 2500 (AMC 2026-12-01..2027-11-30 visit quota of 2 used up)',
    });

    const parts = { ...structuredClone(examplePartsConsumed), consumptionId: randomUUID(), visitId: second.visitId, taskId, projectId, customerId, consumedAt: '2027-03-05T08:00:00Z' };
    await produce(Topics.fieldWork, 'psa.parts.consumed.v1', parts, taskId);
    expect(await line((l) => l.source.ref === parts.consumptionId, 'the seal kit')).toMatchObject({
      state: 'ready',
      billable: true,
      unitPrice: '3520',
      amount: '3520.00',
      cost: '3200.00',
      reason: 'Time and materials: 1 × 3520 (AMC 2026-12-01..2027-11-30 covers labour only, not parts)',
    });
  });

  it('applies a redelivered or repeated approval once, and a correction replaces the line it corrects', async () => {
    const taskId = randomUUID();
    await produce(Topics.serviceProjects, 'psa.task.ready.v1', { task: { ...breakdownTask(taskId), serialNumber: `${serial}-X` }, readyAt: '2027-03-09T05:00:00Z' }, projectId);
    const approval = time(taskId, randomUUID(), '2027-03-09T05:00:00Z', 4);
    const eventId = randomUUID();
    await produce(Topics.fieldWork, 'psa.time.approved.v1', approval, taskId, eventId);
    await produce(Topics.fieldWork, 'psa.time.approved.v1', approval, taskId, eventId);
    await produce(Topics.fieldWork, 'psa.time.approved.v1', approval, taskId);
    const original = await line((l) => l.source.ref === approval.timeEntryId, 'the uncovered repair');
    expect(original).toMatchObject({ state: 'ready', amount: '10000.00' });
    const correction = time(taskId, approval.visitId, '2027-03-09T05:00:00Z', 3.5, { corrects: approval.timeEntryId });
    await produce(Topics.fieldWork, 'psa.time.approved.v1', correction, taskId);
    expect(await line((l) => l.source.ref === correction.timeEntryId, 'the correction')).toMatchObject({ state: 'ready', amount: '8750.00' });
    expect((await lines()).filter((l) => l.source.ref === approval.timeEntryId).map((l) => [l.state, l.reason])).toEqual([['reversed', `Corrected by ${correction.timeEntryId}`]]);
  });

  it('bills time and materials up to the not-to-exceed, capping the line that crosses it and none after', async () => {
    const tmProjectId = randomUUID();
    const commitmentId = randomUUID();
    const taskId = randomUUID();
    const project = projectSelling(tmProjectId, 'SO-L-TM', {
      commitmentId,
      orderLineId: '70',
      sku: 'SVC-SUPPORT-TM',
      kind: 'support_visit',
      description: 'Support visits on time and materials',
      unitPrice: '2500.00',
      billing: { kind: 'time_and_materials', notToExceed: '12000.00' },
      taskKeys: ['visit'],
    });
    await produce(Topics.serviceProjects, 'psa.service-project.created.v1', project, tmProjectId);
    const task = { ...breakdownTask(taskId), projectId: tmProjectId, orderId: 'SO-L-TM', commitmentId, serviceRequestId: null, serialNumber: `${serial}-TM` };
    await produce(Topics.serviceProjects, 'psa.task.ready.v1', { task, readyAt: '2027-03-10T05:00:00Z' }, tmProjectId);
    // 4 h (10,000.00) fits; the next 2 h (5,000.00) crosses the cap and is billed for the 2,000.00 left; then nothing is left.
    const approvals = [time(taskId, randomUUID(), '2027-03-10T05:00:00Z', 4), time(taskId, randomUUID(), '2027-03-11T05:00:00Z', 2), time(taskId, randomUUID(), '2027-03-12T05:00:00Z', 1)];
    const billed: Line[] = [];
    for (const approval of approvals) {
      await produce(Topics.fieldWork, 'psa.time.approved.v1', approval, taskId);
      billed.push(await line((l) => l.source.ref === approval.timeEntryId, `the line of ${approval.hours} h`));
    }
    expect(billed.map((l) => [l.billable, l.amount])).toEqual([
      [true, '10000.00'],
      [true, '2000.00'],
      [false, '0.00'],
    ]);
    expect(billed[1].reason).toBe('Time and materials: 2.00 × 2500 (No warranty or AMC on 2027-03-11); capped at the not-to-exceed 12000.00');
    expect(billed[2].reason).toBe('Not-to-exceed 12000.00 reached for SVC-SUPPORT-TM');
  });

  it('lets finance hold, release, re-price and write off with reasons and an audit trail; never re-prices a requested line', async () => {
    const ready = (await lines()).filter((l) => l.state === 'ready' && l.source.kind === 'time');
    const [repair] = ready;
    await finance().post(`/ledger/${repair.id}/hold`).send({}).expect(400);
    await finance().post(`/ledger/${repair.id}/hold`).send({ reason: 'Customer disputes the hours' }).expect(201);
    await finance().post(`/ledger/${repair.id}/hold`).send({ reason: 'again' }).expect(409);
    await finance().post(`/ledger/${repair.id}/release`).send({ reason: 'Customer accepted' }).expect(201);
    const repriced = (await finance().post(`/ledger/${repair.id}/price`).send({ unitPrice: '2200.00', reason: 'Goodwill rate agreed' }).expect(201)).body;
    expect(repriced).toMatchObject({ state: 'ready', unitPrice: '2200', amount: '4400.00' });
    await apiAs(billing.app, ['service_manager']).post(`/ledger/${repair.id}/write-off`).send({ reason: 'nope' }).expect(403);
    const other = ready.find((l) => l.id !== repair.id)!;
    const writtenOff = (await finance().post(`/ledger/${other.id}/write-off`).send({ reason: 'Repeat visit caused by our wrong diagnosis' }).expect(201)).body;
    expect(writtenOff).toMatchObject({ state: 'written_off', reason: 'Repeat visit caused by our wrong diagnosis' });
    await finance().post(`/ledger/${other.id}/rebill`).send({ reason: 'changed my mind' }).expect(409);
    const detail = (await finance().get(`/ledger/${repair.id}`).expect(200)).body;
    expect(detail.adjustments.map((a: { action: string; reason: string; oldAmount: string; newAmount: string }) => [a.action, a.reason, a.oldAmount, a.newAmount])).toEqual([
      ['hold', 'Customer disputes the hours', '5000.00', '5000.00'],
      ['release', 'Customer accepted', '5000.00', '5000.00'],
      ['override_price', 'Goodwill rate agreed', '5000.00', '4400.00'],
    ]);
  });

  it('cut-off and partial invoicing leave the rest ready; a posted total that differs is flagged; a credit note sends lines back to review as credited', async () => {
    const before = (await lines()).filter((l) => l.state === 'ready');
    expect(before.length).toBeGreaterThanOrEqual(4);
    // Cut-off: only December's instalment.
    const [december] = (await finance().post('/invoice-requests').send({ customerId, cutoff: '2026-12-31' }).expect(201)).body;
    expect(december.lines.map((l: { amount: string }) => l.amount)).toEqual(['30000.00']);
    expect(december.period).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    // Partial: one chosen line.
    const seal = before.find((l) => l.source.kind === 'parts')!;
    const [partial] = (await finance().post('/invoice-requests').send({ customerId, lineIds: [seal.id] }).expect(201)).body;
    expect(partial.lines).toHaveLength(1);
    expect(partial.total).toBe('3520.00');
    const refused = await finance().post(`/ledger/${seal.id}/price`).send({ unitPrice: '1.00', reason: 'Too late to re-price' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'LINE_STATE_CONFLICT', message: 'cannot override price a line that is requested (allowed from unbilled, ready, review, on_hold)' });
    const still = (await lines()).filter((l) => l.state === 'ready').map((l) => l.id);
    expect(still).toEqual(expect.arrayContaining(before.filter((l) => l.id !== seal.id && l.workDate > '2026-12-31').map((l) => l.id)));

    // A posted total without the rupee's two decimal places breaks the contract's money rule: dead-lettered
    // SCHEMA_VIOLATION (the event's own schema cannot see the currency), and the request is still unanswered.
    await produce(Topics.accounting, 'erp.invoice.posted.v1', { invoiceRequestId: december.id, invoiceNumber: 'INV-L-1', postedAt: '2027-03-10T10:00:00Z', total: '30000' }, december.id);
    const letter = await eventually(async () => (await kafka.readAll(`${Topics.accounting}.dlq`)).find((r) => r.key === december.id), { what: 'the dead-lettered posting' });
    expect(letter.headers['dlq-reason-code']).toBe('SCHEMA_VIOLATION');
    expect(letter.headers['dlq-reason']).toBe(`total: "30000" must have exactly 2 decimal places for INR, the currency of invoice request ${december.id}`);
    expect(letter.headers['dlq-original-topic']).toBe(Topics.accounting);
    expect((await finance().get(`/invoice-requests/${december.id}`).expect(200)).body).toMatchObject({ accountingStatus: 'requested', postedTotal: null });

    // The ERP posts December with another total: recorded and flagged for finance.
    await produce(Topics.accounting, 'erp.invoice.posted.v1', { invoiceRequestId: december.id, invoiceNumber: 'INV-L-1', postedAt: '2027-03-10T10:00:00Z', total: '29999.00' }, december.id);
    await eventually(async () => ((await finance().get(`/invoice-requests/${december.id}`)).body.accountingStatus === 'posted' ? true : undefined), { what: 'posted' });
    expect((await finance().get(`/invoice-requests/${december.id}`).expect(200)).body).toMatchObject({ postedTotal: '29999.00', totalMismatch: true, answerReason: 'ERP posted 29999.00, requested 30000.00' });
    const flags = (await finance().get('/review-queue').query({ customerId }).expect(200)).body.flags;
    expect(flags).toContainEqual({ kind: 'posted_total_differs', invoiceRequestId: december.id, reason: 'ERP posted 29999.00, requested 30000.00' });

    // Then credits it: the instalment is back in review, credited, and can be billed again.
    await produce(Topics.accounting, 'erp.invoice.cancelled.v1', { invoiceRequestId: december.id, invoiceNumber: 'INV-L-1', cancelledAt: '2027-03-11T09:00:00Z', reason: 'Credit note CN-L-1' }, december.id);
    const credited = await line((l) => l.source.kind === 'contract' && l.workDate === '2026-12-01' && l.state === 'review', 'the credited instalment');
    expect(credited).toMatchObject({ credited: true, reason: 'Credited (INV-L-1): Credit note CN-L-1' });

    // Answers that do not fit: one for a request ServiceLoop never made, and a posting of the credited request under
    // another invoice number. Each is dead-lettered with what it met (both were logged and dropped before); the
    // credit note sent again under a new event id changes nothing and is not a dead letter.
    const stranger = randomUUID();
    await produce(Topics.accounting, 'erp.invoice.posted.v1', { invoiceRequestId: stranger, invoiceNumber: 'INV-L-9', postedAt: '2027-03-11T10:00:00Z', total: '100.00' }, stranger);
    await produce(Topics.accounting, 'erp.invoice.cancelled.v1', { invoiceRequestId: december.id, invoiceNumber: 'INV-L-1', cancelledAt: '2027-03-11T09:00:00Z', reason: 'Credit note CN-L-1' }, december.id);
    await produce(Topics.accounting, 'erp.invoice.posted.v1', { invoiceRequestId: december.id, invoiceNumber: 'INV-L-2', postedAt: '2027-03-12T10:00:00Z', total: '30000.00' }, december.id);
    const unfit = await eventually(async () => {
      const found = (await kafka.readAll(`${Topics.accounting}.dlq`)).filter((r) => r.headers['dlq-reason-code'] === 'PROCESSING_FAILED');
      return found.length >= 2 ? found : undefined;
    }, { what: 'the two answers that do not fit, dead-lettered' });
    expect(unfit).toHaveLength(2);
    expect(unfit.map((r) => [r.key, r.headers['dlq-reason']])).toEqual(expect.arrayContaining([
      [stranger, `invoiceRequestId: no invoice request ${stranger} was made by ServiceLoop; the ERP answered it posted`],
      [december.id, `invoiceRequestId: invoice request ${december.id} is already cancelled as INV-L-1 at 2027-03-11T09:00:00.000Z; the ERP's posted answer contradicts it and was not applied`],
    ]));
    expect((await finance().get(`/invoice-requests/${december.id}`).expect(200)).body).toMatchObject({ accountingStatus: 'cancelled', invoiceNumber: 'INV-L-1' });
    expect(await line((l) => l.id === credited.id, 'the credited instalment, unchanged')).toMatchObject({ state: 'review', credited: true });
    await finance().post(`/ledger/${credited.id}/rebill`).send({ reason: 'Re-bill at the agreed total' }).expect(201);
    const [again] = (await finance().post('/invoice-requests').send({ customerId, lineIds: [credited.id] }).expect(201)).body;
    expect(again.supersedes).toBe(december.id);

    // Every line change went out on psa.billing for analytics.
    const changes = (await kafka.readAll(Topics.billing)).map((r) => JSON.parse(r.value!.toString()) as CloudEvent<BillingLineChangedV1>);
    const history = changes.filter((c) => c.data.lineId === credited.id).map((c) => c.data.state);
    expect(history).toEqual(['ready', 'requested', 'invoiced', 'review', 'ready', 'requested']);
    const records = await kafka.readAll(Topics.invoices);
    const requests = records.map((r) => JSON.parse(r.value!.toString()) as CloudEvent<InvoiceRequestedV1>);
    expect(requests.map((r) => r.data.invoiceRequestId)).toEqual(expect.arrayContaining([december.id, partial.id, again.id]));
    // As the ERP reads it: structured mode, keyed and subjected by the invoice request id, which is also the event id.
    const [decemberRecord] = records.filter((r) => r.key === december.id);
    expect(decemberRecord.headers['content-type']).toBe('application/cloudevents+json');
    const envelope = JSON.parse(decemberRecord.value!.toString()) as CloudEvent<InvoiceRequestedV1>;
    expect(envelope).toMatchObject({
      specversion: '1.0',
      id: december.id,
      source: 'serviceloop://billing',
      type: 'psa.invoice.requested.v1',
      subject: december.id,
      datacontenttype: 'application/json',
      data: { invoiceRequestId: december.id, supersedes: null, currency: 'INR', total: '30000.00', period: { from: '2026-12-01', to: '2026-12-31' } },
    });
    expect(Number.isNaN(Date.parse(envelope.time!))).toBe(false);
  });

  it('bills time approved while its task is still arriving on the other topic (each topic has its own consumer)', async () => {
    // Task and approval land at the same moment on two topics, applied side by side: an approval that misses the
    // task waits for it under the task's lock, and the task's event releases it. None waits forever.
    const pairs = Array.from({ length: 40 }, (_, i) => {
      const taskId = randomUUID();
      return { taskId, entry: time(taskId, randomUUID(), `2027-04-${String(1 + (i % 28)).padStart(2, '0')}T05:00:00Z`, 1) };
    });
    await kafka.produce(Topics.fieldWork, pairs.map(({ taskId, entry }) => record(exampleEvent('psa.time.approved.v1', entry), taskId)));
    await kafka.produce(Topics.serviceProjects, pairs.map(({ taskId }) => record(exampleEvent('psa.task.ready.v1', { task: { ...breakdownTask(taskId), serialNumber: `${serial}-R` }, readyAt: '2027-03-31T05:00:00Z' }), projectId)));
    const entries = new Set<string>(pairs.map((p) => p.entry.timeEntryId));
    const billed = await eventually(async () => {
      const found = (await lines()).filter((l) => entries.has(l.source.ref));
      return found.length === pairs.length ? found : undefined;
    }, { what: 'a line for every approval', timeoutMs: 60_000 });
    expect(billed.every((l) => l.state === 'ready' && l.amount === '2500.00')).toBe(true);
    const db = billing.app.get(DataSource);
    const [{ waiting }] = await db.query(`SELECT count(*)::int AS waiting FROM parked_event WHERE released_at IS NULL AND park_key = ANY($1)`, [pairs.map((p) => `billing-task:${p.taskId}`)]);
    expect(waiting).toBe(0);
  });

  it("holds time on tasks announced before their project until the project's terms come, then prices it by them", async () => {
    // service-commitments announces a project's first tasks ready in the transaction that makes the project, before
    // the project itself: work approved in between waits for the commitment's terms instead of going to review unpriced,
    // whether billing knew the task when the approval came (the first) or not (the second).
    const earlyProjectId = randomUUID();
    const commitmentId = randomUUID();
    const [known, unknown] = [randomUUID(), randomUUID()];
    const taskReady = (taskId: string, templateTaskKey: string) =>
      produce(Topics.serviceProjects, 'psa.task.ready.v1', {
        task: { ...breakdownTask(taskId), projectId: earlyProjectId, commitmentId, serviceRequestId: null, kind: 'installation', sku: 'SVC-INSTALL', serialNumber: `${serial}-E`, orderId: 'SO-L-EARLY', templateTaskKey },
        readyAt: '2027-05-03T05:00:00Z',
      }, earlyProjectId);
    const db = billing.app.get(DataSource);
    const count = async (sql: string, params: unknown[]) => ((await db.query(sql, params)) as { n: number }[])[0].n;
    const heldFor = (taskId: string) => count(`SELECT count(*)::int AS n FROM parked_event WHERE released_at IS NULL AND park_key = $1`, [`billing-task:${taskId}`]);
    const taskKnown = (taskId: string) => count(`SELECT count(*)::int AS n FROM billing_task WHERE task_id = $1`, [taskId]);

    await taskReady(known, 'install');
    await eventually(async () => (await taskKnown(known)) === 1 || undefined, { what: 'the first task known to billing' });
    const first = time(known, randomUUID(), '2027-05-04T05:00:00Z', 3, { projectId: earlyProjectId });
    await produce(Topics.fieldWork, 'psa.time.approved.v1', first, known);
    await eventually(async () => (await heldFor(known)) === 1 || undefined, { what: 'the first approval held for its commitment' });

    const second = time(unknown, randomUUID(), '2027-05-05T05:00:00Z', 2, { projectId: earlyProjectId });
    await produce(Topics.fieldWork, 'psa.time.approved.v1', second, unknown);
    await eventually(async () => (await heldFor(unknown)) === 1 || undefined, { what: 'the second approval held for its task' });
    await taskReady(unknown, 'handover');
    await eventually(async () => (await taskKnown(unknown)) === 1 || undefined, { what: 'the second task known to billing' });
    expect(await heldFor(unknown)).toBe(1); // its task came, its commitment has not
    expect((await lines()).filter((l) => l.source.ref === first.timeEntryId || l.source.ref === second.timeEntryId)).toEqual([]);

    const project = projectSelling(earlyProjectId, 'SO-L-EARLY', {
      commitmentId,
      orderLineId: '20',
      sku: 'SVC-INSTALL',
      kind: 'installation',
      description: 'Installation and commissioning',
      unitPrice: '60000.00',
      billing: { kind: 'fixed_fee', milestones: [{ taskKey: 'install', percent: '100' }] },
      forLineId: '10',
      serialNumber: `${serial}-E`,
      taskKeys: ['install', 'handover'],
      taskIds: [known, unknown],
    });
    await produce(Topics.serviceProjects, 'psa.service-project.created.v1', project, earlyProjectId);
    for (const [entry, cost] of [[first, '2700.00'], [second, '1800.00']] as const) {
      expect(await line((l) => l.source.ref === entry.timeEntryId, 'a held approval priced')).toMatchObject({
        state: 'non_billable',
        amount: '0.00',
        cost,
        reason: 'Included in the fixed fee of SVC-INSTALL',
      });
    }
    expect(await heldFor(known)).toBe(0);
    expect(await heldFor(unknown)).toBe(0);
  });

  it('re-submits lines from two rejected requests as two requests, each superseding its own', async () => {
    const taskId = randomUUID();
    await produce(Topics.serviceProjects, 'psa.task.ready.v1', { task: { ...breakdownTask(taskId), serialNumber: `${serial}-Y` }, readyAt: '2027-03-10T05:00:00Z' }, projectId);
    const monday = time(taskId, randomUUID(), '2027-03-15T05:00:00Z', 2);
    const tuesday = time(taskId, randomUUID(), '2027-03-16T05:00:00Z', 3);
    await produce(Topics.fieldWork, 'psa.time.approved.v1', monday, taskId);
    await produce(Topics.fieldWork, 'psa.time.approved.v1', tuesday, taskId);
    const first = await line((l) => l.source.ref === monday.timeEntryId && l.state === 'ready', "Monday's repair");
    const second = await line((l) => l.source.ref === tuesday.timeEntryId && l.state === 'ready', "Tuesday's repair");
    const [a] = (await finance().post('/invoice-requests').send({ customerId, lineIds: [first.id] }).expect(201)).body;
    const [b] = (await finance().post('/invoice-requests').send({ customerId, lineIds: [second.id] }).expect(201)).body;
    for (const request of [a, b]) {
      await produce(Topics.accounting, 'erp.invoice.rejected.v1', { invoiceRequestId: request.id, rejectedAt: '2027-03-20T10:00:00Z', reason: 'Wrong cost centre' }, request.id);
    }
    for (const rejected of [first, second]) {
      await line((l) => l.id === rejected.id && l.state === 'review', 'the rejected line back in review');
      await finance().post(`/ledger/${rejected.id}/rebill`).send({ reason: 'Cost centre corrected' }).expect(201);
    }
    const again = (await finance().post('/invoice-requests').send({ customerId, lineIds: [first.id, second.id] }).expect(201)).body;
    expect(again.map((r: { supersedes: string; lines: { lineId: string }[]; total: string }) => [r.supersedes, r.lines.map((l) => l.lineId), r.total])).toEqual([
      [a.id, [first.id], '5000.00'],
      [b.id, [second.id], '7500.00'],
    ]);
    const published = await eventually(async () => {
      const found = (await kafka.readAll(Topics.invoices))
        .map((r) => JSON.parse(r.value!.toString()) as CloudEvent<InvoiceRequestedV1>)
        .filter((e) => again.some((r: { id: string }) => r.id === e.data.invoiceRequestId));
      return found.length === 2 ? found : undefined;
    }, { what: 'both re-submissions on psa.invoices' });
    expect(published.map((e) => e.data.supersedes).sort()).toEqual([a.id, b.id].sort());

    // The customer's requests, newest first, a page at a time (the test's clock stands still, so the id orders them).
    const requests = async (page: Record<string, number>) =>
      ((await finance().get('/invoice-requests').query({ customerId, ...page }).expect(200)).body as { id: string }[]).map((r) => r.id);
    const newest = await requests({});
    expect(newest).toEqual(expect.arrayContaining([...again.map((r: { id: string }) => r.id), a.id, b.id]));
    expect(await requests({ limit: 2, offset: 1 })).toEqual(newest.slice(1, 3));
    expect(await requests({ offset: newest.length })).toEqual([]);
    expect((await finance().get('/invoice-requests').query({ offset: -1 }).expect(400)).body.reasons.join('\n')).toMatch(/offset must not be less than 0/);
  });

  it("pages finance's review queue: ready lines grouped by PostgreSQL per order, project, currency and month, oldest work first", async () => {
    // A customer of its own: parts issued without a task (no order or project), in rupees and in yen (no decimals),
    // and time and parts on two orders' tasks, over April to June.
    const queueCustomer = `C-Q${Date.now() % 100000}`;
    const [taskOne, taskTwo] = [randomUUID(), randomUUID()];
    const [projectOne, projectTwo] = [randomUUID(), randomUUID()];
    for (const [taskId, orderId, taskProject] of [[taskOne, 'SO-Q-1', projectOne], [taskTwo, 'SO-Q-2', projectTwo]]) {
      const task = { ...breakdownTask(taskId), customerId: queueCustomer, projectId: taskProject, orderId, serviceRequestId: null, serialNumber: `${serial}-Q` };
      await produce(Topics.serviceProjects, 'psa.task.ready.v1', { task, readyAt: '2027-04-01T05:00:00Z' }, taskProject);
    }
    const parts = (day: string, unitCost: string, quantity: number, extra: object = {}) => ({
      ...structuredClone(examplePartsConsumed),
      consumptionId: randomUUID(),
      issueId: `GI-Q-${randomUUID()}`,
      visitId: null,
      taskId: null,
      projectId: null,
      orderId: null,
      customerId: queueCustomer,
      unitCost,
      quantity,
      consumedAt: `${day}T06:00:00Z`,
      ...extra,
    });
    const work = {
      parts: [
        // With the rupee card's 10 % markup: 10.05 → 11.055, 0.10 → 0.11, 0.20 → 0.22, 3 × 33.33 → 3 × 36.663 = 109.989.
        parts('2027-04-28', '10.05', 1),
        parts('2027-04-29', '0.10', 1),
        parts('2027-04-30', '0.20', 1),
        parts('2027-05-03', '0.10', 1),
        parts('2027-05-03', '100.5', 1, { currency: 'JPY' }),
        parts('2027-05-04', '0.5', 1, { currency: 'JPY' }),
        parts('2027-05-10', '33.33', 3, { taskId: taskOne, projectId: projectOne, orderId: 'SO-Q-1' }),
      ],
      time: [
        time(taskOne, randomUUID(), '2027-05-03T05:00:00Z', 1.5, { projectId: projectOne, customerId: queueCustomer }),
        time(taskTwo, randomUUID(), '2027-05-03T05:00:00Z', 1, { projectId: projectTwo, customerId: queueCustomer }),
        time(taskOne, randomUUID(), '2027-06-01T05:00:00Z', 2, { projectId: projectOne, customerId: queueCustomer }),
      ],
    };
    for (const consumed of work.parts) await produce(Topics.fieldWork, 'psa.parts.consumed.v1', consumed, consumed.taskId ?? consumed.issueId);
    for (const approved of work.time) await produce(Topics.fieldWork, 'psa.time.approved.v1', approved, approved.taskId);
    const refs = new Set<string>([...work.parts.map((p) => p.consumptionId), ...work.time.map((t) => t.timeEntryId)]);
    const billed = await eventually(async () => {
      const found = (await finance().get('/ledger').query({ customerId: queueCustomer }).expect(200)).body.lines as Line[];
      return found.filter((l) => refs.has(l.source.ref) && l.state === 'ready').length === refs.size ? found : undefined;
    }, { what: 'a ready line for every part and approval', timeoutMs: 30_000 });
    const lineOf = (ref: string) => billed.find((l) => l.source.ref === ref)!;
    const [seal, washer, gasket, shim, yenValve, yenClip, filters] = work.parts.map((p) => lineOf(p.consumptionId));
    const [firstRepair, secondRepair, juneRepair] = work.time.map((t) => lineOf(t.timeEntryId));
    expect([seal, washer, gasket, shim, yenValve, yenClip, filters, firstRepair, secondRepair, juneRepair].map((l) => l.amount)).toEqual([
      '11.06', '0.11', '0.22', '0.11', '101', '1', '109.99', '3750.00', '2500.00', '5000.00',
    ]);

    type Group = { customerId: string; orderId: string | null; projectId: string | null; currency: string; period: { from: string; to: string }; total: string; lineCount: number; lines: Line[] };
    type Queue = { ready: Group[]; review: Line[]; counts: { readyGroups: number; review: number }; flags: unknown[] };
    const queue = async (query: Record<string, string | number> = {}): Promise<Queue> =>
      (await finance().get('/review-queue').query({ customerId: queueCustomer, ...query }).expect(200)).body;
    const shape = (g: Group) => [g.orderId, g.projectId, g.currency, g.period.from, g.period.to, g.total, g.lineCount, g.lines.map((l) => l.id)];
    // Earliest work day first; on the same day no order before an order, rupees before yen, SO-Q-1 before SO-Q-2.
    // Each total is the sum of its lines as shown, in the group's currency's minor units.
    const expected = [
      [null, null, 'INR', '2027-04-01', '2027-04-30', '11.39', 3, [seal.id, washer.id, gasket.id]],
      [null, null, 'INR', '2027-05-01', '2027-05-31', '0.11', 1, [shim.id]],
      [null, null, 'JPY', '2027-05-01', '2027-05-31', '102', 2, [yenValve.id, yenClip.id]],
      ['SO-Q-1', projectOne, 'INR', '2027-05-01', '2027-05-31', '3859.99', 2, [firstRepair.id, filters.id]],
      ['SO-Q-2', projectTwo, 'INR', '2027-05-01', '2027-05-31', '2500.00', 1, [secondRepair.id]],
      ['SO-Q-1', projectOne, 'INR', '2027-06-01', '2027-06-30', '5000.00', 1, [juneRepair.id]],
    ];
    const whole = await queue();
    expect(whole.ready.map(shape)).toEqual(expected);
    expect(whole.ready.every((g) => g.customerId === queueCustomer)).toBe(true);
    expect(whole.ready[0].lines[0]).toEqual(seal);
    expect(whole.counts).toEqual({ readyGroups: 6, review: 0 });
    expect(whole.review).toEqual([]);

    // One group a page, in the same order, each page knowing how many there are; past the end, none.
    for (const [offset, group] of expected.entries()) {
      const page = await queue({ limit: 1, offset });
      expect(page.ready.map(shape)).toEqual([group]);
      expect(page.counts.readyGroups).toBe(6);
    }
    expect((await queue({ limit: 2, offset: 4 })).ready.map(shape)).toEqual(expected.slice(4));
    expect(await queue({ offset: 6 })).toMatchObject({ ready: [], counts: { readyGroups: 6 } });

    // The cut-off leaves out later work: June entirely, and the filters issued on 10 May from SO-Q-1's May.
    const cut = await queue({ cutoff: '2027-05-09' });
    expect(cut.ready.map(shape)).toEqual([...expected.slice(0, 3), ['SO-Q-1', projectOne, 'INR', '2027-05-01', '2027-05-31', '3750.00', 1, [firstRepair.id]], expected[4]]);
    expect(cut.counts.readyGroups).toBe(5);

    // Lines on hold leave their groups and are listed for review, oldest change first, paged by the same limit and offset.
    await finance().post(`/ledger/${juneRepair.id}/hold`).send({ reason: 'Customer disputes the June visit' }).expect(201);
    await finance().post(`/ledger/${washer.id}/hold`).send({ reason: 'Washer was under warranty' }).expect(201);
    const held = await queue();
    expect(held.ready.map(shape)).toEqual([[null, null, 'INR', '2027-04-01', '2027-04-30', '11.28', 2, [seal.id, gasket.id]], ...expected.slice(1, 5)]);
    expect(held.review.map((l) => [l.id, l.state])).toEqual([[juneRepair.id, 'on_hold'], [washer.id, 'on_hold']]);
    expect(held.counts).toEqual({ readyGroups: 5, review: 2 });
    // The ledger's totals, summed by PostgreSQL per currency and state, are the sums of the lines as shown.
    const { totals } = (await finance().get('/ledger').query({ customerId: queueCustomer, limit: 1 }).expect(200)).body;
    expect(totals).toEqual({
      INR: { ready: { lines: 6, amount: '6371.38', cost: '2360.34' }, on_hold: { lines: 2, amount: '5000.11', cost: '1800.10' } },
      JPY: { ready: { lines: 2, amount: '102', cost: '102' } },
    });
    for (const [offset, lineId] of [juneRepair.id, washer.id].entries()) {
      const page = await queue({ limit: 1, offset });
      expect(page.review.map((l) => l.id)).toEqual([lineId]);
      expect(page.counts).toEqual({ readyGroups: 5, review: 2 });
    }
    expect((await queue({ limit: 1, offset: 2 })).review).toEqual([]);

    for (const [query, reason] of [
      [{ limit: 0 }, 'limit: limit must not be less than 1'],
      [{ limit: 501 }, 'limit: limit must not be greater than 500'],
      [{ offset: -1 }, 'offset: offset must not be less than 0'],
    ] as const) {
      expect((await finance().get('/review-queue').query(query).expect(400)).body.reasons).toEqual([reason]);
    }
  });

  it('refuses bad input with the reason', async () => {
    const badRequest = await finance().post('/invoice-requests').send({ customerId, cutoff: 'end of month', lineIds: ['not-a-uuid'] }).expect(400);
    expect(JSON.stringify(badRequest.body)).toContain('cutoff must be a date YYYY-MM-DD');
    expect(JSON.stringify(badRequest.body)).toContain('lineIds');
    const badRate = await finance().post('/rate-cards').send({ rate: '-5', currency: 'inr', validFrom: '2026-13-01' }).expect(400);
    for (const reason of ['rate must be a decimal string', 'currency must be an ISO 4217 code', 'validFrom must be a date YYYY-MM-DD']) {
      expect(JSON.stringify(badRate.body)).toContain(reason);
    }
    await finance().post('/ledger/not-a-uuid/hold').send({ reason: 'Customer disputes' }).expect(400);
    await finance().post(`/ledger/${randomUUID()}/hold`).send({ reason: 'Customer disputes' }).expect(404);
    await finance().post('/invoice-requests').send({ customerId: 'C-NOBODY' }).expect(409);
  });

  it('keeps one line amount off two live requests even when two approvals race', async () => {
    const ready = (await lines()).find((l) => l.state === 'ready')!;
    const results = await Promise.all([1, 2, 3].map(() => finance().post('/invoice-requests').send({ customerId, lineIds: [ready.id] })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const live = await billing.app.get(DataSource).query(`SELECT count(*)::int AS n FROM invoice_request_line WHERE line_id = $1 AND live`, [ready.id]);
    expect(live[0].n).toBe(1);
  });
});
