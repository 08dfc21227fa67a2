import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ApprovableEntry } from '../approvals/approvable-entry.js';
import { VisitEntity } from '../visits/visit.entity.js';

/**
 * Time an engineer spent on a visit's work. Submitted entries may be edited;
 * approved and rejected ones are locked, and a correction is a new entry that
 * names the one it corrects (`corrects`).
 */
@Entity({ name: 'time_entry' })
@Index('ix_time_entry_visit', ['visitId', 'startAt'])
@Index('ix_time_entry_engineer', ['engineerId', 'startAt'])
@Index('ix_time_entry_status', ['status', 'createdAt'])
// At most one live (waiting or approved) correction per entry: corrections form a chain.
@Index('ux_time_entry_live_correction', ['corrects'], { unique: true, where: `"corrects" IS NOT NULL AND "status" <> 'rejected'` })
@Check('ck_time_entry_range', `"end_at" > "start_at"`)
@Check('ck_time_entry_hours', `"hours" > 0`)
@Check('ck_time_entry_status', `"status" IN ('submitted', 'approved', 'rejected')`)
@Check('ck_time_entry_rejection_reason', `("status" = 'rejected') = ("rejection_reason" IS NOT NULL)`)
@Check('ck_time_entry_decided', `("status" = 'submitted') = ("decided_at" IS NULL)`)
@Check('ck_time_entry_not_self', `"corrects" IS NULL OR "corrects" <> "id"`)
export class TimeEntryEntity extends ApprovableEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'visit_id', type: 'uuid' })
  visitId: string;

  @ManyToOne(() => VisitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'fk_time_entry_visit' })
  visit?: VisitEntity;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId: string | null;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ name: 'engineer_id', type: 'uuid' })
  engineerId: string;

  @Column({ name: 'start_at', type: 'timestamptz' })
  startAt: Date;

  @Column({ name: 'end_at', type: 'timestamptz' })
  endAt: Date;

  /** end − start, rounded half-up to 2 decimals. */
  @Column({ type: 'numeric', precision: 6, scale: 2 })
  hours: string;

  @Column({ type: 'text' })
  activity: string;

  @Column({ type: 'boolean' })
  billable: boolean;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  corrects: string | null;

  @ManyToOne(() => TimeEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corrects', foreignKeyConstraintName: 'fk_time_entry_corrects' })
  corrected?: TimeEntryEntity;
}
