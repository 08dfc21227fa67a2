import { IsOptional } from 'class-validator';
import {
  IsCurrencyCode,
  IsInstant,
  IsNonEmptyString,
  IsOneOf,
  IsPositiveQuantity,
  IsUnitPrice,
  NestedList,
  NestedObject,
} from '../contract-validators.js';
import { Topics } from '../topics.js';

export const PARTS_REFERENCE_KINDS = ['visit', 'task', 'project'] as const;
export type PartsReferenceKind = (typeof PARTS_REFERENCE_KINDS)[number];

/** What the parts were issued for; the ERP learns these ids from ServiceLoop. */
export class PartsIssueReference {
  @IsOneOf(PARTS_REFERENCE_KINDS)
  kind: PartsReferenceKind;

  @IsNonEmptyString()
  id: string;
}

export class IssuedPart {
  @IsNonEmptyString()
  sku: string;

  @IsOptional()
  @IsNonEmptyString()
  description?: string | null;

  @IsPositiveQuantity()
  quantity: number;

  /** In the issue's currency; up to 4 decimals. */
  @IsUnitPrice()
  unitCost: string;
}

/** The ERP's stores issued spare parts for service work. `issueId` makes it idempotent. */
export class PartsIssuedV1 {
  static readonly type = 'erp.parts.issued.v1';
  static readonly topic = Topics.inventory;

  @IsNonEmptyString()
  issueId: string;

  /** Optional when the reference alone identifies the work. */
  @IsOptional()
  @IsNonEmptyString()
  orderId?: string | null;

  @NestedObject(() => PartsIssueReference)
  reference: PartsIssueReference;

  @IsInstant()
  issuedAt: string;

  /** The company's cost currency, which may differ from the order's. */
  @IsCurrencyCode()
  currency: string;

  @NestedList(() => IssuedPart, { minItems: 1 })
  items: IssuedPart[];
}
