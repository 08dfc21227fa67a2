/**
 * The relay marks the rows it sent while it reads the next ones. When that marking
 * fails (the database refused the UPDATE), the rows are still unpublished: the relay
 * reads again at once with them in and sends them again, in id order, before any
 * later row; it keeps its lock (this is the database answering, not the relay
 * failing). Nothing is lost: every row ends published, and each was sent.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { dropDatabase, ensureDatabase } from '#persistence';
import { Clock, type ServiceConfig } from '#platform';
import { eventually, testInfrastructure } from '#testing';
import { createKafka, ensureTopics } from '../src/kafka-client.js';
import { MESSAGING_ENTITIES } from '../src/messaging.entities.js';
import { CreateMessagingTables1764000000000, OutboxNotifyTrigger1765000000000 } from '../src/messaging.migration.js';
import { Outbox } from '../src/outbox.js';
import { OutboxRelay } from '../src/outbox-relay.js';
import { TopicNames } from '../src/topic-names.js';

const infrastructure = testInfrastructure();
const url = `${infrastructure.postgresUrl}/sltest_relay_marking_${process.pid}`;
const prefix = `relay-marking-${randomUUID().slice(0, 8)}.`;
const config = { serviceName: `relay-marking-${process.pid}`, databaseUrl: url, topicPrefix: prefix } as ServiceConfig;
const kafka = createKafka({ brokers: infrastructure.kafkaBrokers.split(','), clientId: 'relay-marking-test' });
const outbox = new Outbox(config, new Clock());
let db: DataSource;
let relay: OutboxRelay;
let consumer: Consumer;
const seen: string[] = [];

const event = (n: number) => ({
  topic: 'psa.service-projects',
  key: `P-${n}`,
  type: 'psa.service-project.cancelled.v1',
  data: { projectId: '0b7f1c9e-4a8d-4a43-9d8e-7a1d1e0b5c11', orderId: `SO-${n}`, reason: 'test', cancelledAt: '2027-01-01T00:00:00.000Z' },
});

async function write(...numbers: number[]): Promise<void> {
  await db.transaction((tx) => outbox.addAll(tx, numbers.map(event)));
}

/** The backend holding this database's advisory lock (the active relay's lock connection). */
async function lockHolder(): Promise<number | undefined> {
  const rows: { pid: number }[] = await db.query(
    `SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
      WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()`,
  );
  return rows[0]?.pid;
}

beforeAll(async () => {
  await ensureDatabase(url);
  db = new DataSource({ type: 'postgres', url, entities: MESSAGING_ENTITIES, migrations: [CreateMessagingTables1764000000000, OutboxNotifyTrigger1765000000000], migrationsRun: true });
  await db.initialize();
  // The first marking of sent rows is refused; a sequence counts the attempts (it does not roll back with them).
  await db.query(`CREATE SEQUENCE marking_attempt`);
  await db.query(`
    CREATE FUNCTION refuse_first_marking() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF nextval('marking_attempt') = 1 THEN RAISE EXCEPTION 'marking refused (injected)'; END IF;
      RETURN NULL;
    END $$`);
  await db.query(`CREATE TRIGGER refuse_first_marking BEFORE UPDATE ON outbox_event FOR EACH STATEMENT EXECUTE FUNCTION refuse_first_marking()`);
  const topic = `${prefix}psa.service-projects`;
  // One partition: the order the relay sent in is the order read back.
  await ensureTopics(kafka, [topic], 1);
  consumer = kafka.consumer({ groupId: `${prefix}reader`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ autoCommit: false, eachMessage: async ({ message }) => void seen.push(message.key!.toString()) });
  relay = new OutboxRelay(config, kafka, db, new TopicNames(config));
  relay.onApplicationBootstrap();
  await eventually(() => relay.isActive, { what: 'the relay to take its lock', timeoutMs: 30_000 });
}, 60_000);

afterAll(async () => {
  await relay?.onApplicationShutdown();
  await consumer?.disconnect();
  await db?.destroy();
  await dropDatabase(url);
});

it('sends rows whose marking failed again, before later rows, keeps its lock, and marks every row', async () => {
  const holder = await lockHolder();
  expect(holder).toBeDefined();

  await write(1, 2, 3);
  await eventually(() => seen.length >= 3, { what: 'the first rows on the topic', timeoutMs: 30_000 });
  // Written while the first rows' marking is refused or about to be.
  await write(4, 5);

  await eventually(async () => {
    const [{ unpublished }] = await db.query(`SELECT count(*)::int AS unpublished FROM outbox_event WHERE published_at IS NULL`);
    return unpublished === 0 && seen.length >= 8;
  }, { what: 'every row published and sent', timeoutMs: 30_000 });

  const [{ attempts }] = await db.query(`SELECT last_value::int AS attempts FROM marking_attempt`);
  expect(attempts).toBeGreaterThanOrEqual(2); // the refused marking, then the ones that held
  // The refused rows went out again, in id order and ahead of the rows written after them.
  expect(seen).toEqual(['P-1', 'P-2', 'P-3', 'P-1', 'P-2', 'P-3', 'P-4', 'P-5']);
  // The same connection still holds the relay's lock: a refused marking is not a relay failure.
  expect(await lockHolder()).toBe(holder);
  expect(relay.isActive).toBe(true);
});
