import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EscalationLevel } from '../sla/domain/escalation.js';

export type EscalationSubjectKind = 'service_request' | 'task';
export type EscalationTarget = 'response' | 'resolution' | 'due_date';
export type EscalationTriggerKind = 'at_risk' | 'breached' | 'breach_unresolved' | 'overdue';

/**
 * One step up the chain for a service request's SLA target or an overdue task.
 * The unique key makes a step impossible to raise twice, whoever evaluates.
 */
@Entity('escalation')
@Index('escalation_step', ['subjectId', 'level', 'target', 'trigger'], { unique: true })
@Index('escalation_customer', ['customerId'])
@Index('escalation_raised', ['raisedAt'])
export class EscalationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'subject_kind', type: 'text' }) subjectKind: EscalationSubjectKind;
  @Column({ name: 'subject_id', type: 'uuid' }) subjectId: string;
  @Column({ name: 'customer_id', type: 'text' }) customerId: string;
  @Column({ type: 'text' }) level: EscalationLevel;
  @Column({ type: 'text' }) target: EscalationTarget;
  @Column({ type: 'text' }) trigger: EscalationTriggerKind;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'text' }) recipient: string;
  @Column({ name: 'raised_at', type: 'timestamptz' }) raisedAt: Date;
}
