import { BILLING_SOURCE_KINDS, InvoiceRequestedV1 } from '../events/invoice-requested.v1.js';
import {
  amountInSomeCurrency,
  amountsFollowCurrencyMinorUnits,
  calendarDate,
  currencyCode,
  frozenSchema,
  instant,
  list,
  nonEmptyString,
  nullable,
  object,
  oneOf,
  quantity,
  stringList,
  unitPrice,
} from './schema-parts.js';

/** Where an invoice request carries amounts: its total and each line's amount. */
function invoiceRequestAmounts(pattern: string) {
  const amount = { type: 'string', pattern };
  return {
    type: 'object',
    properties: { total: amount, lines: { type: 'array', items: { type: 'object', properties: { amount } } } },
  };
}

export const invoiceRequestedV1Schema = frozenSchema(
  object(
    {
      invoiceRequestId: { ...nonEmptyString, description: 'Stable across re-emissions; the idempotency key.' },
      supersedes: nullable({ ...nonEmptyString, description: 'The rejected request this one replaces.' }),
      orderId: nullable({ ...nonEmptyString, description: 'Null for work not under an order.' }),
      customerId: nonEmptyString,
      customerPoNumber: nullable(nonEmptyString),
      projectId: nullable(nonEmptyString),
      currency: { ...currencyCode, description: 'The currency of every price and amount in the request.' },
      period: nullable(
        object({ from: calendarDate, to: calendarDate }, ['from', 'to'], {
          description: 'The service period billed; `to` is not before `from`.',
        }),
      ),
      lines: list(
        object(
          {
            orderLineId: nullable({
              ...nonEmptyString,
              description: 'The order line billed; null for work not on the order (e.g. billable repairs).',
            }),
            description: nonEmptyString,
            sku: nullable(nonEmptyString),
            quantity,
            unitPrice,
            amount: {
              ...amountInSomeCurrency,
              description:
                "quantity × unitPrice rounded half-up to the currency's ISO 4217 minor units, as a decimal string.",
            },
            source: object({ kind: oneOf(BILLING_SOURCE_KINDS), refs: stringList({ minItems: 1 }) }, ['kind', 'refs'], {
              description: 'The ServiceLoop records behind the line.',
            }),
          },
          ['description', 'quantity', 'unitPrice', 'amount', 'source'],
        ),
        { minItems: 1 },
      ),
      total: {
        ...amountInSomeCurrency,
        description: "The sum of the lines' amounts, with exactly the currency's ISO 4217 minor units.",
      },
      requestedAt: instant,
    },
    ['invoiceRequestId', 'customerId', 'currency', 'lines', 'total', 'requestedAt'],
    {
      title: InvoiceRequestedV1.type,
      description:
        'ServiceLoop asks the ERP to invoice service work. Amounts carry exactly the minor units of `currency` (INR 2, JPY 0, KWD 3).',
      allOf: amountsFollowCurrencyMinorUnits(invoiceRequestAmounts),
    },
  ),
);
