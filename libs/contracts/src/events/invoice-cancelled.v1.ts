import { IsOptional } from 'class-validator';
import { IsInstant, IsNonEmptyString } from '../contract-validators.js';
import { Topics } from '../topics.js';

/** A posted invoice was cancelled by a credit note; its lines return to review as credited. */
export class InvoiceCancelledV1 {
  static readonly type = 'erp.invoice.cancelled.v1';
  static readonly topic = Topics.accounting;

  @IsNonEmptyString()
  invoiceRequestId: string;

  @IsNonEmptyString()
  invoiceNumber: string;

  @IsInstant()
  cancelledAt: string;

  /** Usually names the credit note. */
  @IsOptional()
  @IsNonEmptyString()
  reason?: string | null;
}
