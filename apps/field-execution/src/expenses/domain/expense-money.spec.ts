import { FieldWorkError } from '../../errors/field-work.error.js';
import { moneyOf, normaliseAmount, priceExpense } from './expense-money.js';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof FieldWorkError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('expense money', () => {
  it("writes amounts with exactly the currency's minor units and refuses more, zero or non-decimals", () => {
    expect(normaliseAmount('1850', 'INR')).toBe('1850.00');
    expect(normaliseAmount('1850.5', 'INR')).toBe('1850.50');
    expect(normaliseAmount('2500', 'JPY')).toBe('2500');
    expect(normaliseAmount('1.234', 'KWD')).toBe('1.234');
    for (const bad of ['1850.123', '0', '0.00', '-5', '1e3', ' 12', '012', '']) expect([bad, codeOf(() => normaliseAmount(bad, 'INR'))]).toEqual([bad, 'INVALID_AMOUNT']);
    expect(codeOf(() => normaliseAmount('12.5', 'JPY'))).toBe('INVALID_AMOUNT');
    expect(codeOf(() => normaliseAmount('12', 'inr'))).toBe('INVALID_AMOUNT');
  });

  it("needs no rate in the order's currency (1 is tolerated, others refused)", () => {
    expect(priceExpense({ amount: '1850', currency: 'INR', orderCurrency: 'INR' })).toEqual({
      amount: '1850.00',
      currency: 'INR',
      exchangeRate: null,
      orderCurrency: 'INR',
      amountInOrderCurrency: '1850.00',
    });
    expect(priceExpense({ amount: '1850', currency: 'INR', exchangeRate: '1.000', orderCurrency: 'INR' }).exchangeRate).toBeNull();
    expect(codeOf(() => priceExpense({ amount: '1850', currency: 'INR', exchangeRate: '1.1', orderCurrency: 'INR' }))).toBe('EXCHANGE_RATE_NOT_APPLICABLE');
  });

  it("requires the rate in another currency and converts half-up to the order currency's minor units", () => {
    expect(codeOf(() => priceExpense({ amount: '20.00', currency: 'EUR', orderCurrency: 'INR' }))).toBe('EXCHANGE_RATE_REQUIRED');
    expect(priceExpense({ amount: '20.00', currency: 'EUR', exchangeRate: '90.505', orderCurrency: 'INR' })).toEqual({
      amount: '20.00',
      currency: 'EUR',
      exchangeRate: '90.505',
      orderCurrency: 'INR',
      amountInOrderCurrency: '1810.10',
    });
    // 33.33 × 0.015 = 0.49995 → 0.50: decimal arithmetic, not binary floating point.
    expect(priceExpense({ amount: '33.33', currency: 'INR', exchangeRate: '0.015', orderCurrency: 'USD' }).amountInOrderCurrency).toBe('0.50');
    expect(priceExpense({ amount: '12.50', currency: 'USD', exchangeRate: '157.3', orderCurrency: 'JPY' }).amountInOrderCurrency).toBe('1966');
    expect(priceExpense({ amount: '1.005', currency: 'KWD', exchangeRate: '270.1', orderCurrency: 'INR' }).amountInOrderCurrency).toBe('271.45');
    for (const rate of ['0', '-1', '1e2', '90.123456789']) expect([rate, codeOf(() => priceExpense({ amount: '1', currency: 'EUR', exchangeRate: rate, orderCurrency: 'INR' }))]).toEqual([rate, 'INVALID_AMOUNT']);
  });

  it('keeps the amount alone when the order currency is unknown', () => {
    expect(priceExpense({ amount: '20', currency: 'EUR', exchangeRate: '90.5', orderCurrency: null })).toEqual({
      amount: '20.00',
      currency: 'EUR',
      exchangeRate: '90.5',
      orderCurrency: null,
      amountInOrderCurrency: null,
    });
  });

  it('reads stored numerics back as money', () => {
    expect(moneyOf('1850.0000', 'INR')).toBe('1850.00');
    expect(moneyOf('2500.0000', 'JPY')).toBe('2500');
  });
});
