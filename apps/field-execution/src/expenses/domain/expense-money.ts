import { Decimal } from 'decimal.js';
import { isCurrencyCode, minorUnitsOf } from '#contracts';
import { EXCHANGE_RATE_MAX_DECIMALS } from '#contracts';
import { FieldWorkError, FieldWorkErrorCode } from '../../errors/field-work.error.js';

export { EXPENSE_CATEGORIES, type ExpenseCategory } from '#contracts';

// Our own flavour, so nobody's global Decimal.set() changes rounding here.
const Money = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

/** Non-negative, no sign, no exponent, no leading zeros. */
const DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;

function decimalPlaces(value: string): number {
  const point = value.indexOf('.');
  return point === -1 ? 0 : value.length - point - 1;
}

export interface ExpenseAmountInput {
  amount: string;
  currency: string;
  exchangeRate?: string | null;
  /** The order's currency, from the task; null when field-execution does not know it. */
  orderCurrency: string | null;
}

export interface PricedExpense {
  /** With exactly the currency's minor units: "1850.00", JPY "2500". */
  amount: string;
  currency: string;
  exchangeRate: string | null;
  orderCurrency: string | null;
  /** amount × rate, rounded half-up to the order currency's minor units; null when the order currency is unknown. */
  amountInOrderCurrency: string | null;
}

/** A positive amount with at most the currency's minor units, written with exactly them. */
export function normaliseAmount(amount: string, currency: string): string {
  if (!isCurrencyCode(currency)) throw new FieldWorkError(FieldWorkErrorCode.INVALID_AMOUNT, `${JSON.stringify(currency)} is not an ISO 4217 currency code`);
  const units = minorUnitsOf(currency);
  if (!DECIMAL.test(amount) || decimalPlaces(amount) > units) {
    throw new FieldWorkError(
      FieldWorkErrorCode.INVALID_AMOUNT,
      `amount ${JSON.stringify(amount)} must be a decimal string with at most ${units} decimal places for ${currency}`,
    );
  }
  const value = new Money(amount);
  if (value.isZero()) throw new FieldWorkError(FieldWorkErrorCode.INVALID_AMOUNT, 'amount must be greater than 0');
  return value.toFixed(units);
}

/** Reads a stored numeric back as money in its currency ("1850.0000" → "1850.00"). */
export function moneyOf(stored: string, currency: string): string {
  return new Money(stored).toDecimalPlaces(minorUnitsOf(currency)).toFixed(minorUnitsOf(currency));
}

/**
 * The expense in the order's currency. The same currency needs no rate (1 is
 * tolerated); another currency needs the rate the engineer paid at, in order
 * currency units per unit of the expense's. Without a known order currency the
 * amount stands alone and a rate, if given, is kept for finance.
 */
export function priceExpense(input: ExpenseAmountInput): PricedExpense {
  const amount = normaliseAmount(input.amount, input.currency);
  const rate = input.exchangeRate ?? null;
  if (rate !== null && (!DECIMAL.test(rate) || decimalPlaces(rate) > EXCHANGE_RATE_MAX_DECIMALS || new Money(rate).isZero())) {
    throw new FieldWorkError(
      FieldWorkErrorCode.INVALID_AMOUNT,
      `exchangeRate ${JSON.stringify(rate)} must be a decimal string greater than 0 with at most ${EXCHANGE_RATE_MAX_DECIMALS} decimal places`,
    );
  }
  const orderCurrency = input.orderCurrency;
  if (orderCurrency === null) {
    return { amount, currency: input.currency, exchangeRate: rate, orderCurrency: null, amountInOrderCurrency: null };
  }
  if (orderCurrency === input.currency) {
    if (rate !== null && !new Money(rate).equals(1)) {
      throw new FieldWorkError(
        FieldWorkErrorCode.EXCHANGE_RATE_NOT_APPLICABLE,
        `The expense is in the order's currency ${orderCurrency}: no exchange rate applies (got ${rate})`,
      );
    }
    return { amount, currency: input.currency, exchangeRate: null, orderCurrency, amountInOrderCurrency: amount };
  }
  if (rate === null) {
    throw new FieldWorkError(
      FieldWorkErrorCode.EXCHANGE_RATE_REQUIRED,
      `The expense is in ${input.currency} but the order is in ${orderCurrency}: give the exchange rate (${orderCurrency} per 1 ${input.currency})`,
      { currency: input.currency, orderCurrency },
    );
  }
  const units = minorUnitsOf(orderCurrency);
  const converted = new Money(amount).times(rate).toDecimalPlaces(units, Decimal.ROUND_HALF_UP).toFixed(units);
  return { amount, currency: input.currency, exchangeRate: new Money(rate).toString(), orderCurrency, amountInOrderCurrency: converted };
}
