/**
 * A rolling update from a version with one consumer for all topics: for a while
 * the group has an old member that only knows kafkajs's round-robin assigner and
 * new members with a consumer per topic. The group agrees on round-robin, which
 * ignores subscriptions (and, led by a new member, hands out only that member's
 * topic), so some partitions land where no one consumes them.
 * They wait; once the old member is gone the new ones take every partition, and
 * each order is applied once.
 */
import { DataSource } from 'typeorm';
import { Topics } from '#contracts';
import { devAuthConfig } from '#auth';
import { KafkaEventTransport } from '#messaging';
import { eventually, startTestApp, testServiceConfig, TestKafka, uniqueSuffix, type TestApp } from '#testing';
import type { Consumer } from 'kafkajs';
import { SERVICE_COMMITMENTS_CONSUMED_TOPICS } from '../src/consumed-topics.js';
import { SERVICE_COMMITMENTS_DEFAULTS, ServiceCommitmentsModule } from '../src/service-commitments.module.js';
import { orderEvent, structuredRecord } from './factories.js';

describe('a rolling update from one consumer per service to one per topic', () => {
  const suffix = uniqueSuffix();
  const config = testServiceConfig(SERVICE_COMMITMENTS_DEFAULTS, { suffix, env: { KAFKA_SESSION_TIMEOUT_MS: '6000' } });
  const kafka = new TestKafka(config.topicPrefix);
  let service: TestApp;
  let oldMember: Consumer | undefined;

  beforeAll(async () => {
    service = await startTestApp(ServiceCommitmentsModule.forRoot(config, devAuthConfig()), config, { transport: (app) => app.get(KafkaEventTransport) });
  });

  afterAll(async () => {
    await oldMember?.disconnect().catch(() => undefined);
    await kafka.close();
    await service?.close();
  });

  it('leaves nothing behind and applies nothing twice while an old member is in the group and after it leaves', async () => {
    // The old version: one consumer on every topic, round-robin only. This one takes its partitions and applies
    // nothing (as if it were stopped mid-update without committing), which is the hard case for the new members.
    oldMember = kafka.kafka.consumer({ groupId: config.consumerGroup, sessionTimeout: 6000, heartbeatInterval: 500 });
    await oldMember.connect();
    await oldMember.subscribe({ topics: SERVICE_COMMITMENTS_CONSUMED_TOPICS.map((t) => kafka.topic(t)), fromBeginning: true });
    const joined = new Promise<boolean>((resolve) => {
      oldMember!.on(oldMember!.events.GROUP_JOIN, () => resolve(true));
      setTimeout(() => resolve(false), 30_000).unref();
    });
    await oldMember.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async () => undefined,
    });
    expect(await joined).toBe(true);

    const db = service.app.get(DataSource);
    const count = async () => ((await db.query('SELECT count(*)::int AS n FROM service_project')) as { n: number }[])[0].n;
    const orders = Array.from({ length: 24 }, (_, i) => `SO-ROLL-${suffix}-${i}`);
    await kafka.produce(Topics.salesOrders, orders.map((id) => structuredRecord(orderEvent(id))));
    // While the old member is in the group, round-robin gives partitions to it, to consumers of other topics
    // (which drop them), or, with a new member leading, hands out only the leader's topic: the orders on those
    // partitions wait, so not every order is applied.
    await new Promise((r) => setTimeout(r, 3000));
    expect(await count()).toBeLessThan(orders.length);

    // The old member goes: the consumers per topic take every partition.
    await oldMember.disconnect();
    oldMember = undefined;
    await eventually(async () => (await count()) === orders.length, { what: 'every order applied', timeoutMs: 60_000 });
    await eventually(async () => (await kafka.lag(config.consumerGroup, Topics.salesOrders)) === 0, { what: 'lag zero', timeoutMs: 30_000 });
    const [{ n }] = await db.query('SELECT count(DISTINCT order_id)::int AS n FROM service_project WHERE order_id = ANY($1)', [orders]);
    expect(n).toBe(orders.length);
    const [{ applied }] = await db.query(`SELECT count(*)::int AS applied FROM processed_event WHERE type = 'erp.sales-order.created.v1'`);
    expect(applied).toBe(orders.length);
  });
});
