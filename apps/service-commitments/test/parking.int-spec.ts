/**
 * Held, not dropped: an event whose order never comes is dead-lettered
 * ORDER_NOT_FOUND after the parking timeout, and can be replayed once the
 * order exists.
 */
import { Topics } from '#contracts';
import { devAuthConfig } from '#auth';
import { KafkaEventTransport } from '#messaging';
import { apiAs, eventually, metricSample, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { SERVICE_COMMITMENTS_DEFAULTS, ServiceCommitmentsModule } from '../src/service-commitments.module.js';
import { cancellationEvent, orderEvent, structuredRecord } from './factories.js';

describe('service-commitments: events waiting for their order', () => {
  let service: TestApp;
  let kafka: TestKafka;

  beforeAll(async () => {
    const config = testServiceConfig(SERVICE_COMMITMENTS_DEFAULTS, { env: { PARKING_TIMEOUT_MS: '1500' } });
    service = await startTestApp(ServiceCommitmentsModule.forRoot(config, devAuthConfig()), config, {
      transport: (app) => app.get(KafkaEventTransport),
    });
    kafka = new TestKafka(config.topicPrefix);
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
  });

  it('dead-letters ORDER_NOT_FOUND after the timeout, and a replay applies once the order exists', async () => {
    const http = apiAs(service.app);
    await kafka.produce(Topics.salesOrders, [structuredRecord(cancellationEvent('SO-LATE-1'))]);

    const letter = await eventually(async () => {
      const res = await http.get('/dead-letters').query({ reasonCode: 'ORDER_NOT_FOUND' }).expect(200);
      return res.body.find((d: { key: string }) => d.key === 'SO-LATE-1');
    }, { what: 'the ORDER_NOT_FOUND dead letter', timeoutMs: 30_000 });
    expect(letter.reason).toMatch(/SO-LATE-1/);
    const onTopic = (await kafka.readAll(`${Topics.salesOrders}.dlq`)).find((r) => r.key === 'SO-LATE-1');
    expect(onTopic?.headers['dlq-reason-code']).toBe('ORDER_NOT_FOUND');
    expect(JSON.parse(onTopic!.value!.toString()).type).toBe('erp.sales-order.cancelled.v1');
    // The expiry counts as a dead letter of its topic (what the alert on new dead letters watches), and nothing is held.
    const metrics = (await http.get('/metrics').expect(200)).text;
    expect(metricSample(metrics, 'serviceloop_events_failed_total', { topic: Topics.salesOrders, reason_code: 'ORDER_NOT_FOUND' })).toBe(1);
    expect(metricSample(metrics, 'serviceloop_parked_events')).toBe(0);
    expect(metricSample(metrics, 'serviceloop_parked_event_oldest_age_seconds')).toBe(0);

    await kafka.produce(Topics.salesOrders, [structuredRecord(orderEvent('SO-LATE-1'))]);
    const projectId = await eventually(async () => {
      const res = await http.get('/projects').query({ orderId: 'SO-LATE-1' }).expect(200);
      return res.body.items[0]?.id as string | undefined;
    }, { what: 'the late order project' });
    expect((await http.get(`/projects/${projectId}`).expect(200)).body.status).toBe('active');

    const replayed = await http.post(`/dead-letters/${letter.id}/replay`).expect(201);
    expect(replayed.body.replayedAt).not.toBeNull();
    await eventually(async () => (await http.get(`/projects/${projectId}`)).body.status === 'cancelled', {
      what: 'the replayed cancellation applied',
    });
  });
});
