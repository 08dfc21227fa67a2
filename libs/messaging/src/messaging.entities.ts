import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { StoredHeaders } from './inbound-record.js';

/** An event written in the same transaction as the state change that caused it. */
@Entity('outbox_event')
@Unique('UQ_outbox_event_event_id', ['eventId'])
@Index('outbox_event_unpublished', ['id'], { where: 'published_at IS NULL' })
@Index('outbox_event_published_at', ['publishedAt'], { where: 'published_at IS NOT NULL' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ name: 'event_id', type: 'text' }) eventId: string;
  @Column({ type: 'text' }) topic: string;
  @Column({ name: 'message_key', type: 'text', nullable: true }) messageKey: string | null;
  /** json, not jsonb: the relay sends it as written (see OutboxEventAsJson1766200000000). */
  @Column({ type: 'json' }) event: Record<string, unknown>;
  @Column({ type: 'jsonb', default: () => "'{}'" }) headers: Record<string, string>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
}

/** The idempotent inbox: one row per (source, id) applied, in the effect's transaction. */
@Entity('processed_event')
@Index('processed_event_processed_at', ['processedAt'])
export class ProcessedEventEntity {
  @PrimaryColumn({ type: 'text' }) source: string;
  @PrimaryColumn({ name: 'event_id', type: 'text' }) eventId: string;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'text' }) topic: string;
  @Column({ type: 'int' }) partition: number;
  @Column({ name: 'record_offset', type: 'bigint' }) recordOffset: string;
  /** applied, parked, ignored or dead-lettered */
  @Column({ type: 'text' }) outcome: string;
  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' }) processedAt: Date;
}

/**
 * An event held until the aggregate it needs exists (for example a dispatch that
 * arrived before its order). Released in arrival order in that aggregate's
 * creating transaction.
 */
@Entity('parked_event')
@Index('parked_event_waiting', ['parkKey', 'id'], { where: 'released_at IS NULL' })
@Index('parked_event_released_at', ['releasedAt'], { where: 'released_at IS NOT NULL' })
export class ParkedEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ name: 'park_key', type: 'text' }) parkKey: string;
  @Column({ type: 'text' }) source: string;
  @Column({ name: 'event_id', type: 'text' }) eventId: string;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'text' }) topic: string;
  @Column({ type: 'int' }) partition: number;
  @Column({ name: 'record_offset', type: 'bigint' }) recordOffset: string;
  @Column({ name: 'message_key', type: 'text', nullable: true }) messageKey: string | null;
  @Column({ type: 'jsonb' }) event: Record<string, unknown>;
  @Column({ name: 'original_value', type: 'bytea', nullable: true }) originalValue: Buffer | null;
  @Column({ name: 'original_headers', type: 'jsonb', default: () => "'{}'" }) originalHeaders: StoredHeaders;
  @CreateDateColumn({ name: 'parked_at', type: 'timestamptz' }) parkedAt: Date;
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true }) releasedAt: Date | null;
  /** released, or expired when nothing claimed it in time */
  @Column({ type: 'text', nullable: true }) outcome: string | null;
}

/** A copy of every record sent to a dead-letter topic, for listing and replay. */
@Entity('dead_letter')
@Index('dead_letter_original', ['originalTopic', 'originalPartition', 'originalOffset'], { unique: true })
@Index('dead_letter_unreplayed', ['id'], { where: 'replayed_at IS NULL' })
export class DeadLetterEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ name: 'original_topic', type: 'text' }) originalTopic: string;
  @Column({ name: 'original_partition', type: 'int' }) originalPartition: number;
  @Column({ name: 'original_offset', type: 'bigint' }) originalOffset: string;
  @Column({ name: 'dlq_topic', type: 'text' }) dlqTopic: string;
  @Column({ name: 'message_key', type: 'text', nullable: true }) messageKey: string | null;
  @Column({ type: 'bytea', nullable: true }) value: Buffer | null;
  /** Original headers, values base64-encoded (headers are bytes). */
  @Column({ type: 'jsonb', default: () => "'{}'" }) headers: StoredHeaders;
  @Column({ name: 'reason_code', type: 'text' }) reasonCode: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'failed_at', type: 'timestamptz' }) failedAt: Date;
  @Column({ name: 'replayed_at', type: 'timestamptz', nullable: true }) replayedAt: Date | null;
  /** When the record went to `<topic>.dlq`; a redelivered record whose letter was sent is not sent again. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
}

/**
 * The audit of dead-letter replays: one row per record an operator asked to
 * replay (also for "replay all", and also when it had been replayed already),
 * naming who asked, when, why, and what came of it.
 */
@Entity('dead_letter_replay')
@Index('dead_letter_replay_letter', ['deadLetterId'])
export class DeadLetterReplayEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ name: 'dead_letter_id', type: 'bigint' }) deadLetterId: string;
  @Column({ name: 'original_topic', type: 'text' }) originalTopic: string;
  @Column({ name: 'original_partition', type: 'int' }) originalPartition: number;
  @Column({ name: 'original_offset', type: 'bigint' }) originalOffset: string;
  /** The CloudEvent id of the original record, when it had one that could be read. */
  @Column({ name: 'event_id', type: 'text', nullable: true }) eventId: string | null;
  @Column({ name: 'reason_code', type: 'text' }) reasonCode: string;
  /** The caller's subject, from its token. */
  @Column({ name: 'replayed_by', type: 'text' }) replayedBy: string;
  /** The operator as the client named them (the CLI: --operator or the OS user), besides the token's subject. */
  @Column({ type: 'text', nullable: true }) operator: string | null;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt: Date;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  /** replayed, already_replayed, or failed (not sent; the dead letter stays replayable) */
  @Column({ type: 'text' }) outcome: string;
  @Column({ type: 'text', nullable: true }) detail: string | null;
}

export const MESSAGING_ENTITIES = [OutboxEventEntity, ProcessedEventEntity, ParkedEventEntity, DeadLetterEntity, DeadLetterReplayEntity];
