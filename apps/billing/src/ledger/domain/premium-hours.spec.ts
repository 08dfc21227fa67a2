import { extend, money } from './billing-money.js';
import { DEFAULT_BUSINESS_HOURS, bandsOf, blendedRate, priceTime, type Premiums, type TimeToPrice } from './premium-hours.js';

const HOUR = 3_600_000;
const premiums = (over: Partial<Premiums> = {}): Premiums => ({ afterHoursPercent: '150', weekendPercent: '200', businessHours: DEFAULT_BUSINESS_HOURS, ...over });

/** Work in Pune (Asia/Kolkata, UTC+05:30, no DST) at 1200.00 INR an hour, by the hours between start and end. */
const pune = (start: string, end: string, over: Partial<TimeToPrice> = {}): TimeToPrice => ({
  hours: ((Date.parse(end) - Date.parse(start)) / HOUR).toFixed(2),
  start,
  end,
  timeZone: 'Asia/Kolkata',
  rate: '1200.00',
  currency: 'INR',
  rule: 'half_up',
  premiums: premiums(),
  ...over,
});

const hoursOf = (ms: Record<string, number>) => Object.fromEntries(Object.entries(ms).map(([band, n]) => [band, n / HOUR]));

describe('after-hours and weekend premiums', () => {
  it('bills a weekday evening: the hours after 18:00 at the after-hours percent', () => {
    // Tuesday 1 December 2026, 16:00–20:00 in Pune.
    const price = priceTime(pune('2026-12-01T16:00:00+05:30', '2026-12-01T20:00:00+05:30'));
    expect(price.bands).toEqual([
      { band: 'business', hours: '2', percent: '100' },
      { band: 'after_hours', hours: '2', percent: '150' },
    ]);
    expect(price.amount).toBe('6000.00'); // 2 × 1200 + 2 × 1800
    expect(price.unitPrice).toBe('1500.0000');
    expect(price.breakdown).toBe('2 h at 1200.00, 2 h after hours at 150 %');
  });

  it('bills the early morning before business hours as after hours too', () => {
    const price = priceTime(pune('2026-12-01T06:00:00+05:30', '2026-12-01T09:00:00+05:30'));
    expect(price.bands.map((b) => [b.band, b.hours])).toEqual([
      ['business', '1'],
      ['after_hours', '2'],
    ]);
    expect(price.amount).toBe('4800.00');
  });

  it('bills a Sunday at the weekend percent, or at the after-hours percent when the card has no weekend percent', () => {
    // Sunday 6 December 2026, 10:00–14:00: business hours by the clock, but not a working day.
    const sunday = pune('2026-12-06T10:00:00+05:30', '2026-12-06T14:00:00+05:30');
    const price = priceTime(sunday);
    expect(price.bands).toEqual([{ band: 'non_working', hours: '4', percent: '200' }]);
    expect(price.amount).toBe('9600.00');
    expect(price.breakdown).toBe('4 h on non-working days at 200 %');
    expect(priceTime({ ...sunday, premiums: premiums({ weekendPercent: null }) }).amount).toBe('7200.00');
  });

  it('bills only the weekend when the card has a weekend percent alone', () => {
    const evening = pune('2026-12-01T16:00:00+05:30', '2026-12-01T20:00:00+05:30', { premiums: premiums({ afterHoursPercent: null }) });
    expect(priceTime(evening)).toMatchObject({ amount: '4800.00', unitPrice: '1200.00', breakdown: null });
  });

  it('splits a Friday night at midnight: Friday after hours, then Saturday at the weekend percent', () => {
    // Friday 4 December 2026 20:00 to Saturday 02:00.
    const price = priceTime(pune('2026-12-04T20:00:00+05:30', '2026-12-05T02:00:00+05:30'));
    expect(price.bands).toEqual([
      { band: 'after_hours', hours: '4', percent: '150' },
      { band: 'non_working', hours: '2', percent: '200' },
    ]);
    expect(price.amount).toBe('12000.00'); // 4 × 1800 + 2 × 2400
    expect(price.unitPrice).toBe('2000.0000');
    expect(price.breakdown).toBe('4 h after hours at 150 %, 2 h on non-working days at 200 %');
  });

  it('takes the working week from the card: a Saturday can be a working day, a Monday not', () => {
    const hours = { days: [2, 3, 4, 5, 6], from: '07:30', to: '16:00' };
    const saturday = bandsOf(new Date('2026-12-05T06:00:00+05:30'), new Date('2026-12-05T17:00:00+05:30'), 'Asia/Kolkata', hours);
    expect(hoursOf(saturday)).toEqual({ business: 8.5, after_hours: 2.5, non_working: 0 });
    const monday = bandsOf(new Date('2026-12-07T09:00:00+05:30'), new Date('2026-12-07T10:00:00+05:30'), 'Asia/Kolkata', hours);
    expect(hoursOf(monday)).toEqual({ business: 0, after_hours: 0, non_working: 1 });
  });

  it('counts a DST night in Europe/Berlin by the hours that passed, not the wall clock', () => {
    const monToSat = { days: [1, 2, 3, 4, 5, 6], from: '08:00', to: '18:00' };
    // Saturday 28 March 2026 16:00 CET to Sunday 04:00 CEST: 12 hours on the wall clock, 11 elapsed (02:00 never happened).
    const spring = bandsOf(new Date('2026-03-28T16:00:00+01:00'), new Date('2026-03-29T04:00:00+02:00'), 'Europe/Berlin', monToSat);
    expect(hoursOf(spring)).toEqual({ business: 2, after_hours: 6, non_working: 3 });
    // Saturday 24 October 2026 22:00 CEST to Sunday 04:00 CET: 6 hours on the wall clock, 7 elapsed (02:00–03:00 twice).
    const autumn = bandsOf(new Date('2026-10-24T22:00:00+02:00'), new Date('2026-10-25T04:00:00+01:00'), 'Europe/Berlin', monToSat);
    expect(hoursOf(autumn)).toEqual({ business: 0, after_hours: 2, non_working: 5 });
    // Priced: 11 hours = 2 at the rate, 6 after hours, 3 on the Sunday.
    const price = priceTime({
      hours: '11.00',
      start: '2026-03-28T15:00:00Z',
      end: '2026-03-29T02:00:00Z',
      timeZone: 'Europe/Berlin',
      rate: '100.00',
      currency: 'EUR',
      rule: 'half_up',
      premiums: premiums({ businessHours: monToSat }),
    });
    expect(price.amount).toBe('1700.00'); // 2 × 100 + 6 × 150 + 3 × 200
    expect(price.breakdown).toBe('2 h at 100.00, 6 h after hours at 150 %, 3 h on non-working days at 200 %');
  });

  it('keeps business hours on the wall clock across the change: a weekday in summer and winter time', () => {
    // Berlin business hours 08:00–18:00 are 06:00–16:00 UTC in summer and 07:00–17:00 UTC in winter.
    expect(hoursOf(bandsOf(new Date('2026-07-01T15:00:00Z'), new Date('2026-07-01T17:00:00Z'), 'Europe/Berlin', DEFAULT_BUSINESS_HOURS))).toEqual({ business: 1, after_hours: 1, non_working: 0 });
    expect(hoursOf(bandsOf(new Date('2026-12-01T15:00:00Z'), new Date('2026-12-01T17:00:00Z'), 'Europe/Berlin', DEFAULT_BUSINESS_HOURS))).toEqual({ business: 2, after_hours: 0, non_working: 0 });
  });

  it('prices an entry entirely in business hours exactly as before: hours × rate, the card rate on the line', () => {
    for (const rule of ['half_up', 'half_even', 'up', 'down'] as const) {
      const inHours = pune('2026-12-01T09:10:00+05:30', '2026-12-01T09:20:00+05:30', { rate: '1234.5678', rule });
      expect(inHours.hours).toBe('0.17');
      expect(priceTime(inHours)).toEqual({ amount: extend('0.17', '1234.5678', 'INR', rule), unitPrice: '1234.5678', bands: [{ band: 'business', hours: '0.17', percent: '100' }], breakdown: null });
    }
    // A card without premiums prices the Sunday night as ever.
    const noPremiums = pune('2026-12-06T22:00:00+05:30', '2026-12-07T01:00:00+05:30', { premiums: null });
    expect(priceTime(noPremiums)).toMatchObject({ amount: '3600.00', unitPrice: '1200.00', breakdown: null });
  });

  it('rounds the sum once by the card rule, and shares the hours on the line out over the bands', () => {
    // Tuesday 17:20–18:30: 70 minutes approved as 1.17 h, 40 of them in business hours.
    const entry = pune('2026-12-01T17:20:00+05:30', '2026-12-01T18:30:00+05:30', { rate: '999.99' });
    expect(entry.hours).toBe('1.17');
    const half = priceTime(entry);
    // 1.17 × 40/70 = 0.66857 → 0.6686 (largest remainder), 0.5014 after hours: they add up to 1.17.
    expect(half.bands.map((b) => b.hours)).toEqual(['0.6686', '0.5014']);
    // 0.6686 × 999.99 + 0.5014 × 999.99 × 1.5 = 1420.685793; each band rounded alone would make 668.59 + 752.09 = 1420.68.
    expect(half.amount).toBe('1420.69');
    expect(priceTime({ ...entry, rule: 'down' }).amount).toBe('1420.68');
    expect(priceTime({ ...entry, rule: 'up' }).amount).toBe('1420.69');
    expect(priceTime({ ...entry, currency: 'JPY', rate: '999' }).amount).toBe('1419'); // 0.6686 × 999 + 0.5014 × 1498.5 = 1419.2235
    expect(priceTime({ ...entry, currency: 'KWD', rate: '9.999' }).amount).toBe('14.206'); // 6.6853 + 7.5202 = 14.20557
  });

  it('keeps quantity × unit price = amount (rounded half-up, as the ERP reads a line) on every premium line', () => {
    const rates = ['1200.00', '999.99', '2345.6789', '87.5', '0.01'];
    const percents = ['150', '175.25', '133.33', '200'];
    let lines = 0;
    for (const rate of rates) {
      for (const afterHoursPercent of percents) {
        for (let startMinute = 15 * 60; startMinute < 19 * 60; startMinute += 37) {
          for (const minutes of [7, 50, 95, 241, 613]) {
            const start = Date.parse('2026-12-04T00:00:00+05:30') + startMinute * 60_000;
            const entry = pune(new Date(start).toISOString(), new Date(start + minutes * 60_000).toISOString(), { rate, premiums: premiums({ afterHoursPercent, weekendPercent: '250' }) });
            for (const currency of ['INR', 'JPY']) {
              const price = priceTime({ ...entry, currency, rate: currency === 'JPY' ? rate.split('.')[0] : rate });
              expect(extend(entry.hours, price.unitPrice, currency)).toBe(price.amount);
              expect(price.bands.reduce((sum, b) => sum.plus(b.hours), money(0)).equals(entry.hours)).toBe(true);
              lines++;
            }
          }
        }
      }
    }
    expect(lines).toBe(rates.length * percents.length * 7 * 5 * 2);
  });

  it('writes the blended rate to 4 decimals, the nearest to amount ÷ hours', () => {
    expect(blendedRate('8400.00', '6')).toBe('1400.0000');
    expect(blendedRate('4700.00', '3.5')).toBe('1342.8571');
    expect(extend('3.5', '1342.8571', 'INR')).toBe('4700.00');
    expect(blendedRate('4700.005', '3.5')).toBe('1342.8586');
    expect(extend('3.5', '1342.8586', 'KWD')).toBe('4700.005');
  });
});
