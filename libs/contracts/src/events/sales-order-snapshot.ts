import { IsOptional } from 'class-validator';
import {
  IsCalendarDate,
  IsCountryCode,
  IsCurrencyCode,
  IsIanaTimeZone,
  IsIntegerAtLeast,
  IsNonEmptyString,
  IsPositiveQuantity,
  IsStringList,
  IsUnitPrice,
  NestedList,
  NestedObject,
  UniqueBy,
} from '../contract-validators.js';

/** The ordering customer as the ERP knows it. */
export class SalesOrderCustomer {
  @IsNonEmptyString()
  id: string;

  @IsNonEmptyString()
  name: string;

  @IsOptional()
  @IsNonEmptyString()
  email?: string | null;
}

/** Where the machines go and the service is delivered. Only `id` is required: the rest fills ServiceLoop's copy. */
export class SalesOrderSite {
  @IsNonEmptyString()
  id: string;

  @IsOptional()
  @IsNonEmptyString()
  name?: string | null;

  @IsOptional()
  @IsNonEmptyString()
  address?: string | null;

  @IsOptional()
  @IsNonEmptyString()
  city?: string | null;

  /** Region code as the ERP writes it (e.g. `MH`); scheduling matches engineers' home regions on it. */
  @IsOptional()
  @IsNonEmptyString()
  region?: string | null;

  @IsOptional()
  @IsCountryCode()
  country?: string | null;

  /** Visits at the site are planned in this zone. */
  @IsOptional()
  @IsIanaTimeZone()
  timezone?: string | null;
}

/**
 * One order line. A line whose SKU ServiceLoop's service catalogue knows is a
 * service line (each unit becomes a commitment); any other line is a product line.
 */
export class SalesOrderLine {
  @IsNonEmptyString()
  lineId: string;

  @IsNonEmptyString()
  sku: string;

  @IsOptional()
  @IsNonEmptyString()
  description?: string | null;

  @IsPositiveQuantity()
  quantity: number;

  /** Net of tax and discount, in the order's currency; up to 4 decimals. */
  @IsUnitPrice()
  unitPrice: string;

  /** On a service line: the machine line it is for. */
  @IsOptional()
  @IsNonEmptyString()
  forLineId?: string | null;

  /** On a service line: machines already installed that it covers (e.g. an AMC sold later). */
  @IsOptional()
  @IsStringList({ unique: true })
  serialNumbers?: string[] | null;

  /** On a machine line: warranty length from installation. */
  @IsOptional()
  @IsIntegerAtLeast(0)
  warrantyMonths?: number | null;
}

/**
 * The whole order as it stands, shared by `created` and `changed` (a change
 * re-sends the full order, not a delta).
 */
export abstract class SalesOrderSnapshot {
  /** Unique per CloudEvent `source` (one ERP). */
  @IsNonEmptyString()
  orderId: string;

  @IsCalendarDate()
  orderDate: string;

  /** Currency of every price on the order. */
  @IsCurrencyCode()
  currency: string;

  @IsOptional()
  @IsNonEmptyString()
  customerPoNumber?: string | null;

  @NestedObject(() => SalesOrderCustomer)
  customer: SalesOrderCustomer;

  /** Absent: the customer's default site. */
  @IsOptional()
  @NestedObject(() => SalesOrderSite)
  site?: SalesOrderSite | null;

  @NestedList(() => SalesOrderLine, { minItems: 1 })
  @UniqueBy('lineId')
  lines: SalesOrderLine[];
}
