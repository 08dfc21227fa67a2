import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CommitmentTerms } from '../ledger/domain/billing-policies.js';

/**
 * Billing's copies of what other services decided: the projects and commitments
 * it bills (with the prices and billing policies they were sold with), the tasks
 * work is recorded against, and each machine's warranty and AMC windows.
 */
@Entity({ name: 'billing_project' })
export class BillingProjectEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' }) projectId: string;
  @Column({ name: 'order_id', type: 'text' }) orderId: string;
  @Column({ name: 'customer_id', type: 'text' }) customerId: string;
  @Column({ name: 'customer_name', type: 'text' }) customerName: string;
  @Column({ type: 'char', length: 3, nullable: true }) currency: string | null;
  @Column({ name: 'customer_po_number', type: 'text', nullable: true }) customerPoNumber: string | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity({ name: 'billing_commitment' })
@Index('ix_billing_commitment_project', ['projectId'])
export class BillingCommitmentEntity {
  @PrimaryColumn({ name: 'commitment_id', type: 'uuid' }) commitmentId: string;
  @Column({ name: 'project_id', type: 'uuid' }) projectId: string;
  @Column({ name: 'order_line_id', type: 'text' }) orderLineId: string;
  @Column({ type: 'text' }) sku: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'unit_index', type: 'int' }) unitIndex: number;
  /** Null when the project event came from before prices were published: such work goes to review. */
  @Column({ type: 'jsonb', nullable: true }) terms: CommitmentTerms | null;
  @Column({ name: 'serial_number', type: 'text', nullable: true }) serialNumber: string | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity({ name: 'billing_task' })
@Index('ix_billing_task_commitment', ['commitmentId'])
export class BillingTaskEntity {
  @PrimaryColumn({ name: 'task_id', type: 'uuid' }) taskId: string;
  @Column({ name: 'commitment_id', type: 'uuid', nullable: true }) commitmentId: string | null;
  @Column({ name: 'service_request_id', type: 'uuid', nullable: true }) serviceRequestId: string | null;
  @Column({ name: 'project_id', type: 'uuid', nullable: true }) projectId: string | null;
  @Column({ name: 'order_id', type: 'text', nullable: true }) orderId: string | null;
  @Column({ name: 'customer_id', type: 'text' }) customerId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', nullable: true }) sku: string | null;
  @Column({ name: 'template_task_key', type: 'text', nullable: true }) templateTaskKey: string | null;
  @Column({ name: 'serial_number', type: 'text', nullable: true }) serialNumber: string | null;
  @Column({ type: 'text', nullable: true }) timezone: string | null;
  @Column({ name: 'order_currency', type: 'char', length: 3, nullable: true }) orderCurrency: string | null;
  @Column({ type: 'text' }) status: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One warranty or AMC window of a machine, as service-commitments last described it. */
@Entity({ name: 'machine_coverage' })
@Index('ix_machine_coverage_serial', ['serialNumber'])
export class MachineCoverageEntity {
  /** `<serial>:warranty` or `<serial>:amc:<contractId>`. */
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ name: 'serial_number', type: 'text' }) serialNumber: string;
  @Column({ name: 'customer_id', type: 'text' }) customerId: string;
  @Column({ name: 'project_id', type: 'uuid', nullable: true }) projectId: string | null;
  @Column({ type: 'text' }) kind: 'warranty' | 'amc';
  @Column({ name: 'contract_id', type: 'uuid', nullable: true }) contractId: string | null;
  @Column({ name: 'commitment_id', type: 'uuid', nullable: true }) commitmentId: string | null;
  @Column({ name: 'starts_on', type: 'date', nullable: true }) startsOn: string | null;
  @Column({ name: 'ends_on', type: 'date', nullable: true }) endsOn: string | null;
  @Column({ type: 'text', nullable: true }) scope: 'labour' | 'labour_and_parts' | null;
  @Column({ name: 'visit_quota', type: 'int', nullable: true }) visitQuota: number | null;
  @Column({ type: 'text' }) status: 'pending' | 'active' | 'expired' | 'cancelled';
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'changed_at', type: 'timestamptz' }) changedAt: Date;
}

/** A visit an AMC covered: counts against its visit quota once. */
@Entity({ name: 'amc_covered_visit' })
export class AmcCoveredVisitEntity {
  @PrimaryColumn({ name: 'contract_id', type: 'uuid' }) contractId: string;
  @PrimaryColumn({ name: 'visit_id', type: 'uuid' }) visitId: string;
  @Column({ name: 'counted_at', type: 'timestamptz', default: () => 'now()' }) countedAt: Date;
}
