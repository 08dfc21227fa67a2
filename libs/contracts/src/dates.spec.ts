import { calendarDateIn, isCalendarDate, isIanaTimeZone, isRfc3339Instant, wallClockMinuteIn } from './dates.js';

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

describe('calendarDateIn and wallClockMinuteIn', () => {
  it("give the zone's own date and wall clock, across midnight and a daylight-saving change", () => {
    const lateUtc = new Date('2026-11-20T20:15:00Z');
    expect(calendarDateIn(lateUtc, 'UTC')).toBe('2026-11-20');
    expect(calendarDateIn(lateUtc, 'Asia/Kolkata')).toBe('2026-11-21'); // 01:45 the next day
    expect(wallClockMinuteIn(lateUtc, 'Asia/Kolkata')).toBe('2026-11-21 01:45');
    expect(wallClockMinuteIn(new Date('2026-11-21T04:30:00Z'), 'Asia/Kolkata')).toBe('2026-11-21 10:00');
    // New York: 01:30 EDT, then 01:30 EST an hour later (the clock went back on 1 November 2026).
    expect(wallClockMinuteIn(new Date('2026-11-01T05:30:00Z'), 'America/New_York')).toBe('2026-11-01 01:30');
    expect(wallClockMinuteIn(new Date('2026-11-01T06:30:00Z'), 'America/New_York')).toBe('2026-11-01 01:30');
    expect(wallClockMinuteIn(new Date('2026-11-01T04:00:00Z'), 'America/New_York')).toBe('2026-11-01 00:00');
  });

  it('answers the same for a zone asked again (the kept formatter), and refuses a made-up zone', () => {
    const at = new Date('2027-03-31T23:59:00Z');
    expect([calendarDateIn(at, 'Europe/Berlin'), calendarDateIn(at, 'Europe/Berlin')]).toEqual(['2027-04-01', '2027-04-01']);
    expect(calendarDateIn(at, 'America/Los_Angeles')).toBe('2027-03-31');
    expect(() => calendarDateIn(at, 'Asia/Pune')).toThrow(RangeError);
  });
});
