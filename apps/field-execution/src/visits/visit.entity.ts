import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Where a visit is in its life; field-execution moves it along as the engineer works. */
export const VISIT_STATUSES = ['scheduled', 'in_progress', 'completed', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

/**
 * An engineer's visit to a site to work on one task, as scheduling booked it.
 * Task and engineer are ids owned by other services (service-commitments and
 * scheduling); field-execution keeps them as plain references, never as
 * foreign keys into their databases.
 */
@Entity({ name: 'visit' })
@Index('ix_visit_engineer_start', ['engineerId', 'scheduledStart'])
@Index('ix_visit_task', ['taskId'])
@Check('ck_visit_status', `"status" IN ('scheduled', 'in_progress', 'completed', 'cancelled')`)
@Check('ck_visit_window', `"scheduled_end" > "scheduled_start"`)
export class VisitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @Column({ name: 'engineer_id', type: 'uuid' })
  engineerId: string;

  @Column({ type: 'text', default: 'scheduled' })
  status: VisitStatus;

  @Column({ name: 'scheduled_start', type: 'timestamptz' })
  scheduledStart: Date;

  @Column({ name: 'scheduled_end', type: 'timestamptz' })
  scheduledEnd: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
