import { BILLING_SOURCE_KINDS } from '../events/invoice-requested.v1.js';
import {
  BILLING_COVERAGES,
  BILLING_LINE_STATES,
  BILLING_QUANTITY_MAX_DECIMALS,
  BillingLineChangedV1,
} from '../events/billing-line-changed.v1.js';
import {
  amountsFollowCurrencyMinorUnits,
  amountInSomeCurrency,
  boolean,
  calendarDate,
  currencyCode,
  frozenSchema,
  instant,
  nonEmptyString,
  nullable,
  object,
  oneOf,
  positiveDecimal,
  unitPrice,
  uuid,
} from './schema-parts.js';

export const billingLineChangedV1Schema = frozenSchema(
  object(
    {
      lineId: uuid,
      state: oneOf(BILLING_LINE_STATES),
      previousState: nullable(oneOf(BILLING_LINE_STATES)),
      customerId: nonEmptyString,
      projectId: nullable(uuid),
      orderId: nullable(nonEmptyString),
      orderLineId: nullable(nonEmptyString),
      commitmentId: nullable(uuid),
      taskId: nullable(uuid),
      visitId: nullable(uuid),
      engineerId: nullable(uuid),
      serialNumber: nullable(nonEmptyString),
      sourceKind: oneOf(BILLING_SOURCE_KINDS),
      sourceRef: { ...nonEmptyString, description: 'The task, time entry, expense, parts consumption or contract instalment behind the line.' },
      description: nonEmptyString,
      workDate: calendarDate,
      quantity: { ...positiveDecimal(BILLING_QUANTITY_MAX_DECIMALS), description: 'Hours for time, units otherwise.' },
      unitPrice,
      amount: { ...amountInSomeCurrency, description: "Billed to the customer, with the currency's minor units; 0 when covered." },
      cost: { ...amountInSomeCurrency, description: "What the work cost, with the currency's minor units." },
      currency: currencyCode,
      billable: boolean,
      coverage: oneOf(BILLING_COVERAGES),
      reason: nonEmptyString,
      invoiceRequestId: nullable(nonEmptyString),
      changedAt: instant,
    },
    [
      'lineId', 'state', 'customerId', 'sourceKind', 'sourceRef', 'description', 'workDate', 'quantity', 'unitPrice',
      'amount', 'cost', 'currency', 'billable', 'coverage', 'reason', 'changedAt',
    ],
    {
      title: BillingLineChangedV1.type,
      description: "Internal: billing's ledger line as it now stands after it was made or changed state.",
      allOf: amountsFollowCurrencyMinorUnits((pattern) => ({
        properties: { amount: { type: 'string', pattern }, cost: { type: 'string', pattern } },
      })),
    },
  ),
);
