import { ConflictException, Inject, Injectable, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentCorrelationId, SERVICE_CONFIG, type ServiceConfig } from '#platform';
import { DeadLetters } from './dead-letters.js';
import { parkedRecordOf } from './parking-lot.js';
import { ParkedEventEntity, ProcessedEventEntity } from './messaging.entities.js';
import { StoppedError } from './retry.js';

export interface HeldEventView {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  eventId: string;
  source: string;
  type: string;
  key: string | null;
  /** What the event waits for, e.g. `order:SO-1`. */
  waitingFor: string;
  reason: string;
  parkedAt: string;
  /** When it is dead-lettered ORDER_NOT_FOUND if nothing claims it (PARKING_TIMEOUT_MS). */
  expiresAt: string;
  releasedAt: string | null;
  /** null while held; released, expired, or dead_lettered (given up by an operator) */
  outcome: string | null;
}

/**
 * Events held (parked) until the aggregate they need exists, for operators:
 * listed per topic with what they wait for, and given up on by hand, which
 * dead-letters them (ORDER_NOT_FOUND, naming who and why) so they can be
 * replayed like any dead letter once the cause is fixed.
 */
@Injectable()
export class HeldEvents {
  private readonly logger = new Logger(HeldEvents.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetters,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async list(filter: { topic?: string; includeReleased?: boolean; limit?: number; offset?: number }): Promise<HeldEventView[]> {
    const query = this.dataSource.getRepository(ParkedEventEntity).createQueryBuilder('p').orderBy('p.id', 'ASC');
    if (!filter.includeReleased) query.andWhere('p.releasedAt IS NULL');
    if (filter.topic) query.andWhere('p.topic = :topic', { topic: filter.topic });
    const rows = await query.skip(filter.offset ?? 0).take(Math.min(filter.limit ?? 100, 1000)).getMany();
    return rows.map((row) => this.toView(row));
  }

  /**
   * Stops waiting for one held event: it becomes a dead letter now (the dead
   * letter's reason names who gave up and why) and can be replayed after a fix.
   * 409 when it is no longer held.
   */
  async giveUp(id: string, by: string, comment?: string | null): Promise<{ heldEvent: HeldEventView; deadLetterId: string | null }> {
    const deadline = Date.now() + 15_000;
    const held = await this.dataSource.transaction(async (tx) => {
      const row = await tx
        .getRepository(ParkedEventEntity)
        .createQueryBuilder('p')
        .where('p.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!row) throw new NotFoundException({ message: `No held event ${id}` });
      if (row.releasedAt) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          code: 'NOT_HELD',
          message: `Held event ${id} is no longer held: ${row.outcome ?? 'released'} at ${row.releasedAt.toISOString()}`,
          heldEvent: this.toView(row),
        });
      }
      const reason = `Given up by ${by} while waiting for ${row.parkKey} (held since ${row.parkedAt.toISOString()})${comment ? `: ${comment}` : ''}`;
      try {
        await this.deadLetters.send(parkedRecordOf(row), 'ORDER_NOT_FOUND', reason, () => Date.now() > deadline);
      } catch (error) {
        if (!(error instanceof StoppedError)) throw error;
        throw new ServiceUnavailableException({ code: 'BROKER_UNAVAILABLE', message: `Held event ${id} could not be dead-lettered: the broker or database did not answer; it is still held` });
      }
      const releasedAt = new Date();
      await tx.getRepository(ParkedEventEntity).update({ id: row.id }, { releasedAt, outcome: 'dead_lettered' });
      // It had no effect: forget it in the inbox, so a replay of the dead letter is applied afresh.
      await tx.getRepository(ProcessedEventEntity).delete({ source: row.source, eventId: row.eventId });
      return Object.assign(row, { releasedAt, outcome: 'dead_lettered' });
    });
    this.logger.log({ msg: 'audit: held event given up', audit: 'held-event.dead-lettered', heldEventId: id, by, comment: comment ?? null, topic: held.topic, correlationId: currentCorrelationId() });
    const letter = await this.deadLetters.findByOriginal(held.topic, held.partition, held.recordOffset);
    return { heldEvent: this.toView(held), deadLetterId: letter?.id ?? null };
  }

  private toView(row: ParkedEventEntity): HeldEventView {
    return {
      id: row.id,
      topic: row.topic,
      partition: row.partition,
      offset: row.recordOffset,
      eventId: row.eventId,
      source: row.source,
      type: row.type,
      key: row.messageKey,
      waitingFor: row.parkKey,
      reason: `Waiting for ${row.parkKey}: the event arrived before what it refers to`,
      parkedAt: row.parkedAt.toISOString(),
      expiresAt: new Date(row.parkedAt.getTime() + this.config.parkingTimeoutMs).toISOString(),
      releasedAt: row.releasedAt ? row.releasedAt.toISOString() : null,
      outcome: row.outcome,
    };
  }
}
