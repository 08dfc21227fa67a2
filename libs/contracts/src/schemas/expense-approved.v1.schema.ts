import { EXCHANGE_RATE_MAX_DECIMALS, EXPENSE_CATEGORIES, ExpenseApprovedV1 } from '../events/expense-approved.v1.js';
import { DEFAULT_MINOR_UNITS, MINOR_UNIT_COUNTS, currenciesWithMinorUnits, decimalPattern } from '../money.js';
import { FIELD_WORK_VISIT_REQUIRED, fieldWorkVisitProperties } from './field-work.schema.js';
import {
  amountInSomeCurrency,
  currencyCode,
  frozenSchema,
  instant,
  nonEmptyString,
  nullable,
  object,
  oneOf,
  positiveDecimal,
  uuid,
  type JsonSchema,
} from './schema-parts.js';

/**
 * `amountProperty` carries exactly the minor units of the currency in
 * `currencyProperty` (as draft-07 if/then branches, like the invoice request's
 * amounts follow its `currency`). A null amount passes.
 */
function amountFollowsCurrency(amountProperty: string, currencyProperty: string): JsonSchema[] {
  const amount = (pattern: string): JsonSchema => ({
    type: 'object',
    properties: { [amountProperty]: { type: ['string', 'null'], pattern } },
  });
  const exceptions = MINOR_UNIT_COUNTS.filter((units) => currenciesWithMinorUnits(units).length > 0);
  const listed = exceptions.flatMap((units) => currenciesWithMinorUnits(units));
  return [
    ...exceptions.map((units) => ({
      if: { type: 'object', required: [currencyProperty], properties: { [currencyProperty]: { enum: currenciesWithMinorUnits(units) } } },
      then: amount(decimalPattern([units])),
    })),
    {
      if: {
        type: 'object',
        required: [currencyProperty],
        properties: { [currencyProperty]: { type: 'string', not: { enum: listed } } },
      },
      then: amount(decimalPattern([DEFAULT_MINOR_UNITS])),
    },
  ];
}

export const expenseApprovedV1Schema = frozenSchema(
  object(
    {
      ...fieldWorkVisitProperties,
      expenseId: uuid,
      category: oneOf(EXPENSE_CATEGORIES),
      amount: { ...amountInSomeCurrency, description: "In `currency`, with exactly its ISO 4217 minor units; a decimal string." },
      currency: currencyCode,
      exchangeRate: nullable({
        ...positiveDecimal(EXCHANGE_RATE_MAX_DECIMALS),
        description: 'Order currency units per unit of `currency`; null when the currencies agree or the order currency is unknown.',
      }),
      amountInOrderCurrency: nullable({
        ...amountInSomeCurrency,
        description: "amount × exchangeRate rounded half-up to `orderCurrency`'s minor units (amount itself when the currencies agree).",
      }),
      orderCurrency: nullable({ ...currencyCode, description: "The order's currency; null when field-execution does not know it." }),
      receiptReference: nullable(nonEmptyString),
      approvedBy: { ...nonEmptyString, description: "The approver's user id." },
      approvedAt: instant,
      corrects: nullable({ ...uuid, description: 'The earlier expense this one replaces; billing reverses that one.' }),
    },
    [...FIELD_WORK_VISIT_REQUIRED, 'expenseId', 'category', 'amount', 'currency', 'approvedBy', 'approvedAt'],
    {
      title: ExpenseApprovedV1.type,
      description: "Internal: a service manager approved an engineer's expense (travel, tools, subcontractor, other).",
      allOf: [...amountFollowsCurrency('amount', 'currency'), ...amountFollowsCurrency('amountInOrderCurrency', 'orderCurrency')],
    },
  ),
);
