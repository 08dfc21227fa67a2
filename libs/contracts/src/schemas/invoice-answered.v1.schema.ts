import { INVOICE_ANSWERS, InvoiceAnsweredV1 } from '../events/invoice-answered.v1.js';
import {
  amountInSomeCurrency,
  amountsFollowCurrencyMinorUnits,
  boolean,
  currencyCode,
  frozenSchema,
  instant,
  nonEmptyString,
  nullable,
  object,
  oneOf,
  uuid,
} from './schema-parts.js';

export const invoiceAnsweredV1Schema = frozenSchema(
  object(
    {
      invoiceRequestId: nonEmptyString,
      answer: { ...oneOf(INVOICE_ANSWERS), description: "The request's state after the answer billing accepted: posted, rejected, or cancelled (credited after a posting)." },
      answeredAt: { ...instant, description: "ERP accounting's own time of the answer: postedAt, rejectedAt or cancelledAt." },
      customerId: nonEmptyString,
      projectId: nullable(uuid),
      orderId: nullable(nonEmptyString),
      currency: currencyCode,
      invoiceNumber: nullable(nonEmptyString),
      postedTotal: { ...nullable(amountInSomeCurrency), description: "The total posted, with the currency's minor units (posted; cancelled: the credited total)." },
      totalMismatch: boolean,
      reason: nullable(nonEmptyString),
    },
    ['invoiceRequestId', 'answer', 'answeredAt', 'customerId', 'currency', 'totalMismatch'],
    {
      title: InvoiceAnsweredV1.type,
      description:
        "Internal: billing applied ERP accounting's answer to its invoice request. Emitted once per answer billing accepted; answers it dead-letters (unknown request, contradicting the request's state, a total without the currency's minor units) and repeats are never announced.",
      allOf: amountsFollowCurrencyMinorUnits((pattern) => ({
        properties: { postedTotal: { type: ['string', 'null'], pattern } },
      })),
    },
  ),
);
