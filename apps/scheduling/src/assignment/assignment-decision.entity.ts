import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DecisionRecord } from './domain/placement.js';

export type DecisionKind = 'auto' | 'manual';

/** Why a task went to whom (or to nobody): every candidate, every rule, every score. */
@Entity({ name: 'assignment_decision' })
@Index('assignment_decision_task', ['taskId', 'decidedAt'])
@Index('assignment_decision_decided', ['decidedAt'])
export class AssignmentDecisionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'task_id', type: 'uuid' }) taskId: string;
  @Column({ type: 'text' }) kind: DecisionKind;
  /** placed, unplaced, or for a person's choice: assigned / refused. */
  @Column({ type: 'text' }) outcome: string;
  /** 'auto' or the dispatcher's subject. */
  @Column({ type: 'text' }) actor: string;
  @Column({ name: 'override_reason', type: 'text', nullable: true }) overrideReason: string | null;
  @Column({ type: 'jsonb' }) record: DecisionRecord;
  @Column({ name: 'decided_at', type: 'timestamptz' }) decidedAt: Date;
}
