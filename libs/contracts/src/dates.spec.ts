import { isCalendarDate, isIanaTimeZone, isRfc3339Instant } from './dates.js';

describe('isCalendarDate', () => {
  it.each(['2026-11-20', '2028-02-29', '2000-02-29', '2026-12-31'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });
  it.each(['2026-02-29', '1900-02-29', '2026-04-31', '2026-00-10', '2026-11-00', '2026-11-20T00:00:00Z', '26-11-20', 20261120])(
    'rejects %j',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );
});

describe('isRfc3339Instant', () => {
  it.each(['2026-11-21T10:00:00Z', '2026-11-21T10:00:00.5Z', '2026-11-21T15:30:00+05:30', '2026-11-21T10:00:00-03:00', '2026-11-21 10:00:00Z'])(
    'accepts %s',
    (value) => {
      expect(isRfc3339Instant(value)).toBe(true);
      expect(Number.isNaN(Date.parse(value))).toBe(false);
    },
  );
  it.each(['2026-11-21T10:00:00', '2026-11-21T10:00Z', '2026-02-30T10:00:00Z', '2026-11-21T10:00:60Z', '2026-11-21T10:00:00+24:00', '1700000000'])(
    'rejects %s',
    (value) => {
      expect(isRfc3339Instant(value)).toBe(false);
    },
  );
});

describe('isIanaTimeZone', () => {
  it('knows real zones and refuses made-up ones', () => {
    expect(isIanaTimeZone('Asia/Kolkata')).toBe(true);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('Asia/Pune')).toBe(false);
    expect(isIanaTimeZone('')).toBe(false);
  });
});
