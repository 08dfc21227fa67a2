import { IsInstant, IsMoneyAmount, IsNonEmptyString } from '../contract-validators.js';
import { Topics } from '../topics.js';

/** ERP accounting posted the invoice: the request's lines become invoiced. */
export class InvoicePostedV1 {
  static readonly type = 'erp.invoice.posted.v1';
  static readonly topic = Topics.accounting;

  @IsNonEmptyString()
  invoiceRequestId: string;

  @IsNonEmptyString()
  invoiceNumber: string;

  @IsInstant()
  postedAt: string;

  /**
   * The total the ERP posted, in the request's currency (not repeated here, so only
   * the shape is checked). Billing checks its decimal places against the request's
   * currency (SCHEMA_VIOLATION otherwise), compares it with the requested total and
   * flags a difference for finance instead of rejecting the event.
   */
  @IsMoneyAmount()
  total: string;
}
