/**
 * The relay sleeps until PostgreSQL tells it that outbox rows committed. The
 * notification comes from a trigger on outbox_event: once per transaction that
 * wrote events, only when it commits, and not for a savepoint rolled back.
 */
import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dropDatabase, ensureDatabase } from '#persistence';
import { Clock, type ServiceConfig } from '#platform';
import { MESSAGING_ENTITIES } from '../src/messaging.entities.js';
import { CreateMessagingTables1764000000000, OutboxNotifyTrigger1765000000000 } from '../src/messaging.migration.js';
import { Outbox, OUTBOX_CHANNEL } from '../src/outbox.js';

const url = `postgres://postgres@127.0.0.1:5432/sltest_outbox_notify_${process.pid}`;
let db: DataSource;
let listener: pg.Client;
const heard: string[] = [];
const outbox = new Outbox({ serviceName: 'notify-test' } as ServiceConfig, new Clock());
const event = (n: number) => ({
  topic: 'psa.service-projects',
  key: `P-${n}`,
  type: 'psa.service-project.cancelled.v1',
  data: { projectId: '0b7f1c9e-4a8d-4a43-9d8e-7a1d1e0b5c11', orderId: `SO-${n}`, reason: 'test', cancelledAt: '2027-01-01T00:00:00.000Z' },
});

/** What the listener heard once a round trip on its own connection has passed (notifications come before it). */
async function heardSoFar(): Promise<number> {
  await listener.query('SELECT 1');
  return heard.length;
}

beforeAll(async () => {
  await ensureDatabase(url);
  db = new DataSource({ type: 'postgres', url, entities: MESSAGING_ENTITIES, migrations: [CreateMessagingTables1764000000000, OutboxNotifyTrigger1765000000000], migrationsRun: true });
  await db.initialize();
  listener = new pg.Client({ connectionString: url });
  await listener.connect();
  listener.on('notification', (n) => heard.push(n.channel));
  await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
});

afterAll(async () => {
  await listener?.end();
  await db?.destroy();
  await dropDatabase(url);
});

it('notifies the relay once per committed transaction that wrote events, after it commits', async () => {
  const before = await heardSoFar();
  let during = -1;
  await db.transaction(async (tx) => {
    await outbox.add(tx, event(1));
    await outbox.addAll(tx, [event(2), event(3)]);
    during = await heardSoFar();
  });
  expect(during).toBe(before);
  // Notifications arrive asynchronously on the listener's connection; wait for the one expected.
  for (let i = 0; i < 50 && (await heardSoFar()) === before; i++) await new Promise((r) => setTimeout(r, 20));
  expect(heard.slice(before)).toEqual([OUTBOX_CHANNEL]);
});

it('says nothing for a transaction rolled back, and nothing for a savepoint rolled back', async () => {
  const before = await heardSoFar();
  await expect(
    db.transaction(async (tx) => {
      await outbox.add(tx, event(4));
      throw new Error('rolled back');
    }),
  ).rejects.toThrow('rolled back');
  await db.transaction(async (tx) => {
    await expect(
      tx.transaction(async (inner) => {
        await outbox.add(inner, event(5));
        throw new Error('savepoint rolled back');
      }),
    ).rejects.toThrow('savepoint rolled back');
  });
  await new Promise((r) => setTimeout(r, 200));
  expect(await heardSoFar()).toBe(before);
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE message_key IN ('P-4', 'P-5')`);
  expect(n).toBe(0);
});
