import { InvoiceRejectedV1 } from '../events/invoice-rejected.v1.js';
import { frozenSchema, instant, nonEmptyString, object } from './schema-parts.js';

export const invoiceRejectedV1Schema = frozenSchema(
  object(
    { invoiceRequestId: nonEmptyString, rejectedAt: instant, reason: nonEmptyString },
    ['invoiceRequestId', 'rejectedAt', 'reason'],
    {
      title: InvoiceRejectedV1.type,
      description: "ERP accounting refused the request; its lines go back to billing's review queue with the reason.",
    },
  ),
);
