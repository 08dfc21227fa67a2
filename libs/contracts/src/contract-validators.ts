import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ValidateNested, registerDecorator, type ValidationArguments } from 'class-validator';
import { isCalendarDate, isIanaTimeZone, isRfc3339Instant } from './dates.js';
import {
  MINOR_UNIT_COUNTS,
  UNIT_PRICE_MAX_DECIMALS,
  decimalPlacesOf,
  isAmountIn,
  isAmountInSomeCurrency,
  isCurrencyCode,
  isDecimalString,
  isUnitPrice,
  lineAmount,
  minorUnitsOf,
  sameAmount,
  sumAmounts,
} from './money.js';

/**
 * class-validator decorators for the contract's rules. Messages never repeat the
 * property name: `describeValidationErrors` prefixes the full path
 * (`lines.0.unitPrice: must be a decimal string ...`), which is what an ERP
 * operator reading a dead letter needs.
 */

type Check = (value: unknown, args: ValidationArguments) => boolean;
type Message = (args: ValidationArguments) => string;

function contractRule(name: string, validate: Check, message: string | Message): PropertyDecorator {
  return (target, propertyKey) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyKey),
      validator: {
        validate,
        defaultMessage: typeof message === 'string' ? () => message : message,
      },
    });
  };
}

/** A short rendering of an offending value for a reason text (never a whole object). */
function quoted(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/** Names the mistake ERP developers make most: money sent as a JSON number. */
function decimalStringMessage(value: unknown, expectation: string): string {
  if (typeof value === 'number') return `must be a decimal string (${expectation}), not a JSON number`;
  if (typeof value === 'string' && isDecimalString(value)) return `${quoted(value)} must have ${expectation}`;
  return `must be a decimal string (${expectation}), got ${quoted(value)}`;
}

function siblingCurrency(args: ValidationArguments, currencyProperty: string): string | undefined {
  const currency = (args.object as Record<string, unknown>)[currencyProperty];
  return isCurrencyCode(currency) ? currency : undefined;
}

function minorUnitsPhrase(currency: string): string {
  const units = minorUnitsOf(currency);
  return units === 0 ? `no decimal places for ${currency}` : `exactly ${units} decimal places for ${currency}`;
}

/** What an amount may carry when its currency is not beside it: "0, 2, 3 or 4 decimal places". */
const ANY_CURRENCY_PLACES = `${MINOR_UNIT_COUNTS.join(', ').replace(/, (\d+)$/, ' or $1')} decimal places, as its currency has`;

function isObjectRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Characters as JSON Schema's `maxLength` counts them: code points, not UTF-16 units. */
function characterCount(value: string): number {
  return [...value].length;
}

/** A string with at least one non-whitespace character; with `maxLength`, at most that many characters. */
export function IsNonEmptyString(options: { maxLength?: number } = {}): PropertyDecorator {
  const { maxLength } = options;
  const problem = (value: unknown): string | undefined => {
    if (typeof value !== 'string' || value.trim().length === 0) return 'must be a non-empty string';
    if (maxLength !== undefined && characterCount(value) > maxLength) {
      return `must be at most ${maxLength} characters, got ${characterCount(value)}`;
    }
    return undefined;
  };
  return contractRule('isNonEmptyString', (value) => problem(value) === undefined, ({ value }) => problem(value) ?? '');
}

/** A JSON boolean, not the string "true" or a number. */
export function IsBooleanValue(): PropertyDecorator {
  return contractRule(
    'isBooleanValue',
    (value) => typeof value === 'boolean',
    ({ value }) => `must be true or false, got ${quoted(value)}`,
  );
}

/** One of a fixed set of strings (an enumeration of the contract). */
export function IsOneOf(allowed: readonly string[]): PropertyDecorator {
  return contractRule(
    'isOneOf',
    (value) => typeof value === 'string' && allowed.includes(value),
    ({ value }) => `must be one of ${allowed.join(', ')}, got ${quoted(value)}`,
  );
}

export function IsCurrencyCode(): PropertyDecorator {
  return contractRule(
    'isCurrencyCode',
    isCurrencyCode,
    ({ value }) => `must be an ISO 4217 currency code (3 uppercase letters), got ${quoted(value)}`,
  );
}

/** ISO 3166-1 alpha-2, as ERPs write a site's country (`IN`). */
export function IsCountryCode(): PropertyDecorator {
  return contractRule(
    'isCountryCode',
    (value) => typeof value === 'string' && /^[A-Z]{2}$/.test(value),
    ({ value }) => `must be an ISO 3166-1 alpha-2 country code (2 uppercase letters), got ${quoted(value)}`,
  );
}

export function IsCalendarDate(): PropertyDecorator {
  return contractRule(
    'isCalendarDate',
    isCalendarDate,
    ({ value }) => `must be a calendar date YYYY-MM-DD, got ${quoted(value)}`,
  );
}

/** A calendar date not before the one in `earlierProperty` (a period's `to` after its `from`). */
export function IsDateNotBefore(earlierProperty: string): PropertyDecorator {
  const earlier = (args: ValidationArguments) => (args.object as Record<string, unknown>)[earlierProperty];
  return contractRule(
    'isDateNotBefore',
    // YYYY-MM-DD strings order like the dates they name; a malformed date is reported by its own rule.
    (value, args) => !isCalendarDate(value) || !isCalendarDate(earlier(args)) || value >= (earlier(args) as string),
    (args) => `${quoted(args.value)} must not be before ${earlierProperty} ${quoted(earlier(args))}`,
  );
}

export function IsInstant(): PropertyDecorator {
  return contractRule(
    'isInstant',
    isRfc3339Instant,
    ({ value }) => `must be an RFC 3339 timestamp with offset, e.g. 2026-11-21T10:00:00Z, got ${quoted(value)}`,
  );
}

export function IsIanaTimeZone(): PropertyDecorator {
  return contractRule(
    'isIanaTimeZone',
    isIanaTimeZone,
    ({ value }) => `must be an IANA time zone such as Asia/Kolkata, got ${quoted(value)}`,
  );
}

/**
 * A quantity: a positive JSON number. Whether it must be whole (service units)
 * depends on the service catalogue, which the contract does not know, so that
 * check belongs to service-commitments.
 */
export function IsPositiveQuantity(): PropertyDecorator {
  return contractRule(
    'isPositiveQuantity',
    (value) => typeof value === 'number' && Number.isFinite(value) && value > 0,
    ({ value }) => `must be a positive number, got ${quoted(value)}`,
  );
}

export function IsIntegerAtLeast(min: number): PropertyDecorator {
  return contractRule(
    'isIntegerAtLeast',
    (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= min,
    ({ value }) => `must be an integer ≥ ${min}, got ${quoted(value)}`,
  );
}

function isUuid(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export function IsUuid(): PropertyDecorator {
  return contractRule('isUuid', isUuid, ({ value }) => `must be a UUID, got ${quoted(value)}`);
}

/** An array of UUIDs (ids of other ServiceLoop records), optionally each only once. */
export function IsUuidList(options: { unique?: boolean } = {}): PropertyDecorator {
  const problem = (value: unknown): string | undefined => {
    if (!Array.isArray(value)) return `must be an array of UUIDs, got ${quoted(value)}`;
    const bad = value.findIndex((item) => !isUuid(item));
    if (bad !== -1) return `item ${bad} must be a UUID, got ${quoted(value[bad])}`;
    if (options.unique) {
      const repeated = value.find((item, index) => value.indexOf(item) !== index);
      if (repeated !== undefined) return `must not repeat ${quoted(repeated)}`;
    }
    return undefined;
  };
  return contractRule('isUuidList', (value) => problem(value) === undefined, ({ value }) => problem(value) ?? '');
}

/**
 * A positive decimal string with at most `maxDecimals` places, e.g. hours of
 * work `"16"` or `"2.5"`. Like money, never a JSON number.
 */
export function IsPositiveDecimal(maxDecimals: number): PropertyDecorator {
  const expectation = `greater than 0, at most ${maxDecimals} decimal places`;
  const problem = (value: unknown): string | undefined => {
    if (typeof value === 'number') return `must be a decimal string (${expectation}), not a JSON number`;
    if (!isDecimalString(value)) return `must be a decimal string (${expectation}), got ${quoted(value)}`;
    if (decimalPlacesOf(value) > maxDecimals) return `${quoted(value)} must have at most ${maxDecimals} decimal places`;
    // A decimal string without a non-zero digit is zero.
    if (!/[1-9]/.test(value)) return `${quoted(value)} must be greater than 0`;
    return undefined;
  };
  return contractRule('isPositiveDecimal', (value) => problem(value) === undefined, ({ value }) => problem(value) ?? '');
}

/** A unit price or unit cost: a decimal string with up to 4 decimals, whatever the currency. */
export function IsUnitPrice(): PropertyDecorator {
  return contractRule('isUnitPrice', isUnitPrice, ({ value }) =>
    decimalStringMessage(value, `at most ${UNIT_PRICE_MAX_DECIMALS} decimal places`),
  );
}

/**
 * An amount (line amount, total). With `currencyProperty` it must carry exactly
 * the minor units of the currency held by that sibling property. Without it (an
 * amount whose currency is not in the same event, like a posted invoice total),
 * it must fit some currency: 0, 2, 3 or 4 decimal places.
 */
export function IsMoneyAmount(currencyProperty?: string): PropertyDecorator {
  return contractRule(
    'isMoneyAmount',
    (value, args) => {
      if (currencyProperty === undefined) return isAmountInSomeCurrency(value);
      const currency = siblingCurrency(args, currencyProperty);
      // A bad currency is reported on the currency itself; here only the shape is left to check.
      return currency === undefined ? isAmountInSomeCurrency(value) : isAmountIn(value, currency);
    },
    (args) => {
      const currency = currencyProperty === undefined ? undefined : siblingCurrency(args, currencyProperty);
      return decimalStringMessage(
        args.value,
        currency === undefined ? ANY_CURRENCY_PLACES : minorUnitsPhrase(currency),
      );
    },
  );
}

interface PricedLine {
  quantity: number;
  unitPrice: string;
  amount: string;
}

function isPricedLine(line: unknown): line is PricedLine {
  return (
    isObjectRecord(line) &&
    typeof line.quantity === 'number' &&
    Number.isFinite(line.quantity) &&
    line.quantity > 0 &&
    isUnitPrice(line.unitPrice) &&
    isDecimalString(line.amount)
  );
}

/** First broken line-amount rule of `lines`, or undefined; lines with other faults are left to their own rules. */
function lineAmountProblem(lines: unknown, currency: string | undefined): string | undefined {
  if (!Array.isArray(lines) || currency === undefined) return undefined;
  for (const [index, line] of lines.entries()) {
    if (!isPricedLine(line)) continue;
    if (!isAmountIn(line.amount, currency)) {
      return `${index}.amount ${quoted(line.amount)} must have ${minorUnitsPhrase(currency)}`;
    }
    const expected = lineAmount(line.quantity, line.unitPrice, currency);
    if (!sameAmount(line.amount, expected)) {
      return `${index}.amount ${quoted(line.amount)} must be quantity × unitPrice rounded half-up, ${quoted(expected)}`;
    }
  }
  return undefined;
}

/**
 * On a list of priced lines whose currency lives on the parent: each line's
 * `amount` has the currency's minor units and equals quantity × unit price
 * rounded half-up. A line cannot see its parent's currency, so the list checks
 * its lines; the message names the line (`lines: 0.amount ...`).
 */
export function HasContractLineAmounts(currencyProperty: string): PropertyDecorator {
  return contractRule(
    'hasContractLineAmounts',
    (value, args) => lineAmountProblem(value, siblingCurrency(args, currencyProperty)) === undefined,
    (args) => lineAmountProblem(args.value, siblingCurrency(args, currencyProperty)) ?? 'line amounts are inconsistent',
  );
}

function linesTotal(lines: unknown, currency: string | undefined): string | undefined {
  if (!Array.isArray(lines) || currency === undefined) return undefined;
  const amounts = lines.map((line) => (isObjectRecord(line) ? line.amount : undefined));
  return amounts.every((amount) => isDecimalString(amount)) ? sumAmounts(amounts as string[], currency) : undefined;
}

/** A total that is the sum of its lines' amounts (checked once every line amount is readable). */
export function IsSumOfLineAmounts(linesProperty: string, currencyProperty: string): PropertyDecorator {
  const expectedTotal = (args: ValidationArguments) =>
    linesTotal((args.object as Record<string, unknown>)[linesProperty], siblingCurrency(args, currencyProperty));
  return contractRule(
    'isSumOfLineAmounts',
    (value, args) => {
      const expected = expectedTotal(args);
      return expected === undefined || !isDecimalString(value) || sameAmount(value, expected);
    },
    (args) => `${quoted(args.value)} must be the sum of the ${linesProperty}' amounts, ${quoted(expectedTotal(args))}`,
  );
}

export interface StringListOptions {
  minItems?: number;
  unique?: boolean;
}

/** An array of non-empty strings (ids, serial numbers). */
export function IsStringList(options: StringListOptions = {}): PropertyDecorator {
  const minItems = options.minItems ?? 0;
  const problem = (value: unknown): string | undefined => {
    if (!Array.isArray(value)) return `must be an array of strings, got ${quoted(value)}`;
    if (value.length < minItems) return `must have at least ${minItems} item${minItems === 1 ? '' : 's'}`;
    const bad = value.findIndex((item) => typeof item !== 'string' || item.trim().length === 0);
    if (bad !== -1) return `item ${bad} must be a non-empty string, got ${quoted(value[bad])}`;
    if (options.unique) {
      const repeated = value.find((item, index) => value.indexOf(item) !== index);
      if (repeated !== undefined) return `must not repeat ${quoted(repeated)}`;
    }
    return undefined;
  };
  return contractRule('isStringList', (value) => problem(value) === undefined, ({ value }) => problem(value) ?? '');
}

/**
 * An array with one item for each item of the array in `otherProperty`, in the same
 * order (ids beside the keys they belong to): not without it, not of another length.
 * What the items must be is the property's own rule.
 */
export function IsParallelTo(otherProperty: string): PropertyDecorator {
  const other = (args: ValidationArguments) => (args.object as Record<string, unknown>)[otherProperty];
  const problem = (value: unknown, args: ValidationArguments): string | undefined => {
    if (!Array.isArray(value)) return undefined; // reported by the property's own rule
    const keys = other(args);
    if (!Array.isArray(keys)) return `must come with ${otherProperty}, one item per ${otherProperty} item`;
    if (value.length !== keys.length) return `must have one item per ${otherProperty} item (${keys.length}), got ${value.length}`;
    return undefined;
  };
  return contractRule('isParallelTo', (value, args) => problem(value, args) === undefined, (args) => problem(args.value, args) ?? '');
}

/** Items of an array of objects must differ in `key` (e.g. order line ids). */
export function UniqueBy(key: string): PropertyDecorator {
  const repeated = (value: unknown): unknown => {
    if (!Array.isArray(value)) return undefined;
    const seen = new Set<unknown>();
    for (const item of value) {
      if (!isObjectRecord(item) || item[key] === undefined) continue;
      if (seen.has(item[key])) return item[key];
      seen.add(item[key]);
    }
    return undefined;
  };
  return contractRule(
    'uniqueBy',
    (value) => repeated(value) === undefined,
    ({ value }) => `must not repeat ${key} ${quoted(repeated(value))}`,
  );
}

type ContractClass = new () => object;

/** The class of each nested property, by the class that declares it: what `Type` tells class-transformer. */
const nestedTypes = new Map<Function, Map<string, () => ContractClass>>();

function rememberNestedType(target: object, propertyKey: string | symbol, type: () => ContractClass): void {
  const declaring = target.constructor;
  const byProperty = nestedTypes.get(declaring) ?? new Map<string, () => ContractClass>();
  byProperty.set(String(propertyKey), type);
  nestedTypes.set(declaring, byProperty);
}

/** The class a `NestedObject` or `NestedList` property of `declaring` holds, or undefined. */
export function nestedTypeOf(declaring: Function, propertyName: string): ContractClass | undefined {
  return nestedTypes.get(declaring)?.get(propertyName)?.();
}

/** A nested object validated by its own class (class-transformer builds the instance). */
export function NestedObject(type: () => new () => object): PropertyDecorator {
  return (target, propertyKey) => {
    rememberNestedType(target, propertyKey, type);
    Type(type)(target, propertyKey);
    contractRule('isObject', isObjectRecord, ({ value }) => `must be an object, got ${quoted(value)}`)(
      target,
      propertyKey,
    );
    ValidateNested()(target, propertyKey);
  };
}

/** An array of objects, each validated by its own class. */
export function NestedList(type: () => new () => object, options: { minItems?: number } = {}): PropertyDecorator {
  const minItems = options.minItems ?? 0;
  const problem = (value: unknown): string | undefined => {
    if (!Array.isArray(value)) return `must be an array, got ${quoted(value)}`;
    if (value.length < minItems) return `must have at least ${minItems} item${minItems === 1 ? '' : 's'}`;
    const bad = value.findIndex((item) => !isObjectRecord(item));
    return bad === -1 ? undefined : `item ${bad} must be an object, got ${quoted(value[bad])}`;
  };
  return (target, propertyKey) => {
    rememberNestedType(target, propertyKey, type);
    Type(type)(target, propertyKey);
    contractRule('isObjectList', (value) => problem(value) === undefined, ({ value }) => problem(value) ?? '')(
      target,
      propertyKey,
    );
    ValidateNested({ each: true })(target, propertyKey);
  };
}
