import { InvoiceCancelledV1 } from '../events/invoice-cancelled.v1.js';
import { frozenSchema, instant, nonEmptyString, nullable, object } from './schema-parts.js';

export const invoiceCancelledV1Schema = frozenSchema(
  object(
    { invoiceRequestId: nonEmptyString, invoiceNumber: nonEmptyString, cancelledAt: instant, reason: nullable(nonEmptyString) },
    ['invoiceRequestId', 'invoiceNumber', 'cancelledAt'],
    {
      title: InvoiceCancelledV1.type,
      description: 'A posted invoice was cancelled by a credit note; its lines return to review as credited.',
    },
  ),
);
