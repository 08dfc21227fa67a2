import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Where a visit is in its life; field-execution moves it along as the engineer works. */
export const VISIT_STATUSES = ['scheduled', 'in_progress', 'completed', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export interface VisitSite {
  id?: string | null;
  name?: string | null;
  address?: string | null;
  city?: string | null;
  region?: string | null;
  country?: string | null;
  timezone?: string | null;
}

export interface VisitSegment {
  start: string;
  end: string;
}

export interface GeoPoint {
  lat: number;
  lon: number;
}

/**
 * One engineer's visit to a site to work on one task, as scheduling booked it:
 * a booking for a crew of two makes two visits. The id is derived from booking
 * and engineer (`visitIdFor`). Task, booking and engineer are ids owned by other
 * services (service-commitments and scheduling), kept as plain references,
 * never as foreign keys into their databases.
 */
@Entity({ name: 'visit' })
@Index('ix_visit_engineer_start', ['engineerId', 'scheduledStart'])
@Index('ix_visit_task', ['taskId'])
@Index('ux_visit_booking_engineer', ['bookingId', 'engineerId'], { unique: true })
@Index('ix_visit_project', ['projectId'])
// GiST on tstzrange(scheduled_start, scheduled_end), made by VisitPeriodIndex1765200000000: the visits overlapping a day.
@Index('ix_visit_period', { synchronize: false })
@Check('ck_visit_status', `"status" IN ('scheduled', 'in_progress', 'completed', 'cancelled')`)
@Check('ck_visit_window', `"scheduled_end" >= "scheduled_start"`)
@Check('ck_visit_outcome', `"outcome" IS NULL OR "outcome" IN ('completed', 'incomplete')`)
// Completed exactly when an outcome is recorded; a completed visit was started.
@Check('ck_visit_completed_has_outcome', `("status" = 'completed') = ("outcome" IS NOT NULL)`)
@Check('ck_visit_completed_started', `"status" <> 'completed' OR ("started_at" IS NOT NULL AND "completed_at" IS NOT NULL)`)
@Check('ck_visit_booking_status', `"booking_status" IN ('proposed', 'confirmed')`)
export class VisitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** scheduling's booking; its crew shares it. */
  @Column({ name: 'booking_id', type: 'uuid' })
  bookingId: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId: string | null;

  @Column({ name: 'service_request_id', type: 'uuid', nullable: true })
  serviceRequestId: string | null;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ name: 'engineer_id', type: 'uuid' })
  engineerId: string;

  /** The engineer's name as their own token gave it at check-in (scheduling owns engineers; bookings carry ids only). */
  @Column({ name: 'engineer_name', type: 'text', nullable: true })
  engineerName: string | null;

  /** Everyone booked with this engineer, the lead first. */
  @Column({ name: 'crew_engineer_ids', type: 'jsonb', default: () => "'[]'" })
  crewEngineerIds: string[];

  @Column({ type: 'text', default: 'scheduled' })
  status: VisitStatus;

  /** proposed to the customer, or confirmed. */
  @Column({ name: 'booking_status', type: 'text', default: 'proposed' })
  bookingStatus: 'proposed' | 'confirmed';

  @Column({ name: 'scheduled_start', type: 'timestamptz' })
  scheduledStart: Date;

  @Column({ name: 'scheduled_end', type: 'timestamptz' })
  scheduledEnd: Date;

  /** The working stretches, one per working day. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  segments: VisitSegment[];

  @Column({ name: 'travel_minutes', type: 'integer', default: 0 })
  travelMinutes: number;

  @Column({ type: 'jsonb', nullable: true })
  site: VisitSite | null;

  /** The first check-in on site. */
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  outcome: 'completed' | 'incomplete' | null;

  @Column({ name: 'follow_up_reason', type: 'text', nullable: true })
  followUpReason: string | null;

  @Column({ name: 'sign_off_name', type: 'text', nullable: true })
  signOffName: string | null;

  @Column({ name: 'signed_off_at', type: 'timestamptz', nullable: true })
  signedOffAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancellation_reason', type: 'text', nullable: true })
  cancellationReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
