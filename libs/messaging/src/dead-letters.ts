import { ConflictException, Inject, Injectable, Logger, NotFoundException, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { DlqHeaders, type DlqReasonCode } from '#contracts';
import { Clock, currentCorrelationId } from '#platform';
import { DeadLetterEntity } from './messaging.entities.js';
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
  /** The original value as text when it is UTF-8, else base64. */
  value: string | null;
}

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

  async send(record: InboundRecord, code: DlqReasonCode, reason: string, isStopped: () => boolean = () => false): Promise<void> {
    const failedAt = this.clock.now();
    const dlqTopic = this.topics.deadLetterOf(record.topic);
    const headers: Record<string, Buffer | string> = {};
    for (const [name, value] of Object.entries(record.headers ?? {})) {
      if (value !== undefined) headers[name] = (Array.isArray(value) ? value[0] : value) as Buffer | string;
    }
    Object.assign(headers, {
      [DlqHeaders.reasonCode]: code,
      [DlqHeaders.reason]: reason.slice(0, 4000),
      [DlqHeaders.originalTopic]: record.topic,
      [DlqHeaders.originalPartition]: String(record.partition),
      [DlqHeaders.originalOffset]: record.offset,
      [DlqHeaders.failedAt]: failedAt.toISOString(),
    });
    this.logger.warn({ msg: 'dead-lettered', code, reason, topic: record.topic, partition: record.partition, offset: record.offset });
    await retryForever('dead-letter publish', isStopped, this.logger, async () => {
      const producer = await this.ensureProducer();
      await producer.send({ topic: dlqTopic, messages: [{ key: record.key, value: record.value, headers }] });
    });
    await retryForever('dead-letter record', isStopped, this.logger, () =>
      this.dataSource
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
          failedAt,
          replayedAt: null,
        })
        .orIgnore()
        .execute(),
    );
  }

  async list(filter: { topic?: string; reasonCode?: string; limit?: number }): Promise<DeadLetterView[]> {
    const query = this.dataSource.getRepository(DeadLetterEntity).createQueryBuilder('d').orderBy('d.id', 'DESC');
    if (filter.topic) query.andWhere('d.originalTopic = :topic', { topic: filter.topic });
    if (filter.reasonCode) query.andWhere('d.reasonCode = :code', { code: filter.reasonCode });
    const rows = await query.take(Math.min(filter.limit ?? 100, 1000)).getMany();
    return rows.map(toView);
  }

  /**
   * Puts the original record back on its topic, as it was, for another try (after
   * a fix). Once only: the row is claimed atomically, so a second replay (or two
   * operators at once) gets 409 and sends nothing. If the record fails again it
   * comes back as a new dead letter, which can be replayed in turn.
   *
   * Audit: the replayed record carries `dlq-replay-of`, `dlq-replayed-by` and
   * `dlq-replayed-at` headers (the topic keeps it for good), and an audit log line
   * names who replayed what.
   */
  async replay(id: string, replayedBy = 'unknown'): Promise<DeadLetterView> {
    const repository = this.dataSource.getRepository(DeadLetterEntity);
    const at = this.clock.now();
    const claimed = await repository
      .createQueryBuilder()
      .update()
      .set({ replayedAt: at })
      .where('id = :id AND replayed_at IS NULL', { id })
      .execute();
    if (!claimed.affected) {
      const row = await repository.findOneBy({ id });
      if (!row) throw new NotFoundException({ message: `No dead letter ${id}` });
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        code: 'ALREADY_REPLAYED',
        message: `Dead letter ${id} was already replayed at ${row.replayedAt!.toISOString()}; a record that failed again is a new dead letter`,
        deadLetter: toView(row),
      });
    }
    const row = await repository.findOneByOrFail({ id });
    try {
      const producer = await this.ensureProducer();
      await producer.send({
        topic: this.topics.physical(row.originalTopic),
        messages: [{
          key: row.messageKey,
          value: row.value,
          headers: { ...decodeHeaders(row.headers), 'dlq-replay-of': id, 'dlq-replayed-by': replayedBy, 'dlq-replayed-at': at.toISOString() },
        }],
      });
    } catch (error) {
      // Not sent: release the claim so it can be replayed once the broker is back.
      await repository.update({ id }, { replayedAt: null });
      throw error;
    }
    this.logger.log({
      msg: 'audit: dead letter replayed',
      audit: 'dead-letter.replayed',
      deadLetterId: id,
      replayedBy,
      topic: row.originalTopic,
      reasonCode: row.reasonCode,
      correlationId: currentCorrelationId(),
    });
    return toView(row);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
  }

  private async ensureProducer(): Promise<Producer> {
    if (!this.producer) {
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
    value: row.value ? (isText ? text : row.value.toString('base64')) : null,
  };
}
