import { holidayPeriod, leavePeriod } from './calendar-period.js';

describe('the days a holiday or leave list covers', () => {
  it('holidays not asked for a period: this calendar year and the next', () => {
    expect(holidayPeriod({}, '2026-11-24')).toEqual({ from: '2026-01-01', to: '2027-12-31' });
    expect(holidayPeriod({}, '2027-01-01')).toEqual({ from: '2027-01-01', to: '2028-12-31' });
  });

  it('leave not asked for a period: what ends from a year ago on, with no end', () => {
    expect(leavePeriod({}, '2026-11-24')).toEqual({ from: '2025-11-24', to: null });
    expect(leavePeriod({}, '2028-02-29')).toEqual({ from: '2027-02-28', to: null });
  });

  it('a period asked for is kept; with one end asked, the other is open', () => {
    expect(holidayPeriod({ from: '2020-01-01', to: '2020-12-31' }, '2026-11-24')).toEqual({ from: '2020-01-01', to: '2020-12-31' });
    expect(holidayPeriod({ to: '2021-06-30' }, '2026-11-24')).toEqual({ from: null, to: '2021-06-30' });
    expect(leavePeriod({ from: '2027-01-01' }, '2026-11-24')).toEqual({ from: '2027-01-01', to: null });
  });
});
