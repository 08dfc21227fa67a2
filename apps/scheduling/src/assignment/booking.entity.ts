import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** proposed → confirmed (by the customer), or declined; cancelled when the task no longer needs it. */
export type BookingStatus = 'proposed' | 'confirmed' | 'declined' | 'cancelled';
export const LIVE_BOOKING_STATUSES: readonly BookingStatus[] = ['proposed', 'confirmed'];

export interface BookingSegment {
  start: string;
  end: string;
}

/**
 * A visit: the crew booked for one task and when. Its time is held by rows of
 * `engineer_time` (one per engineer per working day); the booking keeps the whole.
 * A task has at most one live booking (partial unique index).
 */
@Entity({ name: 'booking' })
@Index('booking_task', ['taskId'])
@Index('booking_one_live_per_task', ['taskId'], { unique: true, where: `"status" IN ('proposed', 'confirmed')` })
@Index('booking_live_engineers', ['engineerIds'], { type: 'gin', where: `"status" IN ('proposed', 'confirmed')` })
export class BookingEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'task_id', type: 'uuid' }) taskId: string;
  @Column({ type: 'text' }) status: BookingStatus;
  /** The crew; the first leads. */
  @Column({ name: 'engineer_ids', type: 'jsonb' }) engineerIds: string[];
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt: Date;
  @Column({ type: 'jsonb' }) segments: BookingSegment[];
  /** Travel each way, by engineer. */
  @Column({ name: 'travel_minutes', type: 'jsonb' }) travelMinutes: Record<string, number>;
  /** 'auto' or the subject of the dispatcher who assigned it. */
  @Column({ name: 'assigned_by', type: 'text' }) assignedBy: string;
  /** A dispatcher's reason for choosing other than the assigner would. */
  @Column({ name: 'override_reason', type: 'text', nullable: true }) overrideReason: string | null;
  @Column({ name: 'decision_id', type: 'uuid', nullable: true }) decisionId: string | null;
  /** Why it was cancelled or declined. */
  @Column({ name: 'end_reason', type: 'text', nullable: true }) endReason: string | null;
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true }) confirmedAt: Date | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
