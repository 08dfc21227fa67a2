import { InvoicePostedV1 } from '../events/invoice-posted.v1.js';
import { amountInSomeCurrency, frozenSchema, instant, nonEmptyString, object } from './schema-parts.js';

export const invoicePostedV1Schema = frozenSchema(
  object(
    {
      invoiceRequestId: nonEmptyString,
      invoiceNumber: nonEmptyString,
      postedAt: instant,
      total: {
        ...amountInSomeCurrency,
        description:
          "The total posted, in the request's currency with its minor units. A total that differs from the requested one is recorded and flagged for finance.",
      },
    },
    ['invoiceRequestId', 'invoiceNumber', 'postedAt', 'total'],
    { title: InvoicePostedV1.type, description: "ERP accounting posted the invoice; the request's lines become invoiced." },
  ),
);
