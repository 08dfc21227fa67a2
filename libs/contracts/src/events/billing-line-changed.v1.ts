import { IsOptional } from 'class-validator';
import {
  IsBooleanValue,
  IsCalendarDate,
  IsCurrencyCode,
  IsInstant,
  IsMoneyAmount,
  IsNonEmptyString,
  IsOneOf,
  IsPositiveDecimal,
  IsUnitPrice,
  IsUuid,
} from '../contract-validators.js';
import { Topics } from '../topics.js';
import { BILLING_SOURCE_KINDS, type BillingSourceKind } from './invoice-requested.v1.js';

/**
 * A ledger line's state. Billable lines go unbilled → ready → requested →
 * invoiced, or back to review (rejected, credited, or cancelled work); finance
 * may put a line on hold or write it off. Covered work is non_billable (its cost
 * is kept); a line replaced by a correction is reversed.
 */
export const BILLING_LINE_STATES = [
  'unbilled',
  'ready',
  'requested',
  'invoiced',
  'review',
  'on_hold',
  'written_off',
  'non_billable',
  'reversed',
] as const;
export type BillingLineState = (typeof BILLING_LINE_STATES)[number];

/** What made a line non-billable: nothing, the machine's warranty, or an AMC. */
export const BILLING_COVERAGES = ['none', 'warranty', 'amc'] as const;
export type BillingCoverage = (typeof BILLING_COVERAGES)[number];

/** Quantities (hours, units) carry up to 4 decimals. */
export const BILLING_QUANTITY_MAX_DECIMALS = 4;

/**
 * Internal: billing's ledger line as it now stands, after it was made or its
 * state changed. Analytics builds unbilled revenue and profitability from it;
 * service-commitments shows each commitment's billing state. Keyed by projectId,
 * or customerId for work without a project.
 */
export class BillingLineChangedV1 {
  static readonly type = 'psa.billing-line.changed.v1';
  static readonly topic = Topics.billing;

  @IsUuid()
  lineId: string;

  @IsOneOf(BILLING_LINE_STATES)
  state: BillingLineState;

  /** The state before this change; null for a new line. */
  @IsOptional()
  @IsOneOf(BILLING_LINE_STATES)
  previousState?: BillingLineState | null;

  @IsNonEmptyString()
  customerId: string;

  @IsOptional()
  @IsUuid()
  projectId?: string | null;

  @IsOptional()
  @IsNonEmptyString()
  orderId?: string | null;

  @IsOptional()
  @IsNonEmptyString()
  orderLineId?: string | null;

  @IsOptional()
  @IsUuid()
  commitmentId?: string | null;

  @IsOptional()
  @IsUuid()
  taskId?: string | null;

  @IsOptional()
  @IsUuid()
  visitId?: string | null;

  /** The engineer whose time it is (time lines). */
  @IsOptional()
  @IsUuid()
  engineerId?: string | null;

  @IsOptional()
  @IsNonEmptyString()
  serialNumber?: string | null;

  @IsOneOf(BILLING_SOURCE_KINDS)
  sourceKind: BillingSourceKind;

  /** The record behind the line: task, time entry, expense, parts consumption or contract instalment. */
  @IsNonEmptyString()
  sourceRef: string;

  @IsNonEmptyString()
  description: string;

  /** The day the work was done or the fee falls due (site time); the period it belongs to. */
  @IsCalendarDate()
  workDate: string;

  /** Hours for time, units otherwise. */
  @IsPositiveDecimal(BILLING_QUANTITY_MAX_DECIMALS)
  quantity: string;

  @IsUnitPrice()
  unitPrice: string;

  /** What the customer is billed, after caps and finance's adjustments; 0 when covered. */
  @IsMoneyAmount('currency')
  amount: string;

  /** What the work cost us (hours × the engineer's cost rate, expenses, parts at cost). */
  @IsMoneyAmount('currency')
  cost: string;

  @IsCurrencyCode()
  currency: string;

  @IsBooleanValue()
  billable: boolean;

  @IsOneOf(BILLING_COVERAGES)
  coverage: BillingCoverage;

  /** Why the line is (not) billable or why it changed, for people. */
  @IsNonEmptyString()
  reason: string;

  /** The live (or last) invoice request the line is on. */
  @IsOptional()
  @IsNonEmptyString()
  invoiceRequestId?: string | null;

  @IsInstant()
  changedAt: string;
}
