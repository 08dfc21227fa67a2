import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const INVOICE_REQUEST_STATUSES = ['requested', 'posted', 'rejected', 'cancelled'] as const;
export type InvoiceRequestStatus = (typeof INVOICE_REQUEST_STATUSES)[number];

/** A request to ERP accounting to invoice ready lines, and what accounting answered. */
@Entity({ name: 'invoice_request' })
@Index('ix_invoice_request_customer', ['customerId', 'requestedAt'])
@Index('ix_invoice_request_requested', ['requestedAt'])
@Index('ix_invoice_request_mismatch', ['answeredAt'], { where: '"total_mismatch"' })
export class InvoiceRequestEntity {
  /** The stable invoiceRequestId, also the CloudEvent id of its psa.invoice.requested.v1. */
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'uuid', nullable: true }) supersedes: string | null;
  @Column({ name: 'customer_id', type: 'text' }) customerId: string;
  @Column({ name: 'project_id', type: 'uuid', nullable: true }) projectId: string | null;
  @Column({ name: 'order_id', type: 'text', nullable: true }) orderId: string | null;
  @Column({ name: 'customer_po_number', type: 'text', nullable: true }) customerPoNumber: string | null;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ name: 'period_from', type: 'date' }) periodFrom: string;
  @Column({ name: 'period_to', type: 'date' }) periodTo: string;
  @Column({ type: 'numeric', precision: 18, scale: 3 }) total: string;
  @Column({ type: 'text' }) status: InvoiceRequestStatus;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt: Date;
  @Column({ name: 'requested_by', type: 'text' }) requestedBy: string;
  @Column({ name: 'invoice_number', type: 'text', nullable: true }) invoiceNumber: string | null;
  @Column({ name: 'posted_total', type: 'numeric', precision: 18, scale: 3, nullable: true }) postedTotal: string | null;
  /** The ERP posted another total than requested: finance must look. */
  @Column({ name: 'total_mismatch', type: 'boolean', default: false }) totalMismatch: boolean;
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt: Date | null;
  /** Rejection or credit note reason from the ERP. */
  @Column({ name: 'answer_reason', type: 'text', nullable: true }) answerReason: string | null;
}

/**
 * A ledger line on an invoice request. `live` while the request stands
 * (requested or posted); a unique index on live rows keeps any line amount off
 * two live requests, whatever the code above it does.
 */
@Entity({ name: 'invoice_request_line' })
@Index('ux_invoice_request_line_live', ['lineId'], { unique: true, where: '"live"' })
@Index('ix_invoice_request_line_line', ['lineId'])
export class InvoiceRequestLineEntity {
  @PrimaryColumn({ name: 'invoice_request_id', type: 'uuid' }) invoiceRequestId: string;
  @PrimaryColumn({ name: 'line_id', type: 'uuid' }) lineId: string;
  @Column({ type: 'int' }) position: number;
  @Column({ name: 'order_line_id', type: 'text', nullable: true }) orderLineId: string | null;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'text', nullable: true }) sku: string | null;
  @Column({ type: 'numeric', precision: 14, scale: 4 }) quantity: string;
  @Column({ name: 'unit_price', type: 'numeric', precision: 18, scale: 4 }) unitPrice: string;
  @Column({ type: 'numeric', precision: 18, scale: 3 }) amount: string;
  @Column({ name: 'source_kind', type: 'text' }) sourceKind: string;
  @Column({ name: 'source_refs', type: 'jsonb' }) sourceRefs: string[];
  @Column({ type: 'boolean' }) live: boolean;
}
