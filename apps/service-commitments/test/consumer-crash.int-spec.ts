/**
 * kafkajs stops a consumer for good after an error it does not retry (a
 * TypeError, say): with a consumer per topic that topic would stand still for
 * the life of the process while health stayed green. The transport replaces the
 * crashed consumer, which takes its partitions back, and nothing is lost.
 */
import { DataSource } from 'typeorm';
import { Topics } from '#contracts';
import { devAuthConfig } from '#auth';
import { KafkaEventTransport } from '#messaging';
import { eventually, startTestApp, testServiceConfig, TestKafka, uniqueSuffix, type TestApp } from '#testing';
import { SERVICE_COMMITMENTS_DEFAULTS, ServiceCommitmentsModule } from '../src/service-commitments.module.js';
import { orderEvent, structuredRecord } from './factories.js';

describe('a consumer that kafkajs gives up on', () => {
  const suffix = uniqueSuffix();
  const config = testServiceConfig(SERVICE_COMMITMENTS_DEFAULTS, { suffix });
  const kafka = new TestKafka(config.topicPrefix);
  let service: TestApp;

  beforeAll(async () => {
    process.env.SERVICELOOP_FAULT_FAIL_FIRST_BATCH_OF = Topics.salesOrders;
    try {
      service = await startTestApp(ServiceCommitmentsModule.forRoot(config, devAuthConfig()), config, { transport: (app) => app.get(KafkaEventTransport) });
    } finally {
      delete process.env.SERVICELOOP_FAULT_FAIL_FIRST_BATCH_OF;
    }
  });

  afterAll(async () => {
    await kafka.close();
    await service?.close();
  });

  it('is replaced, and the orders of its first (failed) batch are applied once', async () => {
    const orders = Array.from({ length: 6 }, (_, i) => `SO-CRASH-${suffix}-${i}`);
    await kafka.produce(Topics.salesOrders, orders.map((id) => structuredRecord(orderEvent(id))));
    const db = service.app.get(DataSource);
    await eventually(async () => ((await db.query('SELECT count(*)::int AS n FROM service_project')) as { n: number }[])[0].n === orders.length, {
      what: 'every order applied',
      timeoutMs: 60_000,
    });
    expect(service.app.get(KafkaEventTransport).replacedConsumers).toBe(1);
    await eventually(async () => (await kafka.lag(config.consumerGroup, Topics.salesOrders)) === 0, { what: 'lag zero' });
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM processed_event WHERE type = 'erp.sales-order.created.v1'`);
    expect(n).toBe(orders.length);
  });
});
