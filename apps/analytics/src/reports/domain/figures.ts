import { Decimal } from 'decimal.js';

/*
 * The formulas behind the reports' derived figures, in one place (and in the
 * README). SQL adds the facts up; these functions turn sums into the figures
 * managers read, so every report rounds and divides the same way.
 */

/** a ÷ b × 100, one decimal, half up; empty when b is 0 (a rate of nothing is not 0%). */
export function percentOf(numerator: string | number, denominator: string | number): string {
  const d = new Decimal(denominator);
  if (d.isZero()) return '';
  return new Decimal(numerator).div(d).mul(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1);
}

/** Utilization: billable hours ÷ available hours (calendar minus leave and holidays). */
export const utilizationPercent = (billableHours: string, availableHours: string): string => percentOf(billableHours, availableHours);

/** Forward utilization: hours booked on visits ÷ available hours. */
export const scheduledUtilizationPercent = (scheduledHours: string, availableHours: string): string => percentOf(scheduledHours, availableHours);

/** First-time-fix rate: tasks done with a single visit that completed the work ÷ tasks done. */
export const firstTimeFixPercent = (fixedFirstTime: number, tasksDone: number): string => percentOf(fixedFirstTime, tasksDone);

/** Money and hours as reported: two decimals, half up. */
export function fixed2(value: Decimal.Value | null | undefined): string {
  return new Decimal(value ?? 0).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** A decimal sum, two decimals. */
export function sumOf(...values: (string | number)[]): string {
  return fixed2(values.reduce<Decimal>((total, v) => total.plus(v || 0), new Decimal(0)).toString());
}

/** Margin: revenue (invoiced + to invoice) − total cost (labour + expenses + parts + other). */
export function margin(revenue: string, totalCost: string): string {
  return fixed2(new Decimal(revenue).minus(totalCost));
}

/** Margin %: margin ÷ revenue × 100; empty without revenue. */
export const marginPercent = (revenue: string, totalCost: string): string => percentOf(new Decimal(revenue).minus(totalCost).toString(), revenue);

/** Mean of a sum over a count, one decimal; empty for no observations. */
export function mean(sum: string | number, count: number): string {
  if (count === 0) return '';
  return new Decimal(sum).div(count).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1);
}

/** Aging buckets of unbilled revenue, in whole days since the aging clock started. */
export const AGING_BUCKETS = [
  { column: 'd0_30', from: 0, to: 30 },
  { column: 'd31_60', from: 31, to: 60 },
  { column: 'd61_90', from: 61, to: 90 },
  { column: 'd90_plus', from: 91, to: Number.POSITIVE_INFINITY },
] as const;

export type AgingColumn = (typeof AGING_BUCKETS)[number]['column'];

/** The bucket of an age in days (negative ages, work dated after the as-of day, count as 0). */
export function agingBucket(ageDays: number): AgingColumn {
  const age = Math.max(0, ageDays);
  return AGING_BUCKETS.find((b) => age >= b.from && age <= b.to)!.column;
}

/** Due within the next week counts as "due"; overdue is past the due day. */
export const DUE_SOON_DAYS = 7;

/** Task statuses in which nobody is booked yet: a task due soon in one of them is at risk. */
export const UNBOOKED_STATUSES = ['promised', 'ready', 'on_hold'] as const;

/** AMC renewal windows, cumulative: ends within 30, 60, 90 days of the as-of day. */
export const RENEWAL_WINDOWS = [30, 60, 90] as const;
