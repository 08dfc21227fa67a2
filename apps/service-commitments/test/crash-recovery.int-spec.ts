/**
 * A consumer killed with SIGKILL between its database commit and its offset
 * commit, then restarted, leaves exactly one effect per event.
 */
import pg from 'pg';
import { Topics } from '#contracts';
import { ensureDatabase, dropDatabase } from '#persistence';
import { eventually, freePort, ServiceProcess, serviceProcessEnv, testServiceConfig, TestKafka } from '#testing';
import { SERVICE_COMMITMENTS_DEFAULTS } from '../src/service-commitments.module.js';
import { orderEvent, structuredRecord } from './factories.js';

describe('service-commitments killed between database commit and offset commit', () => {
  const config = testServiceConfig(SERVICE_COMMITMENTS_DEFAULTS);
  const kafka = new TestKafka(config.topicPrefix);
  let port: number;
  let service: ServiceProcess;
  const db = new pg.Client({ connectionString: config.databaseUrl });

  beforeAll(async () => {
    port = await freePort();
    await ensureDatabase(config.databaseUrl);
    service = new ServiceProcess('service-commitments', serviceProcessEnv(config, port, { KAFKA_TOPIC_PARTITIONS: '1' }));
    await db.connect();
  });

  afterAll(async () => {
    await service?.stop();
    await db.end();
    await kafka.close();
    await dropDatabase(config.databaseUrl);
  });

  it('redelivers what was applied but not committed, and applies each event once', async () => {
    // Die right after the third event's transaction commits, before any offset commit.
    service.start({ SERVICELOOP_FAULT_CRASH_AFTER_COMMIT: '3' });
    await service.waitForHealth(port);
    const orders = ['SO-KILL-1', 'SO-KILL-2', 'SO-KILL-3', 'SO-KILL-4', 'SO-KILL-5'];
    await kafka.produce(Topics.salesOrders, orders.map((id) => structuredRecord(orderEvent(id))));

    const exit = await service.waitForExit();
    expect(exit.signal).toBe('SIGKILL');
    const applied = await db.query('SELECT count(*)::int AS n FROM processed_event');
    expect(applied.rows[0].n).toBeGreaterThanOrEqual(3);
    // The offsets of those applied events were never committed: Kafka will redeliver them.
    const committed = orders.length - (await kafka.lag(config.consumerGroup, Topics.salesOrders));
    expect(committed).toBeLessThan(applied.rows[0].n);

    service.start();
    await service.waitForHealth(port);
    await eventually(async () => (await kafka.lag(config.consumerGroup, Topics.salesOrders)) === 0, {
      what: 'all offsets committed after restart',
      timeoutMs: 60_000,
    });

    const projects = await db.query('SELECT order_id, count(*)::int AS n FROM service_project GROUP BY order_id ORDER BY order_id');
    expect(projects.rows).toEqual(orders.map((order_id) => ({ order_id, n: 1 })));
    const commitments = await db.query('SELECT count(*)::int AS n FROM commitment');
    expect(commitments.rows[0].n).toBe(orders.length * 6);
    const created = await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE event->>'type' = 'psa.service-project.created.v1'`);
    expect(created.rows[0].n).toBe(orders.length);
    const inbox = await db.query('SELECT count(*)::int AS n FROM processed_event');
    expect(inbox.rows[0].n).toBe(orders.length);
  });
});
