import { ConflictException, Inject, Injectable, Logger, NotFoundException, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Partitioners, type IHeaders, type Kafka, type Producer } from 'kafkajs';
import { decodeKafkaRecord, DlqHeaders, type DlqReasonCode } from '#contracts';
import { Clock, currentCorrelationId } from '#platform';
import { DeadLetterEntity, DeadLetterReplayEntity } from './messaging.entities.js';
import { KAFKA } from './messaging.options.js';
import { TopicNames } from './topic-names.js';
import { decodeHeaders, encodeHeaders, type InboundRecord } from './inbound-record.js';
import { retryForever } from './retry.js';

export interface DeadLetterView {
  id: string;
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  dlqTopic: string;
  key: string | null;
  reasonCode: string;
  reason: string;
  failedAt: string;
  replayedAt: string | null;
  /** When the record went to the dead-letter topic; null while it is still to be sent. */
  publishedAt: string | null;
  /** The original value as text when it is UTF-8, else base64. */
  value: string | null;
}

/** Who asks for a replay, and why. */
export interface ReplayRequest {
  /** The caller's subject, from its token. */
  replayedBy?: string;
  /** The operator as the client names them (the CLI: --operator or the OS user). */
  operator?: string | null;
  comment?: string | null;
}

export type ReplayOutcome = 'replayed' | 'already_replayed' | 'failed';

export interface DeadLetterReplayView {
  id: string;
  deadLetterId: string;
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  eventId: string | null;
  reasonCode: string;
  replayedBy: string;
  operator: string | null;
  requestedAt: string;
  comment: string | null;
  outcome: ReplayOutcome;
  detail: string | null;
}

export interface ReplayAllResult {
  topic: string;
  reasonCode: string | null;
  replayed: number;
  alreadyReplayed: number;
  failed: number;
  results: { id: string; outcome: ReplayOutcome; detail?: string }[];
}

/** What a dead letter's copy says about how (and whether) it was sent. */
type StoredLetter = Pick<DeadLetterEntity, 'id' | 'reasonCode' | 'reason' | 'failedAt' | 'publishedAt'>;

type ReplayOneResult =
  | { outcome: 'replayed' | 'already_replayed'; deadLetter: DeadLetterView }
  | { outcome: 'failed'; error: unknown }
  | { outcome: 'not_found' }
  /** Kept but not on the dead-letter topic yet: its consumer is still dead-lettering it (or will, when it gets the record again). */
  | { outcome: 'not_sent_yet'; deadLetter: DeadLetterView };

/**
 * Sends a record that can never be applied to `<topic>.dlq` with its original
 * bytes and headers plus the contract's dlq-* headers, and keeps a copy so
 * dead letters can be listed and replayed.
 */
