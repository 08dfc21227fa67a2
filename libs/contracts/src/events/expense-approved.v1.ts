import { IsOptional } from 'class-validator';
import { IsCurrencyCode, IsInstant, IsMoneyAmount, IsNonEmptyString, IsOneOf, IsPositiveDecimal, IsUuid } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { FieldWorkVisitReference } from './field-work.js';

export const EXPENSE_CATEGORIES = ['travel', 'tools', 'subcontractor', 'other'] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

/** Exchange rates carry up to 8 decimals: order currency units per unit of the expense currency. */
export const EXCHANGE_RATE_MAX_DECIMALS = 8;

/**
 * Internal: a service manager approved an engineer's expense. An expense in
 * another currency than the order's carries the rate the engineer paid at and
 * the amount in the order's currency. A correction names what it replaces in `corrects`.
 */
export class ExpenseApprovedV1 extends FieldWorkVisitReference {
  static readonly type = 'psa.expense.approved.v1';
  static readonly topic = Topics.fieldWork;

  @IsUuid()
  expenseId: string;

  @IsOneOf(EXPENSE_CATEGORIES)
  category: ExpenseCategory;

  /** In `currency`, with exactly its minor units. */
  @IsMoneyAmount('currency')
  amount: string;

  @IsCurrencyCode()
  currency: string;

  /** Order currency units per unit of `currency`; null when the currencies are the same or the order's is unknown. */
  @IsOptional()
  @IsPositiveDecimal(EXCHANGE_RATE_MAX_DECIMALS)
  exchangeRate?: string | null;

  /** amount × exchangeRate rounded half-up to the order currency's minor units (amount itself when the currencies agree). */
  @IsOptional()
  @IsMoneyAmount('orderCurrency')
  amountInOrderCurrency?: string | null;

  /** Null when the order's currency is not known to field-execution (work without an order). */
  @IsOptional()
  @IsCurrencyCode()
  orderCurrency?: string | null;

  /** The receipt's number or the document store reference. */
  @IsOptional()
  @IsNonEmptyString()
  receiptReference?: string | null;

  @IsNonEmptyString()
  approvedBy: string;

  @IsInstant()
  approvedAt: string;

  @IsOptional()
  @IsUuid()
  corrects?: string | null;
}
