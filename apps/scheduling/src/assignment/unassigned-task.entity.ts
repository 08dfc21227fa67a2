import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export interface QueueReason {
  code: string;
  engineers: number;
}

/**
 * A task nobody could be booked for (or whose booking a person undid), with the
 * reasons. Tasks that `autoRetry` are tried again whenever engineers, calendars
 * or leave change, or a booking is freed.
 */
@Entity({ name: 'unassigned_task' })
export class UnassignedTaskEntity {
  @PrimaryColumn({ name: 'task_id', type: 'uuid' }) taskId: string;
  @Column({ type: 'jsonb' }) reasons: QueueReason[];
  @Column({ name: 'auto_retry', type: 'boolean', default: true }) autoRetry: boolean;
  @Column({ type: 'int', default: 1 }) attempts: number;
  @Column({ name: 'last_decision_id', type: 'uuid', nullable: true }) lastDecisionId: string | null;
  @CreateDateColumn({ name: 'queued_at', type: 'timestamptz' }) queuedAt: Date;
  @Column({ name: 'last_attempt_at', type: 'timestamptz' }) lastAttemptAt: Date;
}
