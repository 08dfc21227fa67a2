import { SalesOrderChangedV1 } from '../events/sales-order-changed.v1.js';
import { frozenSchema, integerAtLeast, nonEmptyString, nullable, object } from './schema-parts.js';
import { salesOrderSnapshotProperties, salesOrderSnapshotRequired } from './sales-order-snapshot.schema.js';

export const salesOrderChangedV1Schema = frozenSchema(
  object(
    {
      ...salesOrderSnapshotProperties,
      revision: { ...integerAtLeast(1), description: 'Increases with every change; older revisions are ignored.' },
      amendedFrom: nullable({
        ...nonEmptyString,
        description: 'The previous order id, where the ERP amends by creating a new order number.',
      }),
    },
    [...salesOrderSnapshotRequired, 'revision'],
    { title: SalesOrderChangedV1.type, description: 'The whole order as it now stands after an amendment.' },
  ),
);
