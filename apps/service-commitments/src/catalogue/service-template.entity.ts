import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AmcTerms, BillingPolicy, ServiceKind, SlaPolicy, StartTrigger, TemplateTask } from './domain/service-template.js';

@Entity('service_template')
export class ServiceTemplateEntity {
  @PrimaryColumn({ type: 'text' }) sku: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: ServiceKind;
  @Column({ name: 'starts_on', type: 'text' }) startsOn: StartTrigger;
  @Column({ name: 'lead_time_days', type: 'int' }) leadTimeDays: number;
  @Column({ name: 'warranty_grace_days', type: 'int' }) warrantyGraceDays: number;
  @Column({ name: 'due_within_days', type: 'int' }) dueWithinDays: number;
  @Column({ type: 'jsonb' }) tasks: TemplateTask[];
  @Column({ type: 'jsonb' }) billing: BillingPolicy;
  @Column({ type: 'jsonb' }) sla: SlaPolicy;
  @Column({ type: 'jsonb', nullable: true }) amc: AmcTerms | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
