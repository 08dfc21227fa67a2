import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { ChecklistItem } from '../catalogue/domain/service-template.js';
import type { CommitmentStatus } from './domain/commitment-status.js';
import { CommitmentEntity } from './commitment.entity.js';

/** A piece of work of a commitment, made from its template's task. */
@Entity('task')
@Index('task_commitment', ['commitmentId'])
@Index('task_project', ['projectId'])
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'commitment_id', type: 'uuid' }) commitmentId: string;
  @ManyToOne(() => CommitmentEntity, (c) => c.tasks, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'commitment_id', foreignKeyConstraintName: 'FK_task_commitment' })
  commitment: Relation<CommitmentEntity>;
  @Column({ name: 'project_id', type: 'uuid' }) projectId: string;
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
