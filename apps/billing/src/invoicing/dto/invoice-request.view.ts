import { roundAmount } from '../../ledger/domain/billing-money.js';
import { plainDecimal } from '../../ledger/ledger.service.js';
import type { InvoiceRequestEntity, InvoiceRequestLineEntity, InvoiceRequestStatus } from '../invoicing.entities.js';

export interface InvoiceRequestView {
  id: string;
  supersedes: string | null;
  customerId: string;
  projectId: string | null;
  orderId: string | null;
  customerPoNumber: string | null;
  currency: string;
  period: { from: string; to: string };
  total: string;
  /** Where accounting stands: requested (waiting), posted, rejected, cancelled (credited). */
  accountingStatus: InvoiceRequestStatus;
  invoiceNumber: string | null;
  postedTotal: string | null;
  totalMismatch: boolean;
  answerReason: string | null;
  requestedAt: string;
  requestedBy: string;
  answeredAt: string | null;
  lines: { lineId: string; orderLineId: string | null; description: string; sku: string | null; quantity: string; unitPrice: string; amount: string; source: { kind: string; refs: string[] } }[];
}

export function toInvoiceRequestView(request: InvoiceRequestEntity, lines: InvoiceRequestLineEntity[]): InvoiceRequestView {
  return {
    id: request.id,
    supersedes: request.supersedes,
    customerId: request.customerId,
    projectId: request.projectId,
    orderId: request.orderId,
    customerPoNumber: request.customerPoNumber,
    currency: request.currency,
    period: { from: request.periodFrom, to: request.periodTo },
    total: roundAmount(request.total, request.currency),
    accountingStatus: request.status,
    invoiceNumber: request.invoiceNumber,
    postedTotal: request.postedTotal === null ? null : roundAmount(request.postedTotal, request.currency),
    totalMismatch: request.totalMismatch,
    answerReason: request.answerReason,
    requestedAt: new Date(request.requestedAt).toISOString(),
    requestedBy: request.requestedBy,
    answeredAt: request.answeredAt ? new Date(request.answeredAt).toISOString() : null,
    lines: [...lines]
      .sort((a, b) => a.position - b.position)
      .map((l) => ({
        lineId: l.lineId,
        orderLineId: l.orderLineId,
        description: l.description,
        sku: l.sku,
        quantity: plainDecimal(l.quantity),
        unitPrice: plainDecimal(l.unitPrice),
        amount: roundAmount(l.amount, request.currency),
        source: { kind: l.sourceKind, refs: l.sourceRefs },
      })),
  };
}
