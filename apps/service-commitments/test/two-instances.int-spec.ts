/**
 * Two instances of service-commitments in one consumer group over one database:
 * the work is shared, every order is applied once, exactly one instance relays
 * the outbox at a time, and the other takes over when it stops.
 */
import { Topics } from '#contracts';
import { devAuthConfig } from '#auth';
import { KafkaEventTransport, OutboxRelay } from '#messaging';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, uniqueSuffix, type TestApp } from '#testing';
import { DataSource } from 'typeorm';
import { dropDatabase } from '#persistence';
import { SERVICE_COMMITMENTS_DEFAULTS, ServiceCommitmentsModule } from '../src/service-commitments.module.js';
import { orderEvent, structuredRecord } from './factories.js';

describe('two instances of service-commitments', () => {
  const suffix = uniqueSuffix();
  const config = testServiceConfig(SERVICE_COMMITMENTS_DEFAULTS, { suffix, env: { KAFKA_SESSION_TIMEOUT_MS: '6000' } });
  let first: TestApp;
  let second: TestApp;
  const kafka = new TestKafka(config.topicPrefix);
  const closed = new Set<TestApp>();

  beforeAll(async () => {
    const boot = () => startTestApp(ServiceCommitmentsModule.forRoot(config, devAuthConfig()), config, { transport: (app) => app.get(KafkaEventTransport) });
    first = await boot();
    second = await boot();
  });

  afterAll(async () => {
    await kafka.close();
    for (const instance of [first, second]) {
      if (instance && !closed.has(instance)) await instance.close({ dropDatabase: false });
    }
    await dropDatabase(config.databaseUrl);
  });

  it('share the orders, apply each once, and relay the outbox from one instance at a time', async () => {
    const relays = [first, second].map((s) => s.app.get(OutboxRelay));
    await eventually(() => relays.filter((r) => r.isActive).length === 1, { what: 'one active relay' });

    const orders = Array.from({ length: 12 }, (_, i) => `SO-TWO-${i + 1}`);
    await kafka.produce(Topics.salesOrders, orders.map((id) => structuredRecord(orderEvent(id))));
    const db = second.app.get(DataSource);
    await eventually(async () => {
      const [{ n }] = await db.query('SELECT count(*)::int AS n FROM service_project');
      return n === orders.length;
    }, { what: 'all orders applied' });
    await eventually(async () => (await kafka.lag(config.consumerGroup, Topics.salesOrders)) === 0, { what: 'lag zero' });
    const byInstance = await db.query('SELECT count(DISTINCT order_id)::int AS n FROM service_project');
    expect(byInstance[0].n).toBe(orders.length);

    const created = async () =>
      (await kafka.readAll(Topics.serviceProjects))
        .map((r) => JSON.parse(r.value!.toString()))
        .filter((e) => e.type === 'psa.service-project.created.v1');
    await eventually(async () => (await created()).length === orders.length, { what: 'every project-created event published' });

    // Stop the active relay's instance: the other takes over and publishes what comes next.
    const active = relays[0].isActive ? first : second;
    const survivor = active === first ? second : first;
    await active.close({ dropDatabase: false });
    closed.add(active);
    await eventually(() => survivor.app.get(OutboxRelay).isActive, { what: 'the survivor relays', timeoutMs: 30_000 });
    await kafka.produce(Topics.salesOrders, [structuredRecord(orderEvent('SO-TWO-LAST'))]);
    const events = await eventually(async () => {
      const all = await created();
      return all.length === orders.length + 1 ? all : undefined;
    }, { what: 'the event after the takeover', timeoutMs: 60_000 });
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });
});
