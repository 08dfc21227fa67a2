import { calendarDateIn, isCalendarDate, isIanaTimeZone, isRfc3339Instant, wallClockIn, wallClockMinuteIn } from './dates.js';

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

describe('wallClockIn', () => {
  const clock = (at: string, timeZone: string) => wallClockIn(Date.parse(at), timeZone);
  const fields = (year: number, month: number, day: number, hour: number, minute: number, second: number) => ({
    year,
    month,
    day,
    hour,
    minute,
    second,
  });

  it("gives each zone its own wall clock for the same instant, on both sides of a daylight-saving change", () => {
    // Asked in turn for three zones, so a formatter kept for the wrong zone would show.
    // Berlin springs forward at 01:00Z on 29 March 2026: 02:59:59 CET, then 03:00:00 CEST.
    expect(clock('2026-03-29T00:59:59Z', 'Europe/Berlin')).toEqual(fields(2026, 3, 29, 1, 59, 59));
    expect(clock('2026-03-29T00:59:59Z', 'America/New_York')).toEqual(fields(2026, 3, 28, 20, 59, 59));
    expect(clock('2026-03-29T00:59:59Z', 'Asia/Kolkata')).toEqual(fields(2026, 3, 29, 6, 29, 59));
    expect(clock('2026-03-29T01:00:00Z', 'Europe/Berlin')).toEqual(fields(2026, 3, 29, 3, 0, 0));
    expect(clock('2026-03-29T01:00:00Z', 'Asia/Kolkata')).toEqual(fields(2026, 3, 29, 6, 30, 0));
    // New York springs forward at 07:00Z on 8 March 2026 (01:59:59 EST, then 03:00:00 EDT)
    // and falls back at 06:00Z on 1 November 2026 (01:30 EDT, then 01:30 EST an hour later).
    expect(clock('2026-03-08T06:59:59Z', 'America/New_York')).toEqual(fields(2026, 3, 8, 1, 59, 59));
    expect(clock('2026-03-08T07:00:00Z', 'America/New_York')).toEqual(fields(2026, 3, 8, 3, 0, 0));
    expect(clock('2026-03-08T07:00:00Z', 'Europe/Berlin')).toEqual(fields(2026, 3, 8, 8, 0, 0));
    expect(clock('2026-11-01T05:30:00Z', 'America/New_York')).toEqual(fields(2026, 11, 1, 1, 30, 0));
    expect(clock('2026-11-01T06:30:00Z', 'America/New_York')).toEqual(fields(2026, 11, 1, 1, 30, 0));
    expect(clock('2026-11-01T06:30:00Z', 'Asia/Kolkata')).toEqual(fields(2026, 11, 1, 12, 0, 0));
    // Berlin falls back at 01:00Z on 25 October 2026: 02:30 CEST, then 02:30 CET.
    expect(clock('2026-10-25T00:30:00Z', 'Europe/Berlin')).toEqual(fields(2026, 10, 25, 2, 30, 0));
    expect(clock('2026-10-25T01:30:00Z', 'Europe/Berlin')).toEqual(fields(2026, 10, 25, 2, 30, 0));
    expect(clock('2026-10-25T01:30:00Z', 'America/New_York')).toEqual(fields(2026, 10, 24, 21, 30, 0));
  });

  it('reads to the second with midnight as hour 0, the same for a Date as for epoch milliseconds', () => {
    // The zone's date-only and minute formatters are kept beside this one; asking them first must not change it.
    const at = new Date('2026-11-20T18:30:07.900Z'); // 00:00:07.9 the next day in Kolkata
    expect(calendarDateIn(at, 'Asia/Kolkata')).toBe('2026-11-21');
    expect(wallClockMinuteIn(at, 'Asia/Kolkata')).toBe('2026-11-21 00:00');
    expect(wallClockIn(at, 'Asia/Kolkata')).toEqual(fields(2026, 11, 21, 0, 0, 7));
    expect(wallClockIn(at.getTime(), 'Asia/Kolkata')).toEqual(fields(2026, 11, 21, 0, 0, 7));
    expect(calendarDateIn(at, 'Asia/Kolkata')).toBe('2026-11-21');
  });

  it('refuses a made-up zone, naming it', () => {
    expect(() => wallClockIn(0, 'Asia/Pune')).toThrow(new RangeError("Unknown IANA time zone 'Asia/Pune'"));
    expect(() => wallClockIn(0, 'Asia/Pune')).toThrow(RangeError);
  });
});
