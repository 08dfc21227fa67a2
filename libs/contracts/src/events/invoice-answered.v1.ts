import { IsOptional } from 'class-validator';
import { IsBooleanValue, IsCurrencyCode, IsInstant, IsMoneyAmount, IsNonEmptyString, IsOneOf, IsUuid } from '../contract-validators.js';
import { Topics } from '../topics.js';

/** What ERP accounting's accepted answer made of an invoice request: posted, rejected, or cancelled by a credit note. */
export const INVOICE_ANSWERS = ['posted', 'rejected', 'cancelled'] as const;
export type InvoiceAnswer = (typeof INVOICE_ANSWERS)[number];

/**
 * Internal: billing applied ERP accounting's answer to one of its invoice requests
 * (erp.invoice.posted|rejected|cancelled.v1). Billing owns the requests and
 * dead-letters answers that do not fit (an unknown request, one contradicting the
 * request's state, a posted total without the currency's minor units) and ignores
 * the same answer sent again, so this is emitted once per answer it accepted, in the
 * transaction that applied it. Readers who must agree with billing's books
 * (analytics) take a request's answer from here, not from erp.accounting.
 * Keyed like billing's ledger lines: projectId, or customerId without a project.
 */
export class InvoiceAnsweredV1 {
  static readonly type = 'psa.invoice.answered.v1';
  static readonly topic = Topics.billing;

  @IsNonEmptyString()
  invoiceRequestId: string;

  /** The request's state after the answer: posted, rejected, or cancelled (credited after a posting). */
  @IsOneOf(INVOICE_ANSWERS)
  answer: InvoiceAnswer;

  /** The ERP's own time of the answer: postedAt, rejectedAt or cancelledAt. */
  @IsInstant()
  answeredAt: string;

  @IsNonEmptyString()
  customerId: string;

  @IsOptional()
  @IsUuid()
  projectId?: string | null;

  @IsOptional()
  @IsNonEmptyString()
  orderId?: string | null;

  /** The request's currency, which the posted total is in. */
  @IsCurrencyCode()
  currency: string;

  /** The number of the invoice posted (posted, and cancelled: the invoice the credit note cancels). */
  @IsOptional()
  @IsNonEmptyString()
  invoiceNumber?: string | null;

  /** The total ERP accounting posted, with the currency's minor units (posted, and cancelled: the credited total). */
  @IsOptional()
  @IsMoneyAmount('currency')
  postedTotal?: string | null;

  /** The posted total differs from the requested one: flagged for finance. */
  @IsBooleanValue()
  totalMismatch: boolean;

  /** Why: the rejection's reason, the credit note, or the posted total's difference. */
  @IsOptional()
  @IsNonEmptyString()
  reason?: string | null;
}
