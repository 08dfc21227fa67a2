import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CoverageKind, Priority } from '../coverage/domain/coverage-rules.js';
import type { SiteSnapshot } from '../projects/service-project.entity.js';
import type { CoverageLevel } from '../sla/domain/business-calendar.js';
import type { ServiceRequestStatus, StoredSlaClock } from './domain/request-clock.js';

/** A breakdown a customer or the service desk reported on an installed machine, with its SLA clock. */
@Entity('service_request')
@Index('service_request_customer', ['customerId'])
@Index('service_request_serial', ['serialNumber'])
@Index('service_request_open', ['status'], { where: `status <> 'resolved'` })
@Index('service_request_raised', ['raisedAt'])
@Index('service_request_sla_check', ['nextSlaCheckAt', 'id'], { where: `next_sla_check_at IS NOT NULL` })
export class ServiceRequestEntity {
  /** Chosen by the service so the breakdown task can point at it in the same transaction. */
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'customer_id', type: 'text' }) customerId: string;
  @Column({ name: 'customer_name', type: 'text' }) customerName: string;
  @Column({ name: 'project_id', type: 'uuid', nullable: true }) projectId: string | null;
  @Column({ name: 'serial_number', type: 'text' }) serialNumber: string;
  @Column({ type: 'text' }) sku: string;
  @Column({ type: 'jsonb' }) site: SiteSnapshot;
  @Column({ type: 'text' }) priority: Priority;
  @Column({ type: 'text' }) description: string;
  @Column({ name: 'reported_by', type: 'text' }) reportedBy: string;
  @Column({ name: 'coverage_kind', type: 'text' }) coverageKind: CoverageKind;
  @Column({ name: 'coverage_contract_id', type: 'uuid', nullable: true }) coverageContractId: string | null;
  @Column({ name: 'coverage_reason', type: 'text' }) coverageReason: string;
  @Column({ name: 'sla_coverage', type: 'text' }) slaCoverage: CoverageLevel;
  @Column({ name: 'sla_clock', type: 'jsonb' }) slaClock: StoredSlaClock;
  /** Null while on hold: the deadline moves with the hold. */
  @Column({ name: 'response_due_at', type: 'timestamptz', nullable: true }) responseDueAt: Date | null;
  @Column({ name: 'resolution_due_at', type: 'timestamptz', nullable: true }) resolutionDueAt: Date | null;
  @Column({ type: 'text' }) status: ServiceRequestStatus;
  @Column({ name: 'raised_at', type: 'timestamptz' }) raisedAt: Date;
  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true }) respondedAt: Date | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt: Date | null;
  /**
   * When the SLA monitor next has a step to raise for this request (`nextEscalationAt`), kept
   * wherever the clock or its raised steps change; null when none can come (resolved, on hold
   * with nothing reached, every step raised). The monitor reads only requests whose instant has come.
   */
  @Column({ name: 'next_sla_check_at', type: 'timestamptz', nullable: true }) nextSlaCheckAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
