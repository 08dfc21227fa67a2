import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CloudEvent } from '#contracts';
import { DeadLetters } from './dead-letters.js';
import { PermanentEventError } from './errors.js';
import { EventContext } from './event-context.js';
import { ParkedEventEntity, ProcessedEventEntity } from './messaging.entities.js';
import { encodeHeaders, decodeHeaders, type InboundRecord } from './inbound-record.js';
import { hashKey } from './outbox-relay.js';

export type EventDispatcher = (event: CloudEvent, context: EventContext) => Promise<void>;

export interface ExpiredParkedEvent {
  record: InboundRecord;
  parkKey: string;
  parkedAt: Date;
}

/**
 * Durable parking for events whose aggregate does not exist yet. Parking and
 * releasing both take a transaction-scoped advisory lock on the key, so an
 * instance that parks and one that creates the aggregate cannot miss each other.
 */
@Injectable()
export class ParkingLot {
  private dispatcher?: EventDispatcher;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetters,
  ) {}

  setDispatcher(dispatcher: EventDispatcher): void {
    this.dispatcher = dispatcher;
  }

  /** Takes the keys exclusively until commit, in the order given (the caller's lock order), in one statement. */
  async lock(tx: EntityManager, key: string, ...more: string[]): Promise<void> {
    if (more.length === 0) await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [hashKey('park'), hashKey(key)]);
    else await this.lockInOrder(tx, [key, ...more].map(hashKey));
  }

  /**
   * Takes `key` shared until commit: holders in this mode do not wait for one another, only for a
   * transaction that holds it by `lock`, which in turn waits for all of them. For many writers that
   * must not run beside one reader that parks what it does not find (see field-execution's
   * UNKNOWN_TASK_LOCK).
   */
  async lockShared(tx: EntityManager, key: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock_shared($1, $2)', [hashKey('park'), hashKey(key)]);
  }

  async lockAll(tx: EntityManager, keys: string[]): Promise<void> {
    await this.lockInOrder(tx, [...new Set(keys.map(hashKey))].sort((a, b) => a - b));
  }

  private async lockInOrder(tx: EntityManager, hashes: number[]): Promise<void> {
    if (hashes.length === 0) return;
    await tx.query('SELECT pg_advisory_xact_lock($1, k) FROM unnest($2::int[]) WITH ORDINALITY AS u(k, n) ORDER BY n', [hashKey('park'), hashes]);
  }

  async park(context: EventContext, key: string): Promise<void> {
    await this.lock(context.tx, key);
    const { record, event } = context;
    await context.tx.getRepository(ParkedEventEntity).insert({
      parkKey: key,
      source: event.source,
      eventId: event.id,
      type: event.type,
      topic: record.topic,
      partition: record.partition,
      recordOffset: record.offset,
      messageKey: record.key,
      event: event as never,
      originalValue: record.value,
      originalHeaders: encodeHeaders(record.headers),
    });
  }

  /** `locked`: the caller holds every key's lock already (taken by `lock` or `lockAll` in this transaction). */
  async releaseAll(tx: EntityManager, keys: string[], options: { locked?: boolean } = {}): Promise<number> {
    if (keys.length === 0) return 0;
    if (!options.locked) await this.lockAll(tx, keys);
    const parked = await tx
      .getRepository(ParkedEventEntity)
      .createQueryBuilder('p')
      .where('p.parkKey = ANY(:keys) AND p.releasedAt IS NULL', { keys })
      .orderBy('p.id', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
    if (parked.length === 0) return 0;
    if (!this.dispatcher) throw new Error('ParkingLot has no dispatcher: the event consumer is not running');
    for (const row of parked) {
      const event = row.event as unknown as CloudEvent;
      const record = parkedRecordOf(row);
      const context = new EventContext(event, record, tx, this, true);
      // Each held event in a savepoint: one that is refused is dead-lettered alone, and what released it goes on.
      const savepoint = `parked_${row.id}`;
      await tx.query(`SAVEPOINT ${savepoint}`);
      try {
        await this.dispatcher(event, context);
        await tx.query(`RELEASE SAVEPOINT ${savepoint}`);
        await tx.getRepository(ParkedEventEntity).update({ id: row.id }, { releasedAt: new Date(), outcome: 'released' });
      } catch (error) {
        if (!(error instanceof PermanentEventError)) throw error;
        await tx.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        await this.deadLetters.send(record, error.code, `Held for ${row.parkKey}, refused when released: ${error.message}`);
        await tx.getRepository(ParkedEventEntity).update({ id: row.id }, { releasedAt: new Date(), outcome: 'dead_lettered' });
        // It had no effect: forget it in the inbox, so a replay of the dead letter is applied afresh.
        await tx.getRepository(ProcessedEventEntity).delete({ source: row.source, eventId: row.eventId });
      }
    }
    return parked.length;
  }

  /**
   * Claims events parked longer than `timeoutMs` and hands each to `onExpired`
   * (which dead-letters it) before marking it expired, one transaction per event.
   */
  async expire(timeoutMs: number, onExpired: (expired: ExpiredParkedEvent) => Promise<void>): Promise<number> {
    let count = 0;
    for (;;) {
      const done = await this.dataSource.transaction(async (tx) => {
        const row = await tx
          .getRepository(ParkedEventEntity)
          .createQueryBuilder('p')
          .where('p.releasedAt IS NULL AND p.parkedAt < :before', { before: new Date(Date.now() - timeoutMs) })
          .orderBy('p.id', 'ASC')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getOne();
        if (!row) return true;
        await onExpired({ record: parkedRecordOf(row), parkKey: row.parkKey, parkedAt: row.parkedAt });
        await tx.getRepository(ParkedEventEntity).update({ id: row.id }, { releasedAt: new Date(), outcome: 'expired' });
        // It had no effect: forget it in the inbox, so a replay of the dead letter is applied afresh.
        await tx.getRepository(ProcessedEventEntity).delete({ source: row.source, eventId: row.eventId });
        return false;
      });
      if (done) return count;
      count++;
    }
  }
}

/** A parked event as the record it arrived as. */
export function parkedRecordOf(row: ParkedEventEntity): InboundRecord {
  return {
    topic: row.topic,
    partition: row.partition,
    offset: row.recordOffset,
    key: row.messageKey,
    value: row.originalValue,
    headers: decodeHeaders(row.originalHeaders),
  };
}
