/**
 * An ERP's end-of-day upload of dispatches must not hold up the orders that come
 * right behind it: each consumed topic has its own consumer, so a new order is
 * taken while the dispatches are still being applied. (With one consumer for
 * every topic, kafkajs fetched again only when all the dispatches of its last
 * fetch were applied, and the order waited for them.)
 */
import { DataSource } from 'typeorm';
import { Topics } from '#contracts';
import { devAuthConfig } from '#auth';
import { KafkaEventTransport } from '#messaging';
import { eventually, startTestApp, testServiceConfig, TestKafka, uniqueSuffix, type TestApp } from '#testing';
import { SERVICE_COMMITMENTS_DEFAULTS, ServiceCommitmentsModule } from '../src/service-commitments.module.js';
import { dispatchEvent, orderEvent, structuredRecord } from './factories.js';

const BURST = 200;

describe('a burst of dispatches with a new order behind it', () => {
  const suffix = uniqueSuffix();
  const config = testServiceConfig(SERVICE_COMMITMENTS_DEFAULTS, { suffix });
  const kafka = new TestKafka(config.topicPrefix);
  let service: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    service = await startTestApp(ServiceCommitmentsModule.forRoot(config, devAuthConfig()), config, { transport: (app) => app.get(KafkaEventTransport) });
    db = service.app.get(DataSource);
  });

  afterAll(async () => {
    await kafka.close();
    await service?.close();
  });

  const count = async (sql: string, params: unknown[] = []) => ((await db.query(sql, params)) as { n: number }[])[0].n;

  it('takes the order while the dispatches are still being applied, and applies every dispatch once', async () => {
    const orders = Array.from({ length: BURST }, (_, i) => `SO-BURST-${suffix}-${i}`);
    await kafka.produce(Topics.salesOrders, orders.map((id) => structuredRecord(orderEvent(id))));
    await eventually(async () => (await count('SELECT count(*)::int AS n FROM service_project')) === BURST, { what: 'the orders', timeoutMs: 60_000 });

    const behind = `SO-BEHIND-${suffix}`;
    await kafka.produce(
      Topics.dispatches,
      orders.map((id, i) => structuredRecord(dispatchEvent(id, { dispatchId: `DN-${i}`, lines: [{ lineId: '10', sku: 'INJ-250T', quantity: 1, serialNumbers: [`SN-BURST-${suffix}-${i}`] }] }))),
    );
    await kafka.produce(Topics.salesOrders, [structuredRecord(orderEvent(behind))]);

    // The moment the order's project exists, how many of the dispatches were applied.
    const appliedWhenTaken = await eventually(
      async () => {
        const [{ taken, dispatches }] = await db.query(
          `SELECT EXISTS (SELECT 1 FROM service_project WHERE order_id = $1) AS taken, (SELECT count(*)::int FROM dispatch) AS dispatches`,
          [behind],
        );
        return taken ? (dispatches as number) : undefined;
      },
      { what: 'the order behind the burst', timeoutMs: 120_000, intervalMs: 20 },
    );
    expect(appliedWhenTaken).toBeLessThan(BURST);

    await eventually(async () => (await count('SELECT count(*)::int AS n FROM dispatch')) === BURST, { what: 'every dispatch', timeoutMs: 180_000 });
    await eventually(async () => (await kafka.lag(config.consumerGroup, Topics.dispatches)) === 0 && (await kafka.lag(config.consumerGroup, Topics.salesOrders)) === 0, {
      what: 'lag zero on both topics',
    });
    expect(await count('SELECT count(*)::int AS n FROM installed_equipment')).toBe(BURST);
    expect(await count('SELECT count(DISTINCT dispatch_id)::int AS n FROM dispatch')).toBe(BURST);
    // Dispatches are handled one by one: a transaction stops taking more after its time, so the first ones'
    // effects were not held back until the last of a fetch committed. Each inbox row is in the transaction
    // that applied its event (xmin); one row per dispatch, none taken back and lost.
    const inbox = await db.query(
      `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS events, count(DISTINCT xmin::text)::int AS transactions
         FROM processed_event WHERE topic = $1 AND outcome = 'applied'`,
      [Topics.dispatches],
    );
    expect(inbox[0].rows).toBe(BURST);
    expect(inbox[0].events).toBe(BURST);
    expect(inbox[0].transactions).toBeGreaterThanOrEqual(10);
  });
});
