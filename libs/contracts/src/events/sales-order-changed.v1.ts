import { IsOptional } from 'class-validator';
import { IsIntegerAtLeast, IsNonEmptyString } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { SalesOrderSnapshot } from './sales-order-snapshot.js';

/**
 * The order as it now stands after an amendment. Consumers apply a revision only
 * if it is newer than the last one applied, so late or replayed changes are harmless.
 */
export class SalesOrderChangedV1 extends SalesOrderSnapshot {
  static readonly type = 'erp.sales-order.changed.v1';
  static readonly topic = Topics.salesOrders;

  /** Increases with every change of the order. */
  @IsIntegerAtLeast(1)
  revision: number;

  /** The previous order id, where the ERP amends by creating a new order number. */
  @IsOptional()
  @IsNonEmptyString()
  amendedFrom?: string | null;
}
