/**
 * The issue's "done": the example order's installation, from the ERP's order to
 * the task done in service-commitments, with field-execution in between. Both
 * services run on one broker (one topic prefix) with their own databases;
 * scheduling's booking is published by the test.
 */
import { randomUUID } from 'node:crypto';
import { devAuthConfig } from '#auth';
import { Topics, exampleEvent, type VisitBooking } from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { Clock, FixedClock } from '#platform';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, uniqueSuffix, type TestApp } from '#testing';
import { SERVICE_COMMITMENTS_DEFAULTS, ServiceCommitmentsModule } from '../../service-commitments/src/service-commitments.module.js';
import { dispatchEvent, orderEvent, structuredRecord } from '../../service-commitments/test/factories.js';
import { FIELD_EXECUTION_DEFAULTS, FieldExecutionModule } from '../src/field-execution.module.js';
import { visitIdFor } from '../src/visits/domain/visit-identity.js';
import { partsIssuedEvent, record } from './factories.js';

const ENGINEER = 'e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f0001';
const ORDER = 'SO-E2E-0142';
const SERIAL = 'INJ250-E2E1';

type Commitment = { kind: string; status: string; tasks: { id: string; status: string }[] };

describe('field-execution with service-commitments: the example installation, done', () => {
  const suffix = uniqueSuffix();
  const clock = new FixedClock(new Date('2026-11-30T12:00:00Z'));
  let commitments: TestApp;
  let field: TestApp;
  let kafka: TestKafka;

  beforeAll(async () => {
    const commitmentsConfig = testServiceConfig(SERVICE_COMMITMENTS_DEFAULTS, { suffix });
    const fieldConfig = testServiceConfig(FIELD_EXECUTION_DEFAULTS, { suffix });
    commitments = await startTestApp(ServiceCommitmentsModule.forRoot(commitmentsConfig, devAuthConfig()), commitmentsConfig, {
      transport: (app) => app.get(KafkaEventTransport),
      overrides: [[Clock, clock]],
    });
    field = await startTestApp(FieldExecutionModule.forRoot(fieldConfig, devAuthConfig()), fieldConfig, {
      transport: (app) => app.get(KafkaEventTransport),
      overrides: [[Clock, clock]],
    });
    kafka = new TestKafka(fieldConfig.topicPrefix);
  });

  afterAll(async () => {
    await kafka?.close();
    await field?.close();
    await commitments?.close();
  });

  async function installation(until: (c: Commitment) => boolean): Promise<Commitment & { projectId: string }> {
    const desk = apiAs(commitments.app, ['service_manager']);
    return eventually(async () => {
      const list = await desk.get('/projects').query({ orderId: ORDER }).expect(200);
      if (list.body.items.length !== 1) return undefined;
      const project = (await desk.get(`/projects/${list.body.items[0].id}`).expect(200)).body;
      const install = project.commitments.find((c: Commitment) => c.kind === 'installation');
      return install && until(install) ? { ...install, projectId: project.id } : undefined;
    }, { what: `the installation of ${ORDER} in the expected state`, timeoutMs: 30_000 });
  }

  it('checks in, ticks the checklist, logs and approves time and travel, counts the seal kit once, signs off: the task is done', async () => {
    await kafka.produce(Topics.salesOrders, [structuredRecord(orderEvent(ORDER))]);
    await kafka.produce(Topics.dispatches, [
      structuredRecord(dispatchEvent(ORDER, { dispatchId: 'DN-E2E-1', lines: [{ lineId: '10', sku: 'INJ-250T', quantity: 1, serialNumbers: [SERIAL] }] })),
    ]);
    const ready = await installation((c) => c.tasks[0]?.status === 'ready');
    const taskId = ready.tasks[0].id;

    // What scheduling would send: the engineer booked on Monday 30 Nov.
    const booking = exampleEvent<VisitBooking>('psa.visit.scheduled.v1', undefined, { source: 'serviceloop://scheduling' });
    Object.assign(booking.data, {
      taskId,
      projectId: ready.projectId,
      customerId: 'C-1007',
      engineerIds: [ENGINEER],
      start: '2026-11-30T04:30:00Z',
      end: '2026-11-30T11:30:00Z',
      segments: [{ start: '2026-11-30T04:30:00Z', end: '2026-11-30T11:30:00Z' }],
      status: 'confirmed',
    });
    await kafka.produce(Topics.schedules, [record(booking, taskId)]);
    await installation((c) => c.tasks[0].status === 'scheduled');

    const engineer = apiAs(field.app, ['engineer'], { subject: 'asha.patil', name: 'Asha Patil', engineerId: ENGINEER });
    const manager = apiAs(field.app, ['service_manager'], { subject: 'ravi.kulkarni' });
    const visitId = visitIdFor(booking.data.bookingId, ENGINEER);
    const visit = await eventually(async () => {
      const res = await engineer.get(`/visits/${visitId}`);
      return res.status === 200 && res.body.checklist ? res.body : undefined;
    }, { what: "the visit with the task's checklist" });
    expect(visit).toMatchObject({ serialNumber: SERIAL, orderId: ORDER, task: { id: taskId, kind: 'installation' } });

    await engineer.post(`/visits/${visitId}/check-in`).send({ at: '2026-11-30T04:35:00Z' }).expect(201);
    await installation((c) => c.tasks[0].status === 'in_progress');

    const open = await engineer.post(`/visits/${visitId}/complete`).send({ outcome: 'completed', signOff: { name: 'Anil Deshmukh' } }).expect(409);
    expect(open.body.missing.length).toBe(visit.checklist.filter((c: { required: boolean }) => c.required).length);
    for (const { item } of visit.checklist) await engineer.post(`/visits/${visitId}/checklist`).send({ item, ticked: true }).expect(201);

    const time = await engineer.post(`/visits/${visitId}/time-entries`).send({ start: '2026-11-30T04:35:00Z', end: '2026-11-30T10:35:00Z', activity: 'work', billable: true }).expect(201);
    const travel = await engineer.post(`/visits/${visitId}/expenses`).send({ category: 'travel', amount: '1850.00', currency: 'INR', receiptReference: 'RCPT-PUNE-4471' }).expect(201);
    await manager.post(`/time-entries/${time.body.id}/approve`).expect(201);
    await manager.post(`/expenses/${travel.body.id}/approve`).expect(201);

    const issue = partsIssuedEvent('GI-E2E-0077', { kind: 'visit', id: visitId }, { orderId: ORDER });
    await kafka.produce(Topics.inventory, [record(issue, ORDER), record({ ...structuredClone(issue), id: randomUUID() }, ORDER)]);
    await eventually(async () => (await kafka.lag(field.config.consumerGroup, Topics.inventory)) === 0, { what: 'both issues read' });

    const done = await engineer.post(`/visits/${visitId}/complete`).send({ outcome: 'completed', signOff: { name: 'Anil Deshmukh' }, at: '2026-11-30T11:00:00Z' }).expect(201);
    expect(done.body).toMatchObject({
      status: 'completed',
      timeEntries: [expect.objectContaining({ hours: '6.00', status: 'approved' })],
      expenses: [expect.objectContaining({ amount: '1850.00', status: 'approved' })],
      parts: [expect.objectContaining({ issueId: 'GI-E2E-0077', sku: 'SEAL-KIT-250', quantity: 1 })],
    });

    const finished = await installation((c) => c.status === 'done');
    expect(finished.tasks[0].status).toBe('done');
    const machine = (await apiAs(commitments.app, ['service_manager']).get(`/equipment/${SERIAL}`).expect(200)).body;
    expect(machine.installedOn).toBe('2026-11-30');
    await engineer.get(`/visits/${visitId}/report.pdf`).expect(200);
  });
});
