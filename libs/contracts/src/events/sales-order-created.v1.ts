import { Topics } from '../topics.js';
import { SalesOrderSnapshot } from './sales-order-snapshot.js';

/** The ERP booked an order. A repeat for a known order is a no-op if identical, else ORDER_EXISTS. */
export class SalesOrderCreatedV1 extends SalesOrderSnapshot {
  static readonly type = 'erp.sales-order.created.v1';
  static readonly topic = Topics.salesOrders;
}
