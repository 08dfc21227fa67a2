import { SalesOrderCancelledV1 } from '../events/sales-order-cancelled.v1.js';
import { frozenSchema, instant, nonEmptyString, nullable, object, stringList } from './schema-parts.js';

export const salesOrderCancelledV1Schema = frozenSchema(
  object(
    {
      orderId: nonEmptyString,
      cancelledAt: instant,
      reason: nullable(nonEmptyString),
      lineIds: nullable({
        ...stringList({ minItems: 1, unique: true }),
        description: 'The cancelled lines; absent means the whole order.',
      }),
    },
    ['orderId', 'cancelledAt'],
    { title: SalesOrderCancelledV1.type, description: 'The ERP cancelled an order or some of its lines.' },
  ),
);
