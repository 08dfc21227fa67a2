import {
  calendarDate,
  countryCode,
  currencyCode,
  integerAtLeast,
  list,
  nonEmptyString,
  nullable,
  object,
  quantity,
  stringList,
  timeZone,
  unitPrice,
  type JsonSchema,
} from './schema-parts.js';

/** Properties shared by `erp.sales-order.created.v1` and `.changed.v1`: the whole order as it stands. */
export const salesOrderSnapshotProperties: Record<string, JsonSchema> = {
  orderId: { ...nonEmptyString, description: 'Unique per CloudEvent source (one ERP).' },
  orderDate: calendarDate,
  currency: { ...currencyCode, description: 'ISO 4217 currency of every price on the order.' },
  customerPoNumber: nullable(nonEmptyString),
  customer: object(
    { id: nonEmptyString, name: nonEmptyString, email: nullable(nonEmptyString) },
    ['id', 'name'],
  ),
  site: nullable(
    object(
      {
        id: nonEmptyString,
        name: nullable(nonEmptyString),
        address: nullable(nonEmptyString),
        city: nullable(nonEmptyString),
        region: nullable(nonEmptyString),
        country: nullable(countryCode),
        timezone: nullable(timeZone),
      },
      ['id'],
      { description: "Where the machines go and service is delivered. Absent: the customer's default site." },
    ),
  ),
  lines: list(
    object(
      {
        lineId: nonEmptyString,
        sku: { ...nonEmptyString, description: "A SKU in ServiceLoop's service catalogue makes a service line; any other, a product line." },
        description: nullable(nonEmptyString),
        quantity,
        unitPrice: { ...unitPrice, description: `${String(unitPrice.description)} In the order's currency.` },
        forLineId: nullable({ ...nonEmptyString, description: 'On a service line: the machine line it is for.' }),
        serialNumbers: nullable({
          ...stringList({ unique: true }),
          description: 'On a service line: machines already installed that it covers (e.g. an AMC sold later).',
        }),
        warrantyMonths: nullable({ ...integerAtLeast(0), description: 'On a machine line: warranty length.' }),
      },
      ['lineId', 'sku', 'quantity', 'unitPrice'],
    ),
    { minItems: 1, description: 'Order lines; lineId values are unique within the order.' },
  ),
};

export const salesOrderSnapshotRequired = ['orderId', 'orderDate', 'currency', 'customer', 'lines'] as const;
