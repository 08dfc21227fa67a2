/**
 * Held, not dropped: a parts issue for a visit field-execution has not seen is
 * parked; still unknown after PARKING_TIMEOUT_MS it is dead-lettered
 * ORDER_NOT_FOUND, and a replay once the visit exists applies it.
 */
import { randomUUID } from 'node:crypto';
import { devAuthConfig } from '#auth';
import { Topics } from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { FIELD_EXECUTION_DEFAULTS, FieldExecutionModule } from '../src/field-execution.module.js';
import { visitIdFor } from '../src/visits/domain/visit-identity.js';
import { bookingEvent, installationTask, partsIssuedEvent, record, taskReadyEvent } from './factories.js';

const ENGINEER = 'e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f0009';

describe('field-execution: parts issued for a visit that does not exist yet', () => {
  let service: TestApp;
  let kafka: TestKafka;

  beforeAll(async () => {
    const config = testServiceConfig(FIELD_EXECUTION_DEFAULTS, { env: { PARKING_TIMEOUT_MS: '1500' } });
    service = await startTestApp(FieldExecutionModule.forRoot(config, devAuthConfig()), config, { transport: (app) => app.get(KafkaEventTransport) });
    kafka = new TestKafka(config.topicPrefix);
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
  });

  it('dead-letters ORDER_NOT_FOUND after the timeout, and a replay applies it once the visit exists', async () => {
    const admin = apiAs(service.app);
    const task = installationTask();
    const booking = bookingEvent('psa.visit.scheduled.v1', task, [ENGINEER]);
    // The visit's id follows from booking and engineer, so the ERP may name it before field-execution has it.
    const visitId = visitIdFor(booking.data.bookingId, ENGINEER);
    const issue = partsIssuedEvent(`GI-${randomUUID().slice(0, 8)}`, { kind: 'visit', id: visitId }, { orderId: null });
    await kafka.produce(Topics.inventory, [record(issue, visitId)]);

    const letter = await eventually(async () => {
      const res = await admin.get('/dead-letters').query({ reasonCode: 'ORDER_NOT_FOUND' }).expect(200);
      return res.body.find((d: { key: string }) => d.key === visitId);
    }, { what: 'the ORDER_NOT_FOUND dead letter', timeoutMs: 30_000 });
    expect(letter.reason).toContain(`visit:${visitId}`);
    const onTopic = (await kafka.readAll(`${Topics.inventory}.dlq`)).find((r) => r.key === visitId);
    expect(onTopic?.headers['dlq-reason-code']).toBe('ORDER_NOT_FOUND');

    await kafka.produce(Topics.serviceProjects, [record(taskReadyEvent(task), task.projectId!)]);
    await kafka.produce(Topics.schedules, [record(booking, task.taskId)]);
    await eventually(async () => (await admin.get(`/visits/${visitId}`)).status === 200, { what: 'the visit' });
    expect((await admin.get(`/visits/${visitId}`).expect(200)).body.parts).toEqual([]);

    await admin.post(`/dead-letters/${letter.id}/replay`).expect(201);
    const visit = await eventually(async () => {
      const body = (await admin.get(`/visits/${visitId}`).expect(200)).body;
      return body.parts.length === 1 ? body : undefined;
    }, { what: 'the replayed issue applied' });
    expect(visit.parts[0]).toMatchObject({ issueId: issue.data.issueId, sku: 'SEAL-KIT-250', quantity: 1 });
  });
});
