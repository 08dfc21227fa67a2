import { Decimal } from 'decimal.js';

/**
 * Money on the wire is a decimal string, never a JSON number (a double cannot hold
 * 0.1 or a 17-digit rupee total exactly). Contract v1 money is never negative:
 * credits travel as invoice cancellations, not as negative amounts.
 */

/** Every ISO 4217 currency not listed here has 2 minor units. */
const MINOR_UNITS_OTHER_THAN_TWO: Readonly<Record<string, number>> = Object.freeze({
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0,
  RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
});

/** Minor units of every currency not listed above (INR, EUR, USD, ...). */
export const DEFAULT_MINOR_UNITS = 2;

/** Decimal places allowed on unit prices and unit costs, whatever the currency. */
export const UNIT_PRICE_MAX_DECIMALS = 4;

/** ISO 4217 alphabetic code shape. Any code passes; unlisted ones get 2 minor units. */
export const CURRENCY_CODE_PATTERN = '^[A-Z]{3}$';
const CURRENCY_CODE = new RegExp(CURRENCY_CODE_PATTERN);

/** Non-negative, no sign, no exponent, no leading zeros, no bare `.`: `0`, `12`, `4500000.00`. */
const DECIMAL = /^(0|[1-9]\d*)(\.(\d+))?$/;

export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && CURRENCY_CODE.test(value);
}

/** ISO 4217 minor units: INR, EUR, USD 2; JPY, KRW 0; KWD, OMR 3. */
export function minorUnitsOf(currency: string): number {
  return Object.hasOwn(MINOR_UNITS_OTHER_THAN_TWO, currency)
    ? MINOR_UNITS_OTHER_THAN_TWO[currency]
    : DEFAULT_MINOR_UNITS;
}

/** The distinct minor-unit counts of all currencies (0, 2, 3, 4): what an amount may carry when its currency is unknown. */
export const MINOR_UNIT_COUNTS: readonly number[] = Object.freeze(
  [...new Set([DEFAULT_MINOR_UNITS, ...Object.values(MINOR_UNITS_OTHER_THAN_TWO)])].sort((a, b) => a - b),
);

/** Currencies grouped by their minor units, for the JSON Schemas' per-currency amount rules. */
export function currenciesWithMinorUnits(minorUnits: number): string[] {
  return Object.keys(MINOR_UNITS_OTHER_THAN_TWO)
    .filter((code) => MINOR_UNITS_OTHER_THAN_TWO[code] === minorUnits)
    .sort();
}

export interface DecimalStringRule {
  /** At most this many decimal places. */
  maxDecimals?: number;
  /** Exactly this many decimal places (0: no decimal point at all). */
  exactDecimals?: number;
}

/** Number of digits after the decimal point of a decimal string. */
export function decimalPlacesOf(value: string): number {
  const point = value.indexOf('.');
  return point === -1 ? 0 : value.length - point - 1;
}

/** A non-negative decimal string such as `"60000.00"`, optionally with a scale rule. */
export function isDecimalString(value: unknown, rule: DecimalStringRule = {}): value is string {
  if (typeof value !== 'string' || !DECIMAL.test(value)) return false;
  const places = decimalPlacesOf(value);
  if (rule.exactDecimals !== undefined && places !== rule.exactDecimals) return false;
  if (rule.maxDecimals !== undefined && places > rule.maxDecimals) return false;
  return true;
}

/** An amount (line amount, total) in `currency`: exactly its minor units. */
export function isAmountIn(value: unknown, currency: string): value is string {
  return isDecimalString(value, { exactDecimals: minorUnitsOf(currency) });
}

/** An amount in a currency not stated next to it: it must fit some currency's minor units. */
export function isAmountInSomeCurrency(value: unknown): value is string {
  return isDecimalString(value) && MINOR_UNIT_COUNTS.includes(decimalPlacesOf(value));
}

/** A unit price or unit cost: up to 4 decimal places in any currency. */
export function isUnitPrice(value: unknown): value is string {
  return isDecimalString(value, { maxDecimals: UNIT_PRICE_MAX_DECIMALS });
}

/**
 * JSON Schema `pattern` for a decimal string with the given decimal places
 * (a list: any of them; 0 means no fractional part).
 */
export function decimalPattern(places: readonly number[] | { upTo: number }): string {
  const whole = '(0|[1-9][0-9]*)';
  if ('upTo' in places) return places.upTo === 0 ? `^${whole}$` : `^${whole}(\\.[0-9]{1,${places.upTo}})?$`;
  const fractions = places.filter((n) => n > 0).map((n) => `\\.[0-9]{${n}}`);
  if (fractions.length === 0) return `^${whole}$`;
  const optional = places.includes(0) ? '?' : '';
  return `^${whole}(${fractions.join('|')})${optional}$`;
}

// Our own Decimal flavour so another library's global Decimal.set() cannot change rounding here.
const ContractDecimal = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

function toDecimal(value: number | string, what: string): Decimal {
  if (typeof value === 'number' ? !Number.isFinite(value) : !isDecimalString(value)) {
    throw new RangeError(`${what} must be a finite number or decimal string, got ${JSON.stringify(value)}`);
  }
  return new ContractDecimal(value);
}

function assertCurrency(currency: string): void {
  if (!isCurrencyCode(currency)) throw new RangeError(`not an ISO 4217 currency code: ${JSON.stringify(currency)}`);
}

/**
 * The contract's line amount: quantity × unit price, rounded half-up to the
 * currency's minor units. `lineAmount(3, '0.3333', 'INR')` is `"1.00"`.
 */
export function lineAmount(quantity: number | string, unitPrice: string, currency: string): string {
  assertCurrency(currency);
  const minorUnits = minorUnitsOf(currency);
  return toDecimal(quantity, 'quantity')
    .times(toDecimal(unitPrice, 'unitPrice'))
    .toDecimalPlaces(minorUnits, Decimal.ROUND_HALF_UP)
    .toFixed(minorUnits);
}

/** The contract's total: the exact sum of line amounts, written with the currency's minor units. */
export function sumAmounts(amounts: readonly string[], currency: string): string {
  assertCurrency(currency);
  const minorUnits = minorUnitsOf(currency);
  const total = amounts.reduce(
    (sum, amount, index) => sum.plus(toDecimal(amount, `amounts[${index}]`)),
    new ContractDecimal(0),
  );
  return total.toDecimalPlaces(minorUnits, Decimal.ROUND_HALF_UP).toFixed(minorUnits);
}

/** Numeric equality of two decimal strings (`"1.5"` equals `"1.50"`). */
export function sameAmount(a: string, b: string): boolean {
  return toDecimal(a, 'a').equals(toDecimal(b, 'b'));
}
