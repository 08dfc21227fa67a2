/**
 * The "done": the contract's example machine sale from the ERP's order
 * to a posted invoice, on real Kafka and PostgreSQL, with service-commitments,
 * field-execution and billing each on its own database. Scheduling's bookings
 * are published by the test; the ERP's accounting answers too.
 */
import { randomUUID } from 'node:crypto';
import { devAuthConfig } from '#auth';
import { Topics, exampleEvent, type CloudEvent, type InvoiceRequestedV1, type VisitBooking } from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { Clock, FixedClock } from '#platform';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, uniqueSuffix, type TestApp } from '#testing';
import { SERVICE_COMMITMENTS_DEFAULTS, ServiceCommitmentsModule } from '../../service-commitments/src/service-commitments.module.js';
import { cancellationEvent, changeEvent, dispatchEvent, orderEvent, structuredRecord } from '../../service-commitments/test/factories.js';
import { FIELD_EXECUTION_DEFAULTS, FieldExecutionModule } from '../../field-execution/src/field-execution.module.js';
import { visitIdFor } from '../../field-execution/src/visits/domain/visit-identity.js';
import { record } from '../../field-execution/test/factories.js';
import { BILLING_DEFAULTS, BillingModule } from '../src/billing.module.js';

const ENGINEER = 'e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f0001';
const ORDER = `SO-BILL-${uniqueSuffix()}`;
const SERIAL = `INJ250-B${Date.now() % 100000}`;

type Line = { id: string; state: string; orderLineId: string | null; amount: string; cost: string; billable: boolean; coverage: string; reason: string; source: { kind: string; ref: string }; invoiceRequestId: string | null };

