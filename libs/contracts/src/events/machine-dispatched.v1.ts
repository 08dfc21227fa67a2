import { IsOptional } from 'class-validator';
import {
  IsCalendarDate,
  IsInstant,
  IsNonEmptyString,
  IsPositiveQuantity,
  IsStringList,
  NestedList,
} from '../contract-validators.js';
import { Topics } from '../topics.js';

export class DispatchedLine {
  /** The order line dispatched (usually a machine line). */
  @IsNonEmptyString()
  lineId: string;

  @IsNonEmptyString()
  sku: string;

  /** Units in this dispatch only; an order may ship in several parts. */
  @IsPositiveQuantity()
  quantity: number;

  /**
   * The machines shipped, in order: service unit i of a service line whose
   * `forLineId` is this line belongs to the i-th serial number dispatched for it.
   */
  @IsOptional()
  @IsStringList({ unique: true })
  serialNumbers?: string[] | null;
}

/** Machines left the plant. `dispatchId` makes each (partial) dispatch idempotent. */
export class MachineDispatchedV1 {
  static readonly type = 'erp.machine.dispatched.v1';
  static readonly topic = Topics.dispatches;

  @IsNonEmptyString()
  dispatchId: string;

  @IsNonEmptyString()
  orderId: string;

  @IsInstant()
  dispatchedAt: string;

  /** Absent: the service template's lead time after `dispatchedAt`. */
  @IsOptional()
  @IsCalendarDate()
  expectedDeliveryDate?: string | null;

  /** Absent: the order's site. */
  @IsOptional()
  @IsNonEmptyString()
  siteId?: string | null;

  @NestedList(() => DispatchedLine, { minItems: 1 })
  lines: DispatchedLine[];
}
