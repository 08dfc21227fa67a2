import { IsInstant, IsNonEmptyString } from '../contract-validators.js';
import { Topics } from '../topics.js';

/** ERP accounting refused the request; its lines go back to billing's review queue with the reason. */
export class InvoiceRejectedV1 {
  static readonly type = 'erp.invoice.rejected.v1';
  static readonly topic = Topics.accounting;

  @IsNonEmptyString()
  invoiceRequestId: string;

  @IsInstant()
  rejectedAt: string;

  @IsNonEmptyString()
  reason: string;
}
