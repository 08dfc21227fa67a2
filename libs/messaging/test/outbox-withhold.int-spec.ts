/**
 * Outbox.withhold: events a transaction writes while it runs are written where
 * `writeWithheld` says, after what the caller wrote meanwhile; holds nest; a
 * rollback leaves nothing; another transaction's writes are not held.
 */
import 'reflect-metadata';
import { DataSource, type EntityManager } from 'typeorm';
import { dropDatabase, ensureDatabase } from '#persistence';
import { Clock, type ServiceConfig } from '#platform';
import { testInfrastructure, uniqueSuffix } from '#testing';
import { MESSAGING_ENTITIES } from '../src/messaging.entities.js';
import { CreateMessagingTables1764000000000 } from '../src/messaging.migration.js';
import { Outbox, WithheldEvents } from '../src/outbox.js';

const url = `${testInfrastructure().postgresUrl}/sltest_outbox_withhold_${uniqueSuffix()}`;
const outbox = new Outbox({ serviceName: 'outbox-withhold-test' } as ServiceConfig, new Clock());
let db: DataSource;

const add = (tx: EntityManager, orderId: string) =>
  outbox.add(tx, {
    topic: 'psa.service-projects',
    key: 'P-1',
    type: 'psa.service-project.cancelled.v1',
    data: { projectId: '0b7f1c9e-4a8d-4a43-9d8e-7a1d1e0b5c11', orderId, reason: 'test', cancelledAt: '2027-01-01T00:00:00.000Z' },
  });

/** The outbox's orders in the order the relay publishes them (by id). */
async function written(on: Pick<EntityManager, 'query'> = db): Promise<string[]> {
  const rows: { order_id: string }[] = await on.query(`SELECT event->'data'->>'orderId' AS order_id FROM outbox_event ORDER BY id`);
  return rows.map((r) => r.order_id);
}

beforeAll(async () => {
  await ensureDatabase(url);
  db = new DataSource({ type: 'postgres', url, entities: MESSAGING_ENTITIES, migrations: [CreateMessagingTables1764000000000], migrationsRun: true });
  await db.initialize();
});

afterAll(async () => {
  await db?.destroy();
  await dropDatabase(url);
});

beforeEach(async () => {
  await db.query('DELETE FROM outbox_event');
});

it('writes what was withheld where the caller says, after what it wrote meanwhile, holds nested inside', async () => {
  await db.transaction(async (tx) => {
    await add(tx, 'before');
    const later = new WithheldEvents();
    await outbox.withhold(tx, later, async () => {
      await add(tx, 'set-off-1');
      const inner = new WithheldEvents();
      await outbox.withhold(tx, inner, () => add(tx, 'set-off-inner'));
      await add(tx, 'set-off-2');
      // Written while the outer hold is open: into it, after set-off-2.
      await outbox.writeWithheld(tx, inner);
    });
    expect(await written(tx)).toEqual(['before']);
    await add(tx, 'announcement');
    await outbox.writeWithheld(tx, later);
    await add(tx, 'after');
  });
  expect(await written()).toEqual(['before', 'announcement', 'set-off-1', 'set-off-2', 'set-off-inner', 'after']);
});

it('leaves nothing after a rollback, and the next transaction writes straight to the outbox', async () => {
  await expect(
    db.transaction(async (tx) => {
      await outbox.withhold(tx, new WithheldEvents(), async () => {
        await add(tx, 'lost');
        throw new Error('the use case failed');
      });
    }),
  ).rejects.toThrow('the use case failed');
  await db.transaction((tx) => add(tx, 'next'));
  expect(await written()).toEqual(['next']);
});

it('holds only the transaction it was opened on', async () => {
  let release!: () => void;
  const holding = new Promise<void>((resolve) => (release = resolve));
  const withheld = new WithheldEvents();
  const first = db.transaction((tx) => outbox.withhold(tx, withheld, async () => {
    await add(tx, 'held');
    await holding;
  }));
  await db.transaction((other) => add(other, 'other transaction'));
  release();
  await first;
  expect(await written()).toEqual(['other transaction']);
  expect(withheld.rows.map((r) => (r.event as { data: { orderId: string } }).data.orderId)).toEqual(['held']);
});
