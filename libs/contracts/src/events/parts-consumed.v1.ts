import { IsOptional } from 'class-validator';
import { IsCurrencyCode, IsInstant, IsNonEmptyString, IsUnitPrice, IsUuid } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { IsNonZeroQuantity } from './field-work.js';

/**
 * Internal: spare parts the ERP issued for service work, as field-execution
 * recorded them against a visit, task or project (one event per item of an
 * `erp.parts.issued.v1`, once per issueId). A return has a negative quantity and
 * reverses an earlier consumption.
 */
export class PartsConsumedV1 {
  static readonly type = 'psa.parts.consumed.v1';
  static readonly topic = Topics.fieldWork;

  @IsUuid()
  consumptionId: string;

  /** The ERP's issue (or return) the item came with. */
  @IsNonEmptyString()
  issueId: string;

  /** Null when the parts were issued for a task or project rather than a visit. */
  @IsOptional()
  @IsUuid()
  visitId?: string | null;

  @IsOptional()
  @IsUuid()
  taskId?: string | null;

  @IsOptional()
  @IsUuid()
  projectId?: string | null;

  @IsOptional()
  @IsNonEmptyString()
  customerId?: string | null;

  @IsOptional()
  @IsNonEmptyString()
  orderId?: string | null;

  @IsNonEmptyString()
  sku: string;

  @IsOptional()
  @IsNonEmptyString()
  description?: string | null;

  /** Negative for a return. */
  @IsNonZeroQuantity()
  quantity: number;

  /** The ERP's unit cost in `currency`; up to 4 decimals. */
  @IsUnitPrice()
  unitCost: string;

  /** The company's cost currency, as the ERP issued the parts. */
  @IsCurrencyCode()
  currency: string;

  /** When the ERP issued (or took back) the parts. */
  @IsInstant()
  consumedAt: string;
}