@Injectable()
export class DeadLetters implements OnApplicationShutdown {
  private readonly logger = new Logger(DeadLetters.name);
  private producer?: Producer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly topics: TopicNames,
    private readonly clock: Clock,
  ) {}

  /**
   * Dead-letters one record, once: the copy is written first, and the record goes
   * to `<topic>.dlq` only if no earlier delivery of the same original record sent
   * it. A consumer killed after sending but before committing its offset gets the
   * record again, finds it sent, and sends nothing.
   */
  async send(record: InboundRecord, code: DlqReasonCode, reason: string, isStopped: () => boolean = () => false): Promise<void> {
    const dlqTopic = this.topics.deadLetterOf(record.topic);
    const letter = await retryForever('dead-letter record', isStopped, this.logger, () =>
      this.record(record, dlqTopic, code, reason),
    );
    if (letter.publishedAt) {
      this.logger.log({ msg: 'already dead-lettered; not sent again', topic: record.topic, partition: record.partition, offset: record.offset, deadLetterId: letter.id });
      return;
    }
    this.logger.warn({ msg: 'dead-lettered', code: letter.reasonCode, reason: letter.reason, topic: record.topic, partition: record.partition, offset: record.offset });
    // The original headers as they were, a repeated one with all its values.
    const headers: IHeaders = { ...record.headers };
    Object.assign(headers, {
      [DlqHeaders.reasonCode]: letter.reasonCode,
      [DlqHeaders.reason]: letter.reason.slice(0, 4000),
      [DlqHeaders.originalTopic]: record.topic,
      [DlqHeaders.originalPartition]: String(record.partition),
      [DlqHeaders.originalOffset]: record.offset,
      [DlqHeaders.failedAt]: letter.failedAt.toISOString(),
    });
    await retryForever('dead-letter publish', isStopped, this.logger, async () => {
      const producer = await this.ensureProducer();
      await producer.send({ topic: dlqTopic, messages: [{ key: record.key, value: record.value, headers }] });
    });
    await retryForever('dead-letter mark sent', isStopped, this.logger, () =>
      this.dataSource.query(`UPDATE dead_letter SET published_at = $2 WHERE id = $1`, [letter.id, this.clock.now()]),
    );
  }

  /** Keeps the copy of a dead-lettered record, or finds the one an earlier delivery kept. */
  private async record(record: InboundRecord, dlqTopic: string, code: DlqReasonCode, reason: string): Promise<StoredLetter> {
    const inserted = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(DeadLetterEntity)
      .values({
        originalTopic: record.topic,
        originalPartition: record.partition,
        originalOffset: record.offset,
        dlqTopic,
        messageKey: record.key,
        value: record.value,
        headers: encodeHeaders(record.headers),
        reasonCode: code,
        reason,
        failedAt: this.clock.now(),
        replayedAt: null,
        publishedAt: null,
      })
      .orIgnore()
      .returning(['id', 'reasonCode', 'reason', 'failedAt', 'publishedAt'])
      .execute();
    const row = inserted.raw[0] as { id: string; reason_code: string; reason: string; failed_at: Date; published_at: Date | null } | undefined;
    if (row) return { id: String(row.id), reasonCode: row.reason_code, reason: row.reason, failedAt: row.failed_at, publishedAt: row.published_at };
    const earlier = await this.dataSource
      .getRepository(DeadLetterEntity)
      .findOneByOrFail({ originalTopic: record.topic, originalPartition: record.partition, originalOffset: record.offset });
    return earlier;
  }

  async list(filter: { topic?: string; reasonCode?: string; limit?: number; offset?: number }): Promise<DeadLetterView[]> {
    const query = this.dataSource.getRepository(DeadLetterEntity).createQueryBuilder('d').orderBy('d.id', 'DESC');
    if (filter.topic) query.andWhere('d.originalTopic = :topic', { topic: filter.topic });
    if (filter.reasonCode) query.andWhere('d.reasonCode = :code', { code: filter.reasonCode });
    const rows = await query.skip(filter.offset ?? 0).take(Math.min(filter.limit ?? 100, 1000)).getMany();
    return rows.map(toView);
  }

  /**
   * Puts the original record back on its topic, as it was, for another try (after
   * a fix). Once only: the row is claimed in a transaction that stays open until
   * the broker has the record, so a second replay (or two operators at once) gets
   * 409 and sends nothing; if the send fails, the claim is undone and the dead
   * letter stays replayable. If the record fails again it comes back as a new dead
   * letter, which can be replayed in turn.
   *
   * Audit: every request writes a `dead_letter_replay` row (who, when, comment,
   * outcome: replayed, already_replayed or failed); the replayed record also carries
   * `dlq-replay-of`, `dlq-replayed-by` and `dlq-replayed-at` headers.
   */
  async replay(id: string, request: ReplayRequest | string = {}): Promise<DeadLetterView> {
    const asked = typeof request === 'string' ? { replayedBy: request } : request;
    const result = await this.replayOne(id, asked);
    if (result.outcome === 'replayed') return result.deadLetter;
    if (result.outcome === 'not_found') throw new NotFoundException({ message: `No dead letter ${id}` });
    if (result.outcome === 'failed') throw result.error;
    if (result.outcome === 'not_sent_yet') {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        code: 'NOT_DEAD_LETTERED_YET',
        message: `Dead letter ${id} is not on ${result.deadLetter.dlqTopic} yet: the consumer that refused it sends it when it gets the record again; replay it after that`,
        deadLetter: result.deadLetter,
      });
    }
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      code: 'ALREADY_REPLAYED',
      message: `Dead letter ${id} was already replayed at ${result.deadLetter.replayedAt}; a record that failed again is a new dead letter`,
      deadLetter: result.deadLetter,
    });
  }

  /**
   * Replays every dead letter of a topic (optionally of one reason code) not
   * replayed yet, oldest first, each as `replay` does, with one audit row each.
   * Records that fail again during the run are new dead letters, not part of it.
   */
  async replayAll(filter: { topic: string; reasonCode?: string; limit?: number }, request: ReplayRequest = {}): Promise<ReplayAllResult> {
    const query = this.dataSource
      .getRepository(DeadLetterEntity)
      .createQueryBuilder('d')
      .select('d.id', 'id')
      .where('d.originalTopic = :topic AND d.replayedAt IS NULL AND d.publishedAt IS NOT NULL', { topic: filter.topic })
      .orderBy('d.id', 'ASC')
      .limit(Math.min(filter.limit ?? 1000, 1000));
    if (filter.reasonCode) query.andWhere('d.reasonCode = :code', { code: filter.reasonCode });
    const ids = (await query.getRawMany<{ id: string }>()).map((r) => String(r.id));
    const results: ReplayAllResult['results'] = [];
    for (const id of ids) {
      const result = await this.replayOne(id, request);
      if (result.outcome === 'not_found' || result.outcome === 'not_sent_yet') continue;
      results.push({ id, outcome: result.outcome, ...(result.outcome === 'failed' ? { detail: (result.error as Error).message } : {}) });
    }
    const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
    return { topic: filter.topic, reasonCode: filter.reasonCode ?? null, replayed: count('replayed'), alreadyReplayed: count('already_replayed'), failed: count('failed'), results };
  }

  /** The dead letter of one original record, if it has one. */
  async findByOriginal(topic: string, partition: number, offset: string): Promise<DeadLetterView | null> {
    const row = await this.dataSource
      .getRepository(DeadLetterEntity)
      .findOneBy({ originalTopic: topic, originalPartition: partition, originalOffset: offset });
    return row ? toView(row) : null;
  }

  /** The replay audit, newest first. */
  async listReplays(filter: { topic?: string; deadLetterId?: string; limit?: number; offset?: number }): Promise<DeadLetterReplayView[]> {
    const query = this.dataSource.getRepository(DeadLetterReplayEntity).createQueryBuilder('r').orderBy('r.id', 'DESC');
    if (filter.topic) query.andWhere('r.originalTopic = :topic', { topic: filter.topic });
    if (filter.deadLetterId) query.andWhere('r.deadLetterId = :id', { id: filter.deadLetterId });
    const rows = await query.skip(filter.offset ?? 0).take(Math.min(filter.limit ?? 100, 1000)).getMany();
    return rows.map(toReplayView);
  }

  private async replayOne(id: string, request: ReplayRequest): Promise<ReplayOneResult> {
    const replayedBy = request.replayedBy ?? 'unknown';
    const at = this.clock.now();
    let row: DeadLetterEntity | null = null;
    try {
      const sent = await this.dataSource.transaction(async (tx) => {
        const repository = tx.getRepository(DeadLetterEntity);
        const claimed = await repository
          .createQueryBuilder()
          .update()
          .set({ replayedAt: at })
          .where('id = :id AND replayed_at IS NULL AND published_at IS NOT NULL', { id })
          .execute();
        if (!claimed.affected) return null;
        row = await repository.findOneByOrFail({ id });
        const producer = await this.ensureProducer();
        await producer.send({
          topic: this.topics.physical(row.originalTopic),
          messages: [{
            key: row.messageKey,
            value: row.value,
            headers: { ...decodeHeaders(row.headers), 'dlq-replay-of': id, 'dlq-replayed-by': replayedBy, 'dlq-replayed-at': at.toISOString() },
          }],
        });
        await tx.getRepository(DeadLetterReplayEntity).insert(auditRow(row, request, replayedBy, at, 'replayed', null));
        return row;
      });
      if (sent) {
        this.logger.log({
          msg: 'audit: dead letter replayed',
          audit: 'dead-letter.replayed',
          deadLetterId: id,
          replayedBy,
          operator: request.operator ?? null,
          topic: sent.originalTopic,
          reasonCode: sent.reasonCode,
          correlationId: currentCorrelationId(),
        });
        return { outcome: 'replayed', deadLetter: toView(sent) };
      }
    } catch (error) {
      // Not sent (or not recorded): the claim was rolled back, so it can be replayed once the broker is back.
      const failed = row ?? (await this.dataSource.getRepository(DeadLetterEntity).findOneBy({ id }));
      if (failed) {
        await this.dataSource
          .getRepository(DeadLetterReplayEntity)
          .insert(auditRow(failed, request, replayedBy, at, 'failed', (error as Error).message ?? String(error)))
          .catch(() => undefined);
      }
      this.logger.warn({ msg: 'dead letter replay failed', deadLetterId: id, replayedBy, error: (error as Error).message });
      return { outcome: 'failed', error };
    }
    const existing = await this.dataSource.getRepository(DeadLetterEntity).findOneBy({ id });
    if (!existing) return { outcome: 'not_found' };
    if (!existing.publishedAt) return { outcome: 'not_sent_yet', deadLetter: toView(existing) };
    await this.dataSource
      .getRepository(DeadLetterReplayEntity)
      .insert(auditRow(existing, request, replayedBy, at, 'already_replayed', `replayed before at ${existing.replayedAt!.toISOString()}`));
    this.logger.log({ msg: 'audit: dead letter replay refused, already replayed', audit: 'dead-letter.already-replayed', deadLetterId: id, replayedBy });
    return { outcome: 'already_replayed', deadLetter: toView(existing) };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
  }

  private async ensureProducer(): Promise<Producer> {
    if (!this.producer) {
      // Not idempotent: that needs retries without limit, and a replay must fail (and be undone) when the broker is down.
      // Sending a dead letter twice is prevented by dead_letter.published_at instead.
      const producer = this.kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }
}