describe('billing with service-commitments and field-execution: the example sale from order to posted invoice', () => {
  const suffix = uniqueSuffix();
  const clock = new FixedClock(new Date('2026-11-30T12:00:00Z'));
  let commitments: TestApp;
  let field: TestApp;
  let billing: TestApp;
  let kafka: TestKafka;
  let billingGroup: string;

  beforeAll(async () => {
    const transport = { transport: (app: import('@nestjs/common').INestApplication) => app.get(KafkaEventTransport), overrides: [[Clock, clock]] as [unknown, unknown][] };
    const commitmentsConfig = testServiceConfig(SERVICE_COMMITMENTS_DEFAULTS, { suffix });
    const fieldConfig = testServiceConfig(FIELD_EXECUTION_DEFAULTS, { suffix });
    const billingConfig = testServiceConfig(BILLING_DEFAULTS, { suffix });
    commitments = await startTestApp(ServiceCommitmentsModule.forRoot(commitmentsConfig, devAuthConfig()), commitmentsConfig, transport);
    field = await startTestApp(FieldExecutionModule.forRoot(fieldConfig, devAuthConfig()), fieldConfig, transport);
    billing = await startTestApp(BillingModule.forRoot(billingConfig, devAuthConfig(), 'INR'), billingConfig, transport);
    kafka = new TestKafka(billingConfig.topicPrefix);
    billingGroup = billingConfig.consumerGroup;
  });

  afterAll(async () => {
    await kafka?.close();
    await billing?.close();
    await field?.close();
    await commitments?.close();
  });

  const finance = () => apiAs(billing.app, ['finance'], { subject: 'meera.finance' });
  const engineer = () => apiAs(field.app, ['engineer'], { subject: 'asha.patil', name: 'Asha Patil', engineerId: ENGINEER });
  const manager = () => apiAs(field.app, ['service_manager'], { subject: 'ravi.kulkarni' });

  async function ledgerLine(where: (l: Line) => boolean, what: string): Promise<Line> {
    return eventually(async () => {
      const res = await finance().get('/ledger').query({ customerId: 'C-1007' }).expect(200);
      return (res.body.lines as Line[]).find(where);
    }, { what, timeoutMs: 30_000 });
  }

  async function requestsOnTopic(): Promise<CloudEvent<InvoiceRequestedV1>[]> {
    const records = await kafka.readAll(Topics.invoices);
    return records.map((r) => JSON.parse(r.value!.toString()) as CloudEvent<InvoiceRequestedV1>);
  }

  async function accounting(type: string, data: Record<string, unknown>) {
    const event = exampleEvent(type, data, { subject: data.invoiceRequestId as string });
    await kafka.produce(Topics.accounting, [record(event, data.invoiceRequestId as string)]);
  }

  /** Books ENGINEER on a task for a day, checks in and records `hours` of work from 05:00 UTC, approved by the manager. */
  async function approvedWork(task: { taskId: string; projectId: string | null }, day: string, hours: number): Promise<{ visitId: string; timeEntryId: string }> {
    const booking = exampleEvent<VisitBooking>('psa.visit.scheduled.v1', undefined, { source: 'serviceloop://scheduling' });
    Object.assign(booking.data, {
      bookingId: randomUUID(),
      taskId: task.taskId,
      projectId: task.projectId,
      customerId: 'C-1007',
      engineerIds: [ENGINEER],
      start: `${day}T04:30:00Z`,
      end: `${day}T11:30:00Z`,
      segments: [{ start: `${day}T04:30:00Z`, end: `${day}T11:30:00Z` }],
      status: 'confirmed',
    });
    booking.subject = booking.data.bookingId;
    await kafka.produce(Topics.schedules, [record(booking, task.taskId)]);
    const visitId = visitIdFor(booking.data.bookingId, ENGINEER);
    await eventually(async () => ((await engineer().get(`/visits/${visitId}`)).status === 200 ? true : undefined), { what: `visit ${visitId}` });
    await engineer().post(`/visits/${visitId}/check-in`).send({ at: `${day}T04:55:00Z` }).expect(201);
    const end = new Date(Date.parse(`${day}T05:00:00Z`) + hours * 3600_000).toISOString();
    const time = await engineer().post(`/visits/${visitId}/time-entries`).send({ start: `${day}T05:00:00Z`, end, activity: 'work', billable: true }).expect(201);
    await manager().post(`/time-entries/${time.body.id}/approve`).expect(201);
    return { visitId, timeEntryId: time.body.id };
  }

  type Commitment = { id: string; kind: string; unitIndex: number; tasks: { id: string; status: string; name: string }[] };

  /** The example order without its AMC line (so the machine is uncovered once the warranty ends), and its machine dispatched. */
  async function sellAndDispatch(orderId: string, serial: string) {
    const order = orderEvent(orderId);
    order.data.lines = order.data.lines.filter((l) => l.lineId !== '60');
    await kafka.produce(Topics.salesOrders, [structuredRecord(order)]);
    await kafka.produce(Topics.dispatches, [
      structuredRecord(dispatchEvent(orderId, { dispatchId: `DN-${orderId}`, lines: [{ lineId: '10', sku: 'INJ-250T', quantity: 1, serialNumbers: [serial] }] })),
    ]);
    return order;
  }

  /** The order's project in service-commitments, once `ok` holds for its commitments. */
  async function projectWhen(orderId: string, ok: (commitments: Commitment[]) => boolean, what: string) {
    const desk = apiAs(commitments.app, ['service_manager']);
    return eventually(async () => {
      const list = await desk.get('/projects').query({ orderId }).expect(200);
      if (list.body.items.length !== 1) return undefined;
      const found = (await desk.get(`/projects/${list.body.items[0].id}`).expect(200)).body;
      return ok(found.commitments) ? { projectId: found.id as string, commitments: found.commitments as Commitment[] } : undefined;
    }, { what, timeoutMs: 30_000 });
  }

  /** Ticks every checklist item of a visit and closes it, signed off by the customer at `at`. */
  async function signOff(visitId: string, at: string): Promise<void> {
    const visit = (await engineer().get(`/visits/${visitId}`).expect(200)).body;
    for (const { item } of visit.checklist) await engineer().post(`/visits/${visitId}/checklist`).send({ item, ticked: true }).expect(201);
    await engineer().post(`/visits/${visitId}/complete`).send({ outcome: 'completed', signOff: { name: 'Anil Deshmukh' }, at }).expect(201);
  }

  it('bills the installation fee after the visit, survives a rejection, closes with the posted invoice; warranty repairs cost, later repairs bill', async () => {
    // Rates: the list price of an engineer hour, and what an hour costs us.
    await finance().post('/rate-cards').send({ kind: 'billing', activity: 'work', rate: '2500.00', currency: 'INR', validFrom: '2026-01-01' }).expect(201);
    await finance().post('/rate-cards').send({ kind: 'cost', rate: '900.00', currency: 'INR', validFrom: '2026-01-01' }).expect(201);
    await apiAs(billing.app, ['service_manager']).post('/rate-cards').send({ rate: '1.00', currency: 'INR', validFrom: '2026-01-01' }).expect(403);

    // The example order without its AMC line (so the machine is uncovered once the warranty ends), and its dispatch.
    await sellAndDispatch(ORDER, SERIAL);
    const desk = apiAs(commitments.app, ['service_manager']);
    const sold = await projectWhen(ORDER, (cs) => cs.find((c) => c.kind === 'installation')?.tasks[0]?.status === 'ready', 'the installation task ready');
    const project = { id: sold.projectId, installTaskId: sold.commitments.find((c) => c.kind === 'installation')!.tasks[0].id };

    // The installation visit, as in the field-execution issue: 6 h of work, checklist, sign-off.
    const install = await approvedWork({ taskId: project.installTaskId, projectId: project.id }, '2026-11-30', 6);
    await signOff(install.visitId, '2026-11-30T11:30:00Z');

    // The installation's fixed fee is ready; the engineer's hours are in it (cost only).
    const fee = await ledgerLine((l) => l.source.kind === 'milestone' && l.state === 'ready', 'the installation fee ready');
    expect(fee).toMatchObject({ orderLineId: '20', amount: '60000.00', billable: true, coverage: 'none', reason: 'Fixed fee: milestone install (100% of 60000.00) done' });
    const labour = await ledgerLine((l) => l.source.ref === install.timeEntryId, 'the installation hours');
    expect(labour).toMatchObject({ state: 'non_billable', amount: '0.00', cost: '5400.00', reason: 'Included in the fixed fee of SVC-INSTALL' });
    const ledger = (await finance().get('/ledger').query({ orderId: ORDER }).expect(200)).body;
    expect(ledger.totals.INR.ready).toEqual({ lines: 1, amount: '60000.00', cost: '0.00' });
    await apiAs(billing.app, ['customer'], { customerId: 'C-9999' }).get('/ledger').query({ customerId: 'C-1007' }).expect(403);

    // Finance alone approves; finance requests the invoice.
    await apiAs(billing.app, ['service_manager']).post('/invoice-requests').send({ customerId: 'C-1007', orderId: ORDER }).expect(403);
    const [first] = (await finance().post('/invoice-requests').send({ customerId: 'C-1007', orderId: ORDER }).expect(201)).body;
    const firstEvent = await eventually(async () => (await requestsOnTopic()).find((e) => e.data.invoiceRequestId === first.id), { what: 'the invoice request on psa.invoices' });
    expect(firstEvent.id).toBe(first.id);
    expect(firstEvent.type).toBe('psa.invoice.requested.v1');
    expect(firstEvent.data).toMatchObject({
      supersedes: null,
      orderId: ORDER,
      customerId: 'C-1007',
      customerPoNumber: 'PO-88121',
      projectId: project.id,
      currency: 'INR',
      period: { from: '2026-11-01', to: '2026-11-30' },
      lines: [{ orderLineId: '20', sku: 'SVC-INSTALL', description: 'Installation and commissioning', quantity: 1, unitPrice: '60000.00', amount: '60000.00', source: { kind: 'milestone', refs: [project.installTaskId] } }],
      total: '60000.00',
    });
    expect((await finance().get(`/ledger/${fee.id}`).expect(200)).body.state).toBe('requested');
    // The same line is never on a second live request.
    await finance().post('/invoice-requests').send({ customerId: 'C-1007', lineIds: [fee.id] }).expect(409);

    // ERP accounting rejects it: the line is back in review with the reason.
    await accounting('erp.invoice.rejected.v1', { invoiceRequestId: first.id, rejectedAt: '2026-11-30T13:00:00Z', reason: 'Customer PO missing' });
    const rejected = await ledgerLine((l) => l.id === fee.id && l.state === 'review', 'the fee back in review');
    expect(rejected.reason).toBe('Rejected by ERP accounting: Customer PO missing');
    const queue = (await finance().get('/review-queue').query({ customerId: 'C-1007' }).expect(200)).body;
    expect(queue.review.map((l: Line) => l.id)).toContain(fee.id);
    expect((await finance().get(`/invoice-requests/${first.id}`).expect(200)).body).toMatchObject({ accountingStatus: 'rejected', answerReason: 'Customer PO missing' });

    // Finance re-bills it; the re-submission names the rejected request.
    await finance().post(`/ledger/${fee.id}/rebill`).send({ reason: 'PO number confirmed with the customer' }).expect(201);
    const [second] = (await finance().post('/invoice-requests').send({ customerId: 'C-1007', orderId: ORDER }).expect(201)).body;
    expect(second.id).not.toBe(first.id);
    expect(second.supersedes).toBe(first.id);
    const secondEvent = await eventually(async () => (await requestsOnTopic()).find((e) => e.data.invoiceRequestId === second.id), { what: 'the re-submission on psa.invoices' });
    expect(secondEvent.data).toMatchObject({ supersedes: first.id, total: '60000.00', lines: [{ orderLineId: '20', amount: '60000.00' }] });

    // The ERP posts it: the line is invoiced and the request closed.
    await accounting('erp.invoice.posted.v1', { invoiceRequestId: second.id, invoiceNumber: 'INV-2026-1190', postedAt: '2026-11-30T18:00:00Z', total: '60000.00' });
    await ledgerLine((l) => l.id === fee.id && l.state === 'invoiced', 'the fee invoiced');
    expect((await finance().get(`/invoice-requests/${second.id}`).expect(200)).body).toMatchObject({ accountingStatus: 'posted', invoiceNumber: 'INV-2026-1190', postedTotal: '60000.00', totalMismatch: false });
    // service-commitments shows the commitment's billing state at a glance.
    const billedCommitment = await eventually(async () => {
      const view = (await desk.get(`/projects/${project.id}`).expect(200)).body;
      const commitment = view.commitments.find((c: { kind: string }) => c.kind === 'installation');
      return commitment.billing?.[0]?.state === 'invoiced' ? commitment : undefined;
    }, { what: 'the installation shown invoiced in service-commitments' });
    expect(billedCommitment.billing).toEqual([{ lineId: fee.id, kind: 'milestone', state: 'invoiced', amount: '60000.00', currency: 'INR', invoiceRequestId: second.id }]);
    const audit = (await finance().get(`/ledger/${fee.id}`).expect(200)).body.adjustments.map((a: { action: string; actor: string }) => `${a.action}:${a.actor}`);
    expect(audit).toEqual(['request:meera.finance', 'reject:erp', 'rebill:meera.finance', 'request:meera.finance', 'post:erp']);

    // A breakdown repair under warranty: the engineer's 2 h cost 1800.00 and nothing is billable.
    clock.set('2026-12-10T12:00:00Z');
    const underWarranty = (await desk.post('/service-requests').send({ serialNumber: SERIAL, priority: 'P2', description: 'Hydraulic pressure drops during injection' }).expect(201)).body;
    const warrantyWork = await approvedWork({ taskId: underWarranty.task.id, projectId: project.id }, '2026-12-10', 2);
    const covered = await ledgerLine((l) => l.source.ref === warrantyWork.timeEntryId, 'the warranty repair hours');
    expect(covered).toMatchObject({ state: 'non_billable', billable: false, coverage: 'warranty', amount: '0.00', cost: '1800.00', reason: 'Covered by warranty 2026-11-30..2027-11-29' });

    // The same repair after the warranty: time and materials at the list rate.
    clock.set('2027-12-15T12:00:00Z');
    const afterWarranty = (await desk.post('/service-requests').send({ serialNumber: SERIAL, priority: 'P2', description: 'Hydraulic pressure drops during injection' }).expect(201)).body;
    const paidWork = await approvedWork({ taskId: afterWarranty.task.id, projectId: project.id }, '2027-12-15', 2);
    const billed = await ledgerLine((l) => l.source.ref === paidWork.timeEntryId, 'the paid repair hours');
    expect(billed).toMatchObject({ state: 'ready', billable: true, coverage: 'none', amount: '5000.00', cost: '1800.00', orderLineId: null });
    expect(billed.reason).toBe('Time and materials: 2.00 × 2500 (Not covered on 2027-12-15: warranty ended 2027-11-29)');
  });

  it('follows an order change: a unit the change added is billed at the new price, and the new PO goes on the invoice request', async () => {
    clock.set('2026-12-08T12:00:00Z');
    const orderId = `SO-BILL3-${uniqueSuffix()}`;
    const order = await sellAndDispatch(orderId, `${SERIAL}-3`);
    const before = await projectWhen(orderId, (cs) => cs.find((c) => c.kind === 'installation')?.tasks[0]?.status === 'ready', 'the installation ready');

    // Installed before the change: its fee is recorded with the PO of the time.
    const installTask = before.commitments.find((c) => c.kind === 'installation')!.tasks[0];
    const install = await approvedWork({ taskId: installTask.id, projectId: before.projectId }, '2026-12-04', 4);
    await signOff(install.visitId, '2026-12-04T10:00:00Z');
    await eventually(async () =>
      ((await finance().get('/ledger').query({ orderId }).expect(200)).body.lines as Line[]).find((l) => l.source.kind === 'milestone' && l.source.ref === installTask.id && l.state === 'ready'),
    { what: 'the installation fee', timeoutMs: 30_000 });

    // Revision 1: a third support visit, at a new price, and a new PO number.
    await kafka.produce(Topics.salesOrders, [
      structuredRecord(changeEvent(order as never, 1, (data) => {
        data.customerPoNumber = 'PO-88121-B';
        const visits = data.lines.find((l) => l.lineId === '50')!;
        visits.quantity = 3;
        visits.unitPrice = '9000.00';
      })),
    ]);
    const { projectId, commitments: changed } = await projectWhen(orderId, (cs) => cs.filter((c) => c.kind === 'support_visit').length === 3, 'the added support visit');
    const added = changed.find((c) => c.kind === 'support_visit' && c.unitIndex === 3)!;
    const announced = await eventually(async () =>
      (await kafka.readAll(Topics.serviceProjects))
        .map((r) => JSON.parse(r.value!.toString()))
        .find((e) => e.type === 'psa.service-project.changed.v1' && e.data.projectId === projectId), { what: 'the project changed event' });
    expect(announced.data).toMatchObject({ revision: 1, customerPoNumber: 'PO-88121-B', orderId });
    expect(announced.data.commitments.filter((c: { sku: string }) => c.sku === 'SVC-SUPPORT-VISIT').map((c: { unitIndex: number; unitPrice: string }) => [c.unitIndex, c.unitPrice])).toEqual([
      [1, '9000.00'],
      [2, '9000.00'],
      [3, '9000.00'],
    ]);

    // The customer calls off the added visit and it is done: its fee is priced and ready, not a review item at 0.
    await apiAs(commitments.app, ['customer'], { customerId: 'C-1007' }).post(`/commitments/${added.id}/call-off`).send({ requestedDate: '2026-12-09' }).expect(201);
    const ready = await projectWhen(orderId, (cs) => cs.find((c) => c.id === added.id)?.tasks[0]?.status === 'ready', 'the added visit ready');
    const visitTask = ready.commitments.find((c) => c.id === added.id)!.tasks[0];
    clock.set('2026-12-10T12:00:00Z');
    const work = await approvedWork({ taskId: visitTask.id, projectId }, '2026-12-09', 2);
    await signOff(work.visitId, '2026-12-09T08:00:00Z');
    const fee = await eventually(async () =>
      ((await finance().get('/ledger').query({ orderId }).expect(200)).body.lines as (Line & { commitmentId: string })[]).find((l) => l.source.kind === 'milestone' && l.commitmentId === added.id),
    { what: 'the added visit fee', timeoutMs: 30_000 });
    expect(fee).toMatchObject({ state: 'ready', orderLineId: '50', amount: '9000.00', billable: true, source: { kind: 'milestone', ref: visitTask.id } });

    // The invoice request carries the PO number as the order now stands, for the fee recorded before the change too.
    const [request] = (await finance().post('/invoice-requests').send({ customerId: 'C-1007', orderId }).expect(201)).body;
    const sent = await eventually(async () => (await requestsOnTopic()).find((e) => e.data.invoiceRequestId === request.id), { what: 'the invoice request' });
    expect(sent.data).toMatchObject({ orderId, customerPoNumber: 'PO-88121-B', total: '69000.00' });
    expect(sent.data.lines.map((l) => [l.orderLineId, l.amount, l.source.refs[0]])).toEqual([
      ['20', '60000.00', installTask.id],
      ['50', '9000.00', visitTask.id],
    ]);
  });

  it('bills a fixed fee once when the first visit ends incomplete (the follow-up earns it), and keeps done work billable when the whole order is cancelled', async () => {
    clock.set('2026-12-03T12:00:00Z');
    const orderId = `SO-BILL2-${uniqueSuffix()}`;
    await sellAndDispatch(orderId, `${SERIAL}-2`);
    const desk = apiAs(commitments.app, ['service_manager']);
    const installationOf = async (ready: (tasks: Commitment['tasks']) => boolean) => {
      const installationIn = (cs: Commitment[]) => cs.find((c) => c.kind === 'installation')?.tasks ?? [];
      const found = await projectWhen(orderId, (cs) => ready(installationIn(cs)), `the installation of ${orderId}`);
      return { projectId: found.projectId, tasks: installationIn(found.commitments) };
    };
    const { projectId, tasks: [first] } = await installationOf((tasks) => tasks[0]?.status === 'ready');

    // The first visit cannot finish: hoses missing. Its task closes and a follow-up opens; no fee yet.
    const short = await approvedWork({ taskId: first.id, projectId }, '2026-12-01', 3);
    await engineer().post(`/visits/${short.visitId}/complete`).send({ outcome: 'incomplete', followUpReason: 'Hydraulic hoses missing', at: '2026-12-01T08:30:00Z' }).expect(201);
    const { tasks } = await installationOf((all) => all.length === 2 && all.some((t) => t.status === 'ready'));
    const followUp = tasks.find((t) => t.id !== first.id)!;
    expect(tasks.find((t) => t.id === first.id)!.status).toBe('done');
    expect(followUp.name).toMatch(/^Follow-up: .*Hydraulic hoses missing/);
    const doneEvent = await eventually(async () =>
      (await kafka.readAll(Topics.serviceProjects))
        .map((r) => JSON.parse(r.value!.toString()))
        .find((e) => e.type === 'psa.task.done.v1' && e.data.task.taskId === first.id), { what: 'the first task done' });
    expect(doneEvent.data.followUpTaskId).toBe(followUp.id);

    // The follow-up finishes the installation: the fee, once, for the follow-up task.
    const finish = await approvedWork({ taskId: followUp.id, projectId }, '2026-12-02', 2);
    await signOff(finish.visitId, '2026-12-02T08:00:00Z');
    const milestones = async () => ((await finance().get('/ledger').query({ orderId }).expect(200)).body.lines as Line[]).filter((l) => l.source.kind === 'milestone');
    const [fee] = await eventually(async () => ((await milestones()).some((l) => l.state === 'ready') ? milestones() : undefined), { what: 'the installation fee ready', timeoutMs: 30_000 });
    expect(await milestones()).toHaveLength(1);
    expect(fee).toMatchObject({ state: 'ready', orderLineId: '20', amount: '60000.00', source: { kind: 'milestone', ref: followUp.id }, reason: 'Fixed fee: milestone install (100% of 60000.00) done' });

    // The customer withdraws the rest of the order: unstarted work is cancelled, the done installation stays billable.
    await kafka.produce(Topics.salesOrders, [structuredRecord(cancellationEvent(orderId))]);
    await eventually(async () =>
      (await kafka.readAll(Topics.serviceProjects))
        .map((r) => JSON.parse(r.value!.toString()))
        .some((e) => e.type === 'psa.service-project.cancelled.v1' && e.data.projectId === projectId) || undefined, { what: 'the project cancelled' });
    await eventually(async () => ((await kafka.lag(billingGroup, Topics.serviceProjects)) === 0 ? true : undefined), { what: 'billing caught up' });
    const cancelled = (await desk.get(`/projects/${projectId}`).expect(200)).body;
    expect(cancelled.commitments.filter((c: { kind: string }) => c.kind === 'training').map((c: { status: string }) => c.status)).toEqual(['cancelled']);
    expect((await finance().get(`/ledger/${fee.id}`).expect(200)).body).toMatchObject({ state: 'ready', amount: '60000.00' });
    const queue = (await finance().get('/review-queue').query({ customerId: 'C-1007' }).expect(200)).body;
    // The page holds the whole review list, so the fee is not on a later page either.
    expect(queue.review).toHaveLength(queue.counts.review);
    expect(queue.review.map((l: Line) => l.id)).not.toContain(fee.id);
  });
});
