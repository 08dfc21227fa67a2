import { deepFreeze } from '../deep-freeze.js';
import { INSTANT_PATTERN } from '../dates.js';
import {
  CURRENCY_CODE_PATTERN,
  DEFAULT_MINOR_UNITS,
  MINOR_UNIT_COUNTS,
  UNIT_PRICE_MAX_DECIMALS,
  currenciesWithMinorUnits,
  decimalPattern,
} from '../money.js';

/**
 * Building blocks of the per-event JSON Schemas. The schemas are JSON Schema
 * draft-07, which is also the AsyncAPI 3 default schema format, so the very same
 * objects are embedded in asyncapi.yaml. They mirror the contract classes; where
 * a rule spans fields in a way JSON Schema cannot express (line amount =
 * quantity × unit price), the class enforces it and the description says so.
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

export const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

/** `\S`: at least one non-whitespace character, like the classes' trimmed non-empty check. */
export const nonEmptyString: JsonSchema = { type: 'string', minLength: 1, pattern: '\\S' };

/** A non-empty string of at most `maxLength` characters (JSON Schema counts code points, as the classes do). */
export function nonEmptyStringUpTo(maxLength: number): JsonSchema {
  return { ...nonEmptyString, maxLength };
}

export const boolean: JsonSchema = { type: 'boolean' };

export const calendarDate: JsonSchema = {
  type: 'string',
  format: 'date',
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
  description: 'Calendar date YYYY-MM-DD.',
};

export const instant: JsonSchema = {
  type: 'string',
  format: 'date-time',
  pattern: INSTANT_PATTERN,
  description: 'RFC 3339 timestamp with offset (Z or ±hh:mm), seconds 00-59.',
};

export const uuid: JsonSchema = {
  type: 'string',
  format: 'uuid',
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
};

export const currencyCode: JsonSchema = {
  type: 'string',
  pattern: CURRENCY_CODE_PATTERN,
  description: 'ISO 4217 currency code.',
};

export const countryCode: JsonSchema = {
  type: 'string',
  pattern: '^[A-Z]{2}$',
  description: 'ISO 3166-1 alpha-2 country code.',
};

export const timeZone: JsonSchema = {
  type: 'string',
  minLength: 1,
  description: 'IANA time zone name, e.g. Asia/Kolkata (checked against the runtime time zone database).',
};

export const quantity: JsonSchema = {
  type: 'number',
  exclusiveMinimum: 0,
  description: 'A positive number. Service units are whole, which the service catalogue (not this schema) checks.',
};

export const unitPrice: JsonSchema = {
  type: 'string',
  pattern: decimalPattern({ upTo: UNIT_PRICE_MAX_DECIMALS }),
  description: `Decimal string (never a JSON number), net of tax and discount, at most ${UNIT_PRICE_MAX_DECIMALS} decimal places.`,
};

export const amountInSomeCurrency: JsonSchema = {
  type: 'string',
  pattern: decimalPattern(MINOR_UNIT_COUNTS),
  description: "Decimal string (never a JSON number) with exactly its currency's ISO 4217 minor units.",
};

/** A positive decimal string with at most `maxDecimals` places and no leading zeros: `"16"`, `"2.5"`, `"0.25"`. */
export function positiveDecimal(maxDecimals: number): JsonSchema {
  const fraction = maxDecimals === 0 ? '' : `(\\.[0-9]{1,${maxDecimals}})?`;
  // Below one, some fraction digit is not zero (0, 0.0, 0.00 are not positive): k zeros, then 1-9.
  // Spelled out rather than with a lookahead, which not every validator's regex dialect has.
  const belowOne = Array.from({ length: maxDecimals }, (_, zeros) => {
    const rest = maxDecimals - 1 - zeros;
    return `${'0'.repeat(zeros)}[1-9]${rest > 0 ? `[0-9]{0,${rest}}` : ''}`;
  });
  return {
    type: 'string',
    pattern: `^([1-9][0-9]*${fraction}${belowOne.length > 0 ? `|0\\.(${belowOne.join('|')})` : ''})$`,
    description: `Decimal string (never a JSON number), greater than 0, at most ${maxDecimals} decimal places.`,
  };
}

export function integerAtLeast(minimum: number): JsonSchema {
  return { type: 'integer', minimum };
}

export function oneOf(values: readonly string[]): JsonSchema {
  return { type: 'string', enum: [...values] };
}

export function stringList(options: { minItems?: number; unique?: boolean } = {}): JsonSchema {
  return {
    type: 'array',
    items: nonEmptyString,
    ...(options.minItems ? { minItems: options.minItems } : {}),
    ...(options.unique ? { uniqueItems: true } : {}),
  };
}

/** An array of UUIDs (ids of other ServiceLoop records). */
export function uuidList(options: { unique?: boolean } = {}): JsonSchema {
  return { type: 'array', items: uuid, ...(options.unique ? { uniqueItems: true } : {}) };
}

export function list(items: JsonSchema, options: { minItems?: number; description?: string } = {}): JsonSchema {
  return {
    type: 'array',
    items,
    ...(options.minItems ? { minItems: options.minItems } : {}),
    ...(options.description ? { description: options.description } : {}),
  };
}

/** An object that accepts unknown properties: new optional fields must not break old consumers. */
export function object(
  properties: Record<string, JsonSchema>,
  required: readonly string[],
  extra: { title?: string; description?: string; allOf?: JsonSchema[] } = {},
): JsonSchema {
  return {
    ...(extra.title ? { title: extra.title } : {}),
    ...(extra.description ? { description: extra.description } : {}),
    type: 'object',
    properties,
    ...(required.length > 0 ? { required: [...required] } : {}),
    additionalProperties: true,
    ...(extra.allOf ? { allOf: extra.allOf } : {}),
  };
}

/** An optional field: absent or null both mean "not given", as in the classes (@IsOptional). */
export function nullable(schema: JsonSchema): JsonSchema {
  const { type, enum: values, ...rest } = schema as { type?: string; enum?: unknown[] } & JsonSchema;
  return {
    ...(type === undefined ? {} : { type: [type, 'null'] }),
    ...(values === undefined ? {} : { enum: [...values, null] }),
    ...rest,
  };
}

/**
 * Per-currency amount rules, as draft-07 if/then branches on the sibling
 * `currency`: for each group of currencies with the same minor units,
 * `amountsWith(pattern)` says where the amounts live and gets the exact pattern.
 */
export function amountsFollowCurrencyMinorUnits(amountsWith: (pattern: string) => JsonSchema): JsonSchema[] {
  const exceptions = MINOR_UNIT_COUNTS.filter((units) => currenciesWithMinorUnits(units).length > 0);
  const listed = exceptions.flatMap((units) => currenciesWithMinorUnits(units));
  const branches = exceptions.map((units) => ({
    if: { type: 'object', required: ['currency'], properties: { currency: { enum: currenciesWithMinorUnits(units) } } },
    then: amountsWith(decimalPattern([units])),
  }));
  return [
    ...branches,
    {
      if: { type: 'object', required: ['currency'], properties: { currency: { not: { enum: listed } } } },
      then: amountsWith(decimalPattern([DEFAULT_MINOR_UNITS])),
    },
  ];
}

/** A published schema, deep-frozen: consumers share the object (ajv never mutates it). */
export function frozenSchema<T extends JsonSchema>(schema: T): T {
  return deepFreeze(schema);
}
