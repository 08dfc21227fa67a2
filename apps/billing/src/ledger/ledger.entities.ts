import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { BillingCoverage, BillingLineState, BillingSourceKind } from '#contracts';

/**
 * One billable (or covered) piece of work or fee: a milestone, an approved time
 * entry, expense or parts consumption, or a contract instalment. Exactly one
 * line per source record; exactly one state at a time.
 */
@Entity({ name: 'ledger_line' })
@Index('ux_ledger_line_source', ['sourceKind', 'sourceRef'], { unique: true })
@Index('ix_ledger_line_state', ['state', 'customerId'])
@Index('ix_ledger_line_project', ['projectId'])
@Index('ix_ledger_line_order', ['orderId'])
@Index('ix_ledger_line_commitment', ['commitmentId'])
@Index('ix_ledger_line_customer_date', ['customerId', 'workDate', 'createdAt'])
@Index('ix_ledger_line_contract_due', ['workDate'], { where: `"state" = 'unbilled' AND "source_kind" = 'contract'` })
@Index('ix_ledger_line_visit', ['visitId'], { where: `"visit_id" IS NOT NULL` })
@Index('ix_ledger_line_task', ['taskId'], { where: `"task_id" IS NOT NULL` })
@Check('ck_ledger_line_amounts', `"amount" >= 0 AND "cost" >= 0 AND "quantity" > 0`)
@Check(
  'ck_ledger_line_state',
  `"state" IN ('unbilled','ready','requested','invoiced','review','on_hold','written_off','non_billable','reversed')`,
)
export class LedgerLineEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) state: BillingLineState;
  /** Where a held line returns on release. */
  @Column({ name: 'held_from', type: 'text', nullable: true }) heldFrom: BillingLineState | null;
  @Column({ name: 'customer_id', type: 'text' }) customerId: string;
  @Column({ name: 'project_id', type: 'uuid', nullable: true }) projectId: string | null;
  @Column({ name: 'order_id', type: 'text', nullable: true }) orderId: string | null;
  @Column({ name: 'order_line_id', type: 'text', nullable: true }) orderLineId: string | null;
  @Column({ name: 'customer_po_number', type: 'text', nullable: true }) customerPoNumber: string | null;
  @Column({ name: 'commitment_id', type: 'uuid', nullable: true }) commitmentId: string | null;
  @Column({ name: 'task_id', type: 'uuid', nullable: true }) taskId: string | null;
  @Column({ name: 'visit_id', type: 'uuid', nullable: true }) visitId: string | null;
  @Column({ name: 'engineer_id', type: 'uuid', nullable: true }) engineerId: string | null;
  @Column({ name: 'serial_number', type: 'text', nullable: true }) serialNumber: string | null;
  @Column({ name: 'source_kind', type: 'text' }) sourceKind: BillingSourceKind;
  @Column({ name: 'source_ref', type: 'text' }) sourceRef: string;
  @Column({ type: 'text', nullable: true }) sku: string | null;
  @Column({ type: 'text' }) description: string;
  @Column({ name: 'work_date', type: 'date' }) workDate: string;
  @Column({ type: 'numeric', precision: 14, scale: 4 }) quantity: string;
  @Column({ name: 'unit_price', type: 'numeric', precision: 18, scale: 4 }) unitPrice: string;
  @Column({ type: 'numeric', precision: 18, scale: 3 }) amount: string;
  @Column({ type: 'numeric', precision: 18, scale: 3 }) cost: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ type: 'boolean' }) billable: boolean;
  @Column({ type: 'text' }) coverage: BillingCoverage;
  @Column({ type: 'text' }) reason: string;
  /** The live (or last) invoice request the line is on. */
  @Column({ name: 'invoice_request_id', type: 'uuid', nullable: true }) invoiceRequestId: string | null;
  /** Credited by the ERP (a credit note): re-bill or write off. */
  @Column({ type: 'boolean', default: false }) credited: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  /** When the line became ready (aging of unbilled revenue starts here). */
  @Column({ name: 'ready_at', type: 'timestamptz', nullable: true }) readyAt: Date | null;
  @VersionColumn() version: number;
}

/** The audit trail of every change finance or the ERP made to a line, with its reason. */
@Entity({ name: 'ledger_adjustment' })
@Index('ix_ledger_adjustment_line', ['lineId', 'at'])
@Index('ix_ledger_adjustment_note', ['at'], { where: `"action" = 'note'` })
export class LedgerAdjustmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'line_id', type: 'uuid' }) lineId: string;
  @Column({ type: 'text' }) action: string;
  @Column({ name: 'from_state', type: 'text' }) fromState: string;
  @Column({ name: 'to_state', type: 'text' }) toState: string;
  @Column({ name: 'old_amount', type: 'numeric', precision: 18, scale: 3 }) oldAmount: string;
  @Column({ name: 'new_amount', type: 'numeric', precision: 18, scale: 3 }) newAmount: string;
  @Column({ type: 'text' }) reason: string;
  /** A user id, or `erp` / `billing` for what events did. */
  @Column({ type: 'text' }) actor: string;
  @Column({ name: 'invoice_request_id', type: 'uuid', nullable: true }) invoiceRequestId: string | null;
  @Column({ type: 'timestamptz' }) at: Date;
}
