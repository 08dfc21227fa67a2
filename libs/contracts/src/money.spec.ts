import {
  MINOR_UNIT_COUNTS,
  decimalPattern,
  isAmountIn,
  isCurrencyCode,
  isDecimalString,
  isUnitPrice,
  lineAmount,
  minorUnitsOf,
  sameAmount,
  sumAmounts,
} from './money.js';

describe('minorUnitsOf', () => {
  it.each([
    ['INR', 2],
    ['EUR', 2],
    ['USD', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['OMR', 3],
    ['BHD', 3],
    ['JOD', 3],
    ['TND', 3],
    ['LYD', 3],
    ['IQD', 3],
    ['CLF', 4],
  ])('%s has %i', (currency, units) => {
    expect(minorUnitsOf(currency)).toBe(units);
  });

  it('treats a currency it does not list as having 2', () => {
    expect(minorUnitsOf('ZWG')).toBe(2);
  });

  it('does not mistake Object.prototype members for currencies', () => {
    expect(minorUnitsOf('constructor')).toBe(2);
  });

  it('knows which decimal counts an amount can have at all', () => {
    expect(MINOR_UNIT_COUNTS).toEqual([0, 2, 3, 4]);
  });
});

describe('isDecimalString', () => {
  it.each(['0', '12', '0.5', '4500000.00', '60000.1234'])('accepts %j', (value) => {
    expect(isDecimalString(value)).toBe(true);
  });

  it.each([12, '', '-1', '+1', '1e3', '.5', '5.', '01', '1,000', ' 1', '1 ', 'NaN', null])('rejects %j', (value) => {
    expect(isDecimalString(value)).toBe(false);
  });

  it('applies scale rules', () => {
    expect(isDecimalString('1.00', { exactDecimals: 2 })).toBe(true);
    expect(isDecimalString('1.0', { exactDecimals: 2 })).toBe(false);
    expect(isDecimalString('1', { exactDecimals: 0 })).toBe(true);
    expect(isDecimalString('1.0', { exactDecimals: 0 })).toBe(false);
    expect(isDecimalString('1.1234', { maxDecimals: 4 })).toBe(true);
    expect(isDecimalString('1.12345', { maxDecimals: 4 })).toBe(false);
  });
});

describe('money rules', () => {
  it('amounts carry exactly the currency minor units', () => {
    expect(isAmountIn('60000.00', 'INR')).toBe(true);
    expect(isAmountIn('60000.000', 'INR')).toBe(false);
    expect(isAmountIn('60000', 'INR')).toBe(false);
    expect(isAmountIn('60000', 'JPY')).toBe(true);
    expect(isAmountIn('60000.00', 'JPY')).toBe(false);
    expect(isAmountIn('1.250', 'KWD')).toBe(true);
    expect(isAmountIn('1.25', 'KWD')).toBe(false);
  });

  it('unit prices carry up to 4 decimals', () => {
    expect(isUnitPrice('0.3333')).toBe(true);
    expect(isUnitPrice('100')).toBe(true);
    expect(isUnitPrice('0.33333')).toBe(false);
  });

  it('currency codes are 3 uppercase letters', () => {
    expect(isCurrencyCode('INR')).toBe(true);
    expect(isCurrencyCode('inr')).toBe(false);
    expect(isCurrencyCode('INRR')).toBe(false);
  });

  it('builds JSON Schema patterns for decimal places', () => {
    const matches = (pattern: string, value: string) => new RegExp(pattern).test(value);
    expect(matches(decimalPattern([2]), '1.00')).toBe(true);
    expect(matches(decimalPattern([2]), '1')).toBe(false);
    expect(matches(decimalPattern([0]), '1')).toBe(true);
    expect(matches(decimalPattern([0]), '1.0')).toBe(false);
    expect(matches(decimalPattern([0, 2, 3, 4]), '1.5')).toBe(false);
    expect(matches(decimalPattern([0, 2, 3, 4]), '1.500')).toBe(true);
    expect(matches(decimalPattern({ upTo: 4 }), '1.5')).toBe(true);
    expect(matches(decimalPattern({ upTo: 4 }), '1.12345')).toBe(false);
  });
});

describe('lineAmount', () => {
  it.each([
    [3, '0.3333', 'INR', '1.00'],
    [1, '2.345', 'INR', '2.35'],
    [1, '2.3449', 'INR', '2.34'],
    [1, '2.335', 'INR', '2.34'],
    [2, '8000.00', 'INR', '16000.00'],
    [1, '4500000.00', 'INR', '4500000.00'],
    [0.1, '3', 'USD', '0.30'],
    [7.5, '1333.3333', 'EUR', '10000.00'],
    [3, '1000.5', 'JPY', '3002'],
    [1, '0.5', 'JPY', '1'],
    [1, '1.2345', 'KWD', '1.235'],
    ['2', '0.1', 'INR', '0.20'],
  ])('%s × %s %s = %s (half-up to the currency minor units)', (quantity, unitPrice, currency, expected) => {
    expect(lineAmount(quantity, unitPrice, currency)).toBe(expected);
  });

  it('keeps precision on large amounts a double would lose', () => {
    expect(lineAmount(3, '33333333333333.3333', 'INR')).toBe('100000000000000.00');
  });

  it('refuses inputs that are not money', () => {
    expect(() => lineAmount(1, '1,00', 'INR')).toThrow(RangeError);
    expect(() => lineAmount(Number.NaN, '1.00', 'INR')).toThrow(RangeError);
    expect(() => lineAmount(1, '1.00', 'rupees')).toThrow(RangeError);
  });
});

describe('sumAmounts', () => {
  it('adds exactly and writes the currency minor units', () => {
    expect(sumAmounts(['0.10', '0.20'], 'INR')).toBe('0.30');
    expect(sumAmounts(['60000.00', '25000.00', '15000.00'], 'INR')).toBe('100000.00');
    expect(sumAmounts(['100', '250'], 'JPY')).toBe('350');
    expect(sumAmounts([], 'KWD')).toBe('0.000');
  });

  it('compares amounts by value', () => {
    expect(sameAmount('1.5', '1.50')).toBe(true);
    expect(sameAmount('1.5', '1.51')).toBe(false);
  });
});
