import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * billing's ledger lines of a commitment as billing last reported them, so a
 * project shows each commitment's billing state at a glance. Never written here
 * except from `psa.billing-line.changed.v1`.
 */
@Entity({ name: 'commitment_billing_line' })
@Index('ix_commitment_billing_line_project', ['projectId'])
export class CommitmentBillingLineEntity {
  @PrimaryColumn({ name: 'line_id', type: 'uuid' }) lineId: string;
  @Column({ name: 'commitment_id', type: 'uuid' }) commitmentId: string;
  @Column({ name: 'project_id', type: 'uuid', nullable: true }) projectId: string | null;
  @Column({ name: 'source_kind', type: 'text' }) sourceKind: string;
  @Column({ type: 'text' }) state: string;
  @Column({ type: 'numeric', precision: 18, scale: 3 }) amount: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ type: 'boolean' }) billable: boolean;
  @Column({ name: 'invoice_request_id', type: 'text', nullable: true }) invoiceRequestId: string | null;
  @Column({ name: 'changed_at', type: 'timestamptz' }) changedAt: Date;
}
