import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * How far each read model has read each topic partition. Analytics builds its
 * read models from the event log; a read model's rows and its positions are
 * written in one transaction, so a restart resumes exactly where it stopped and
 * a rebuild is "delete the read model's rows and positions, read from offset 0".
 */
@Entity({ name: 'consumer_position' })
@Check('ck_consumer_position_offset', `"next_offset" >= 0`)
export class ConsumerPositionEntity {
  /** e.g. "utilization", "project-margin". */
  @PrimaryColumn({ name: 'read_model', type: 'text' })
  readModel: string;

  @PrimaryColumn({ type: 'text' })
  topic: string;

  @PrimaryColumn({ type: 'integer' })
  partition: number;

  /** The offset of the next record to apply; a string because Kafka offsets are 64-bit. */
  @Column({ name: 'next_offset', type: 'bigint' })
  nextOffset: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
