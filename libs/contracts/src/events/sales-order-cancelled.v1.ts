import { IsOptional } from 'class-validator';
import { IsInstant, IsNonEmptyString, IsStringList } from '../contract-validators.js';
import { Topics } from '../topics.js';

/** The ERP cancelled an order, or only some of its lines. */
export class SalesOrderCancelledV1 {
  static readonly type = 'erp.sales-order.cancelled.v1';
  static readonly topic = Topics.salesOrders;

  @IsNonEmptyString()
  orderId: string;

  @IsInstant()
  cancelledAt: string;

  @IsOptional()
  @IsNonEmptyString()
  reason?: string | null;

  /** The cancelled lines; absent means the whole order. Empty is refused: it would be ambiguous. */
  @IsOptional()
  @IsStringList({ minItems: 1, unique: true })
  lineIds?: string[] | null;
}
