import { SalesOrderCreatedV1 } from '../events/sales-order-created.v1.js';
import { frozenSchema, object } from './schema-parts.js';
import { salesOrderSnapshotProperties, salesOrderSnapshotRequired } from './sales-order-snapshot.schema.js';

export const salesOrderCreatedV1Schema = frozenSchema(
  object(salesOrderSnapshotProperties, salesOrderSnapshotRequired, {
    title: SalesOrderCreatedV1.type,
    description:
      'The ERP booked an order. A repeat for a known order with identical data is a no-op; with different data it is dead-lettered ORDER_EXISTS.',
  }),
);
