/**
 * Housekeeping of the messaging tables on a real PostgreSQL: what is past its
 * retention goes, what is not (or not yet published, or not yet released) stays.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dropDatabase, ensureDatabase } from '#persistence';
import { MessagingHousekeeping, retentionFromEnv } from '../src/housekeeping.js';
import { MESSAGING_ENTITIES } from '../src/messaging.entities.js';
import {
  CreateDeadLetterReplays1764500000000,
  CreateMessagingTables1764000000000,
  DeadLetterPublishedAt1764600000000,
  MessagingLookupIndexes1765300000000,
  MessagingRetentionIndexes1764900000000,
} from '../src/messaging.migration.js';

const url = `postgres://postgres@127.0.0.1:5432/sltest_housekeeping_${process.pid}`;
let db: DataSource;
const now = new Date('2027-06-30T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

beforeAll(async () => {
  await ensureDatabase(url);
  db = new DataSource({
    type: 'postgres',
    url,
    entities: MESSAGING_ENTITIES,
    migrations: [CreateMessagingTables1764000000000, CreateDeadLetterReplays1764500000000, DeadLetterPublishedAt1764600000000, MessagingRetentionIndexes1764900000000, MessagingLookupIndexes1765300000000],
    migrationsRun: true,
  });
  await db.initialize();
});

afterAll(async () => {
  await db?.destroy();
  await dropDatabase(url);
});

async function outbox(n: number, publishedDaysAgo: number | null, createdDaysAgo = publishedDaysAgo ?? 0) {
  await db.query(
    `INSERT INTO outbox_event (event_id, topic, message_key, event, created_at, published_at)
     SELECT 'evt-' || $1 || '-' || g, 'psa.billing', NULL, '{}'::jsonb, $2, $3 FROM generate_series(1, $4) g`,
    [`${publishedDaysAgo}-${createdDaysAgo}`, daysAgo(createdDaysAgo), publishedDaysAgo === null ? null : daysAgo(publishedDaysAgo), n],
  );
}

async function inbox(n: number, processedDaysAgo: number, tag: string) {
  await db.query(
    `INSERT INTO processed_event (source, event_id, type, topic, partition, record_offset, outcome, processed_at)
     SELECT 'erp://plant-01', $1 || '-' || g, 'erp.sales-order.created.v1', 'erp.sales-orders', 0, g, 'applied', $2 FROM generate_series(1, $3) g`,
    [tag, daysAgo(processedDaysAgo), n],
  );
}

async function held(releasedDaysAgo: number | null, key: string) {
  await db.query(
    `INSERT INTO parked_event (park_key, source, event_id, type, topic, partition, record_offset, event, parked_at, released_at, outcome)
     VALUES ($1, 'erp://plant-01', $1, 'erp.machine.dispatched.v1', 'erp.dispatches', 0, 1, '{}'::jsonb, $2, $3, $4)`,
    [key, daysAgo(200), releasedDaysAgo === null ? null : daysAgo(releasedDaysAgo), releasedDaysAgo === null ? null : 'released'],
  );
}

const count = async (sql: string) => Number((await db.query(sql))[0].n);

describe('messaging housekeeping', () => {
  it('removes published outbox rows after 7 days and inbox rows and released held events after 90, in batches, and keeps the rest', async () => {
    await outbox(120, 8); // published 8 days ago: gone
    await outbox(30, 6); // published 6 days ago: kept
    await outbox(5, null, 30); // never published (the broker was away): kept whatever its age
    await inbox(250, 91, 'old');
    await inbox(40, 89, 'recent');
    await held(91, 'released-long-ago');
    await held(10, 'released-lately');
    await held(null, 'still-waiting');

    const removed = await new MessagingHousekeeping(db).sweep(now, 50);
    expect(removed).toEqual({ outbox: 120, inbox: 250, held: 1 });
    expect(await count(`SELECT COUNT(*) AS n FROM outbox_event WHERE published_at IS NOT NULL`)).toBe(30);
    expect(await count(`SELECT COUNT(*) AS n FROM outbox_event WHERE published_at IS NULL`)).toBe(5);
    expect(await count(`SELECT COUNT(*) AS n FROM processed_event WHERE event_id LIKE 'recent-%'`)).toBe(40);
    expect(await count(`SELECT COUNT(*) AS n FROM processed_event`)).toBe(40);
    expect((await db.query(`SELECT park_key FROM parked_event ORDER BY park_key`)).map((r: { park_key: string }) => r.park_key)).toEqual(['released-lately', 'still-waiting']);

    // A second round finds nothing more.
    expect(await new MessagingHousekeeping(db).sweep(now, 50)).toEqual({ outbox: 0, inbox: 0, held: 0 });
  });

  it('takes its retention from the environment, 0 keeping rows forever, and refuses nonsense at boot', () => {
    expect(retentionFromEnv({})).toEqual({ outboxDays: 7, inboxDays: 90, intervalMs: 3_600_000 });
    expect(retentionFromEnv({ OUTBOX_RETENTION_DAYS: '0', INBOX_RETENTION_DAYS: '30', HOUSEKEEPING_INTERVAL_MS: '60000' })).toEqual({ outboxDays: 0, inboxDays: 30, intervalMs: 60_000 });
    expect(() => retentionFromEnv({ INBOX_RETENTION_DAYS: '-1' })).toThrow('INBOX_RETENTION_DAYS must be a whole number from 0 to 3650, not "-1"');
    expect(() => retentionFromEnv({ OUTBOX_RETENTION_DAYS: 'a week' })).toThrow(/OUTBOX_RETENTION_DAYS must be a whole number/);
  });
});
