import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { ChecklistItem } from '../catalogue/domain/service-template.js';
import type { CommitmentStatus } from './domain/commitment-status.js';
import { CommitmentEntity } from './commitment.entity.js';

/** A piece of work of a commitment, made from its template's task. */
@Entity('task')
@Index('task_commitment', ['commitmentId'])
@Index('task_project', ['projectId'])
@Index('task_service_request', ['serviceRequestId'], { where: `"service_request_id" IS NOT NULL` })
@Index('task_overdue', ['dueDate', 'id'], { where: `status NOT IN ('done', 'cancelled') AND due_date IS NOT NULL AND service_request_id IS NULL` })
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'commitment_id', type: 'uuid', nullable: true }) commitmentId: string | null;
  @ManyToOne(() => CommitmentEntity, (c) => c.tasks, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'commitment_id', foreignKeyConstraintName: 'FK_task_commitment' })
  commitment: Relation<CommitmentEntity>;
  @Column({ name: 'project_id', type: 'uuid', nullable: true }) projectId: string | null;
  @Column({ name: 'service_request_id', type: 'uuid', nullable: true }) serviceRequestId: string | null;
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'customer_id', type: 'text' }) customerId: string;
  @Column({ name: 'serial_number', type: 'text', nullable: true }) serialNumber: string | null;
  /** Visit k of an AMC's planned visits (1 for other tasks). */
  @Column({ type: 'int', default: 1 }) sequence: number;
  @Column({ name: 'planned_date', type: 'date', nullable: true }) plannedDate: string | null;
  @Column({ name: 'earliest_start', type: 'date', nullable: true }) earliestStart: string | null;
  @Column({ name: 'hold_reason', type: 'text', nullable: true }) holdReason: string | null;
  @Column({ name: 'hold_note', type: 'text', nullable: true }) holdNote: string | null;
  /** Status to go back to when released from hold. */
  @Column({ name: 'status_before_hold', type: 'text', nullable: true }) statusBeforeHold: CommitmentStatus | null;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'cancellation_reason', type: 'text', nullable: true }) cancellationReason: string | null;
  @Column({ name: 'template_task_key', type: 'text' }) templateTaskKey: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) status: CommitmentStatus;
  @Column({ type: 'text', nullable: true }) owner: string | null;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate: string | null;
  @Column({ name: 'required_skills', type: 'jsonb' }) requiredSkills: string[];
  @Column({ name: 'estimated_hours', type: 'numeric', precision: 8, scale: 2 }) estimatedHours: string;
  @Column({ type: 'int', default: 1 }) engineers: number;
  @Column({ type: 'jsonb' }) checklist: ChecklistItem[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
