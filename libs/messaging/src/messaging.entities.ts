import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** An event written in the same transaction as the state change that caused it. */
@Entity('outbox_event')
@Unique('UQ_outbox_event_event_id', ['eventId'])
@Index('outbox_event_unpublished', ['id'], { where: 'published_at IS NULL' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ name: 'event_id', type: 'text' }) eventId: string;
  @Column({ type: 'text' }) topic: string;
  @Column({ name: 'message_key', type: 'text', nullable: true }) messageKey: string | null;
  @Column({ type: 'jsonb' }) event: Record<string, unknown>;
  @Column({ type: 'jsonb', default: () => "'{}'" }) headers: Record<string, string>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
}

/** The idempotent inbox: one row per (source, id) applied, in the effect's transaction. */
@Entity('processed_event')
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
  @Column({ name: 'original_headers', type: 'jsonb', default: () => "'{}'" }) originalHeaders: Record<string, string>;
  @CreateDateColumn({ name: 'parked_at', type: 'timestamptz' }) parkedAt: Date;
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true }) releasedAt: Date | null;
  /** released, or expired when nothing claimed it in time */
  @Column({ type: 'text', nullable: true }) outcome: string | null;
}

/** A copy of every record sent to a dead-letter topic, for listing and replay. */
@Entity('dead_letter')
@Index('dead_letter_original', ['originalTopic', 'originalPartition', 'originalOffset'], { unique: true })
export class DeadLetterEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ name: 'original_topic', type: 'text' }) originalTopic: string;
  @Column({ name: 'original_partition', type: 'int' }) originalPartition: number;
  @Column({ name: 'original_offset', type: 'bigint' }) originalOffset: string;
  @Column({ name: 'dlq_topic', type: 'text' }) dlqTopic: string;
  @Column({ name: 'message_key', type: 'text', nullable: true }) messageKey: string | null;
  @Column({ type: 'bytea', nullable: true }) value: Buffer | null;
  /** Original headers, values base64-encoded (headers are bytes). */
  @Column({ type: 'jsonb', default: () => "'{}'" }) headers: Record<string, string>;
  @Column({ name: 'reason_code', type: 'text' }) reasonCode: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'failed_at', type: 'timestamptz' }) failedAt: Date;
  @Column({ name: 'replayed_at', type: 'timestamptz', nullable: true }) replayedAt: Date | null;
}

export const MESSAGING_ENTITIES = [OutboxEventEntity, ProcessedEventEntity, ParkedEventEntity, DeadLetterEntity];
