import { Decimal } from 'decimal.js';
import { minorUnitsOf } from '#contracts';

/**
 * Billing's decimal arithmetic: a private Decimal flavour (nobody's global
 * Decimal.set() changes it) and rounding to a currency's minor units by the
 * contract's rounding rule. Amounts are strings on the way in and out.
 */
export const Money = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
export type Money = Decimal;

/** How a contract rounds hours × rate and percentages to the currency's minor units. */
export const ROUNDING_RULES = ['half_up', 'half_even', 'up', 'down'] as const;
export type RoundingRule = (typeof ROUNDING_RULES)[number];

const DECIMAL_ROUNDING: Record<RoundingRule, Decimal.Rounding> = {
  half_up: Decimal.ROUND_HALF_UP,
  half_even: Decimal.ROUND_HALF_EVEN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
};

export function money(value: string | number | Decimal): Decimal {
  return new Money(value);
}

/** `value` rounded to the currency's minor units and written with exactly that many decimals. */
export function roundAmount(value: string | Decimal, currency: string, rule: RoundingRule = 'half_up'): string {
  const units = minorUnitsOf(currency);
  return money(value).toDecimalPlaces(units, DECIMAL_ROUNDING[rule]).toFixed(units);
}

/** quantity × unit price, rounded by the rule: the amount of a time or parts line. */
export function extend(quantity: string, unitPrice: string, currency: string, rule: RoundingRule = 'half_up'): string {
  return roundAmount(money(quantity).times(unitPrice), currency, rule);
}

/** `percent` % of `amount`, rounded by the rule: a milestone's share of a fixed fee. */
export function percentOf(amount: string, percent: string, currency: string, rule: RoundingRule = 'half_up'): string {
  return roundAmount(money(amount).times(percent).dividedBy(100), currency, rule);
}

/** Zero in the currency's minor units ("0", "0.00", "0.000"). */
export function zero(currency: string): string {
  return roundAmount('0', currency);
}

export function sum(amounts: readonly string[], currency: string): string {
  return roundAmount(amounts.reduce((total, a) => total.plus(a), money(0)), currency);
}

/**
 * Splits `total` into `parts` instalments in minor units; the last one takes
 * the remainder so the instalments add up to the total exactly.
 */
export function splitEvenly(total: string, parts: number, currency: string): string[] {
  const units = minorUnitsOf(currency);
  const each = money(total).dividedBy(parts).toDecimalPlaces(units, Decimal.ROUND_DOWN);
  const last = money(total).minus(each.times(parts - 1));
  return [...Array.from({ length: parts - 1 }, () => each.toFixed(units)), last.toFixed(units)];
}

/** The smaller of two decimal strings. */
export function minAmount(a: string, b: string): string {
  return money(a).lessThanOrEqualTo(b) ? a : b;
}

export function isPositive(value: string): boolean {
  return money(value).greaterThan(0);
}
