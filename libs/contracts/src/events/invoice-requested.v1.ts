import { IsOptional } from 'class-validator';
import {
  HasContractLineAmounts,
  IsCalendarDate,
  IsCurrencyCode,
  IsDateNotBefore,
  IsInstant,
  IsMoneyAmount,
  IsNonEmptyString,
  IsOneOf,
  IsPositiveQuantity,
  IsStringList,
  IsSumOfLineAmounts,
  IsUnitPrice,
  NestedList,
  NestedObject,
} from '../contract-validators.js';
import { Topics } from '../topics.js';

export const BILLING_SOURCE_KINDS = ['milestone', 'time', 'expense', 'parts', 'contract'] as const;
export type BillingSourceKind = (typeof BILLING_SOURCE_KINDS)[number];

/** Why a line is billed: the ServiceLoop records (tasks, time entries, expenses, ...) behind it. */
export class BillingSource {
  @IsOneOf(BILLING_SOURCE_KINDS)
  kind: BillingSourceKind;

  @IsStringList({ minItems: 1 })
  refs: string[];
}

export class InvoiceRequestPeriod {
  @IsCalendarDate()
  from: string;

  @IsCalendarDate()
  @IsDateNotBefore('from')
  to: string;
}

export class InvoiceRequestLine {
  /** The order line billed, so the ERP can track billing per order line; null for work not on the order (e.g. billable repairs). */
  @IsOptional()
  @IsNonEmptyString()
  orderLineId?: string | null;

  @IsNonEmptyString()
  description: string;

  @IsOptional()
  @IsNonEmptyString()
  sku?: string | null;

  @IsPositiveQuantity()
  quantity: number;

  @IsUnitPrice()
  unitPrice: string;

  /**
   * quantity × unitPrice rounded half-up to the request currency's minor units.
   * The line cannot see that currency: `InvoiceRequestedV1.lines` checks it.
   */
  @IsMoneyAmount()
  amount: string;

  @NestedObject(() => BillingSource)
  source: BillingSource;
}

/**
 * ServiceLoop asks the ERP to invoice service work. Re-emissions carry the same
 * CloudEvent id and `invoiceRequestId`; a re-submission after a rejection gets a
 * new `invoiceRequestId` and names the old one in `supersedes`.
 */
export class InvoiceRequestedV1 {
  static readonly type = 'psa.invoice.requested.v1';
  static readonly topic = Topics.invoices;

  /** Stable across re-emissions; the ERP's idempotency key. */
  @IsNonEmptyString()
  invoiceRequestId: string;

  /** The rejected request this one replaces. */
  @IsOptional()
  @IsNonEmptyString()
  supersedes?: string | null;

  /** Null for work not under an order (e.g. a breakdown repair billed on its own). */
  @IsOptional()
  @IsNonEmptyString()
  orderId?: string | null;

  @IsNonEmptyString()
  customerId: string;

  @IsOptional()
  @IsNonEmptyString()
  customerPoNumber?: string | null;

  @IsOptional()
  @IsNonEmptyString()
  projectId?: string | null;

  /** The order's currency: every price and amount below is in it. */
  @IsCurrencyCode()
  currency: string;

  /** The service period billed, where the lines cover one (time, contract fees). */
  @IsOptional()
  @NestedObject(() => InvoiceRequestPeriod)
  period?: InvoiceRequestPeriod | null;

  @NestedList(() => InvoiceRequestLine, { minItems: 1 })
  @HasContractLineAmounts('currency')
  lines: InvoiceRequestLine[];

  /** The sum of the lines' amounts, with the currency's minor units. */
  @IsMoneyAmount('currency')
  @IsSumOfLineAmounts('lines', 'currency')
  total: string;

  @IsInstant()
  requestedAt: string;
}