function toView(row: DeadLetterEntity): DeadLetterView {
  const text = row.value ? row.value.toString('utf8') : null;
  const isText = row.value ? Buffer.from(text!, 'utf8').equals(row.value) && !/[\u0000-\u0008]/.test(text!) : false;
  return {
    id: row.id,
    originalTopic: row.originalTopic,
    originalPartition: row.originalPartition,
    originalOffset: row.originalOffset,
    dlqTopic: row.dlqTopic,
    key: row.messageKey,
    reasonCode: row.reasonCode,
    reason: row.reason,
    failedAt: row.failedAt.toISOString(),
    replayedAt: row.replayedAt ? row.replayedAt.toISOString() : null,
    publishedAt: row.publishedAt ? row.publishedAt.toISOString() : null,
    value: row.value ? (isText ? text : row.value.toString('base64')) : null,
  };
}

/** The CloudEvent id of a stored record, when it has one that can be read. */
function eventIdOf(row: DeadLetterEntity): string | null {
  const headers = decodeHeaders(row.headers);
  const decoded = decodeKafkaRecord(row.value, headers as never);
  if (decoded.ok) return decoded.event.id;
  const ceId = headers.ce_id;
  const header = (Array.isArray(ceId) ? ceId[0] : ceId)?.toString('utf8');
  if (header) return header;
  try {
    const id = (JSON.parse(row.value?.toString('utf8') ?? 'null') as { id?: unknown } | null)?.id;
    return typeof id === 'string' && id.length > 0 ? id : null;
  } catch {
    return null;
  }
}

function auditRow(row: DeadLetterEntity, request: ReplayRequest, replayedBy: string, at: Date, outcome: ReplayOutcome, detail: string | null) {
  return {
    deadLetterId: row.id,
    originalTopic: row.originalTopic,
    originalPartition: row.originalPartition,
    originalOffset: row.originalOffset,
    eventId: eventIdOf(row),
    reasonCode: row.reasonCode,
    replayedBy,
    operator: request.operator?.slice(0, 200) ?? null,
    requestedAt: at,
    comment: request.comment?.slice(0, 2000) ?? null,
    outcome,
    detail: detail?.slice(0, 2000) ?? null,
  };
}

function toReplayView(row: DeadLetterReplayEntity): DeadLetterReplayView {
  return {
    id: row.id,
    deadLetterId: row.deadLetterId,
    originalTopic: row.originalTopic,
    originalPartition: row.originalPartition,
    originalOffset: row.originalOffset,
    eventId: row.eventId,
    reasonCode: row.reasonCode,
    replayedBy: row.replayedBy,
    operator: row.operator,
    requestedAt: row.requestedAt.toISOString(),
    comment: row.comment,
    outcome: row.outcome as ReplayOutcome,
    detail: row.detail,
  };
}
