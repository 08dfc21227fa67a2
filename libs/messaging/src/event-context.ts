import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { CloudEvent } from '#contracts';
import { CORRELATION_KAFKA_HEADER, correlationIdFrom } from '#platform';
import type { InboundRecord } from './inbound-record.js';
import type { ParkingLot } from './parking-lot.js';

export type EventOutcome = 'applied' | 'parked' | 'ignored';

/**
 * What a consumer handler gets besides the event: the transaction its effect
 * must be written in (the inbox row is already in it), and parking.
 */
export class EventContext extends BaseRpcContext<[]> {
  outcome: EventOutcome = 'applied';

  constructor(
    readonly event: CloudEvent,
    readonly record: InboundRecord,
    /** The transaction of this event's effect; the inbox row commits with it. */
    readonly tx: EntityManager,
    private readonly parking: ParkingLot,
    /** True when the event is being released from parking. */
    readonly fromParking = false,
  ) {
    super([]);
  }

  /**
   * Serialises work on one aggregate (e.g. `order:SO-1`) across instances until commit. Several
   * keys are taken in the order given, in one statement.
   */
  lock(key: string, ...more: string[]): Promise<void> {
    return this.parking.lock(this.tx, key, ...more);
  }

  /** Takes `key` shared until commit: other shared holders go on, a `lock(key)` waits for them all (ParkingLot.lockShared). */
  lockShared(key: string): Promise<void> {
    return this.parking.lockShared(this.tx, key);
  }

  /** Holds this event durably until `releaseParked(key)` runs in the aggregate's creating transaction. */
  async park(key: string): Promise<void> {
    await this.parking.park(this, key);
    this.outcome = 'parked';
  }

  /** Applies, in arrival order and in this transaction, every event parked under any of the keys. */
  releaseParked(key: string, ...more: string[]): Promise<number> {
    return this.parking.releaseAll(this.tx, [key, ...more]);
  }

  ignore(): void {
    this.outcome = 'ignored';
  }

  /** This event as a batch of one, for code written for batches. */
  asBatch(): EventBatchContext {
    return new EventBatchContext(this.tx, [this], this.parking);
  }

  /** The correlation id the record carried (or a new one). */
  get correlationId(): string {
    this.correlation ??= correlationIdFrom(this.record.headers[CORRELATION_KAFKA_HEADER]);
    return this.correlation;
  }

  private correlation?: string;
}

/**
 * What an `@OnEventBatch` handler gets beside the events: one transaction for all
 * of them (their inbox rows are already in it) and each event's own context, in
 * the same order, for its outcome (`ignore`, `park`) and correlation id.
 */
export class EventBatchContext extends BaseRpcContext<[]> {
  /** Keys this context's `lockAll` took: held until the transaction ends. */
  private readonly held = new Set<string>();

  constructor(
    readonly tx: EntityManager,
    readonly contexts: EventContext[],
    private readonly parking: ParkingLot,
  ) {
    super([]);
  }

  /**
   * Takes the locks of many aggregates at once, in a fixed order so batches cannot deadlock on them.
   * (A handler that took them inside a savepoint of its own and rolled it back no longer holds them:
   * none does.)
   */
  async lockAll(keys: string[]): Promise<void> {
    await this.parking.lockAll(this.tx, keys);
    for (const key of keys) this.held.add(key);
  }

  /** Takes `key` shared until commit: other shared holders go on, a `lock(key)` waits for them all (ParkingLot.lockShared). */
  lockShared(key: string): Promise<void> {
    return this.parking.lockShared(this.tx, key);
  }

  /**
   * Applies, in arrival order and in this transaction, every event parked under any of `keys`.
   * Keys this context locked already are not locked again (a round trip saved per batch).
   */
  releaseParked(keys: string[]): Promise<number> {
    return this.parking.releaseAll(this.tx, keys, { locked: keys.every((key) => this.held.has(key)) });
  }
}
