import { CoverageCalendar, formatLocalDateTime } from './business-calendar.js';

// Instants are written with the site's UTC offset, as a service manager reads them
// on the site's wall clock: '2026-12-04T16:00+05:30' is Friday 16:00 IST.
const at = (iso: string) => new Date(iso);
const HOUR = 60;

describe('8x5 coverage in Asia/Kolkata (Mon–Fri 09:00–17:00 IST)', () => {
  const kolkata = new CoverageCalendar({ coverage: '8x5', timeZone: 'Asia/Kolkata' });

  it('makes a request raised Friday 16:00 with an 8 working-hour response due Monday 16:00', () => {
    const due = kolkata.addWorkingMinutes(at('2026-12-04T16:00+05:30'), 8 * HOUR);
    expect(due).toEqual(at('2026-12-07T16:00+05:30'));
    expect(kolkata.formatLocal(due)).toBe('2026-12-07 16:00');
  });

  it('counts only working hours over the weekend', () => {
    expect(kolkata.workingMinutesBetween(at('2026-12-04T16:00+05:30'), at('2026-12-07T16:00+05:30'))).toBe(8 * HOUR);
  });

  it('counts part of a day to the minute', () => {
    expect(kolkata.workingMinutesBetween(at('2026-12-01T10:15+05:30'), at('2026-12-01T12:45+05:30'))).toBe(150);
  });

  it('starts counting a request raised at night at the next opening', () => {
    const raised = at('2026-12-01T22:30+05:30'); // Tuesday night
    expect(kolkata.nextCoverageStart(raised)).toEqual(at('2026-12-02T09:00+05:30'));
    expect(kolkata.addWorkingMinutes(raised, 2 * HOUR)).toEqual(at('2026-12-02T11:00+05:30'));
    expect(kolkata.workingMinutesBetween(raised, at('2026-12-02T09:00+05:30'))).toBe(0);
  });

  it('makes a target that runs out at closing time due at closing time, not at the next opening', () => {
    expect(kolkata.addWorkingMinutes(at('2026-12-02T09:00+05:30'), 8 * HOUR)).toEqual(at('2026-12-02T17:00+05:30'));
  });

  it('starts a request raised on Saturday on Monday morning', () => {
    expect(kolkata.addWorkingMinutes(at('2026-12-05T11:00+05:30'), 30)).toEqual(at('2026-12-07T09:30+05:30'));
  });

  it('treats opening as covered and closing as not', () => {
    expect(kolkata.isCovered(at('2026-12-01T09:00+05:30'))).toBe(true);
    expect(kolkata.isCovered(at('2026-12-01T16:59+05:30'))).toBe(true);
    expect(kolkata.isCovered(at('2026-12-01T17:00+05:30'))).toBe(false);
    expect(kolkata.isCovered(at('2026-12-05T12:00+05:30'))).toBe(false); // Saturday
  });

  it('counts a span of six months day by day', () => {
    const minutes = kolkata.workingMinutesBetween(at('2026-01-01T00:00+05:30'), at('2026-07-01T00:00+05:30'));
    expect(minutes).toBe(weekdaysBetween('2026-01-01', '2026-07-01') * 8 * HOUR);
    const due = kolkata.addWorkingMinutes(at('2026-01-01T00:00+05:30'), minutes);
    expect(due).toEqual(at('2026-06-30T17:00+05:30'));
  });
});

describe.each(['Asia/Kolkata', 'Europe/Berlin', 'America/New_York'])('adding and counting in %s', (timeZone) => {
  const calendar = new CoverageCalendar({ coverage: '8x5', timeZone, holidays: ['2026-05-01', '2026-12-25'] });

  it('agree for arbitrary instants and targets through the year, DST changes included', () => {
    let seed = 42;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let i = 0; i < 200; i++) {
      const from = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 365 * 24 * 60) * 60_000);
      const minutes = Math.floor(random() * 5_000);
      const due = calendar.addWorkingMinutes(from, minutes);
      expect(calendar.workingMinutesBetween(from, due)).toBe(minutes);
    }
  });
});

describe('holidays', () => {
  const kolkata = new CoverageCalendar({
    coverage: '8x5',
    timeZone: 'Asia/Kolkata',
    holidays: ['2026-12-07', '2026-12-25'],
  });

  it('skips a holiday Monday: Friday 16:00 + 8 working hours is due Tuesday 16:00', () => {
    expect(kolkata.addWorkingMinutes(at('2026-12-04T16:00+05:30'), 8 * HOUR)).toEqual(at('2026-12-08T16:00+05:30'));
  });

  it('does not count the holiday as working time', () => {
    expect(kolkata.workingMinutesBetween(at('2026-12-04T09:00+05:30'), at('2026-12-09T09:00+05:30'))).toBe(16 * HOUR);
  });

  it('is not covered on a holiday, even in working hours', () => {
    expect(kolkata.isCovered(at('2026-12-25T11:00+05:30'))).toBe(false);
  });

  it('is ignored under 24x7 coverage, which has no days off', () => {
    const always = new CoverageCalendar({ coverage: '24x7', timeZone: 'Asia/Kolkata', holidays: ['2026-12-25'] });
    expect(always.workingMinutesBetween(at('2026-12-25T00:00+05:30'), at('2026-12-26T00:00+05:30'))).toBe(24 * HOUR);
  });
});

describe('24x7 coverage', () => {
  const always = new CoverageCalendar({ coverage: '24x7', timeZone: 'Asia/Kolkata' });

  it('counts every minute, nights and weekends included', () => {
    expect(always.workingMinutesBetween(at('2026-12-04T16:00+05:30'), at('2026-12-07T16:00+05:30'))).toBe(72 * HOUR);
  });

  it('makes a 4-hour response for a request raised Saturday 22:00 due Sunday 02:00', () => {
    expect(always.addWorkingMinutes(at('2026-12-05T22:00+05:30'), 4 * HOUR)).toEqual(at('2026-12-06T02:00+05:30'));
  });

  it('counts real elapsed time across daylight-saving changes (Europe/Berlin)', () => {
    const berlin = new CoverageCalendar({ coverage: '24x7', timeZone: 'Europe/Berlin' });
    // Saturday noon to Sunday noon is 23 hours in spring and 25 in autumn.
    expect(berlin.workingMinutesBetween(at('2026-03-28T12:00+01:00'), at('2026-03-29T12:00+02:00'))).toBe(23 * HOUR);
    expect(berlin.workingMinutesBetween(at('2026-10-24T12:00+02:00'), at('2026-10-25T12:00+01:00'))).toBe(25 * HOUR);
    expect(berlin.addWorkingMinutes(at('2026-03-28T12:00+01:00'), 24 * HOUR)).toEqual(at('2026-03-29T13:00+02:00'));
  });
});

describe('8x5 in Europe/Berlin across daylight saving', () => {
  const berlin = new CoverageCalendar({ coverage: '8x5', timeZone: 'Europe/Berlin' });

  it('keeps Monday after spring-forward opening at 09:00 local (CEST)', () => {
    // Raised Friday 27 March 16:00 CET; clocks go forward on Sunday 29 March.
    const due = berlin.addWorkingMinutes(at('2026-03-27T16:00+01:00'), 8 * HOUR);
    expect(due).toEqual(at('2026-03-30T16:00+02:00'));
    expect(berlin.nextCoverageStart(at('2026-03-28T10:00+01:00'))).toEqual(at('2026-03-30T09:00+02:00'));
    expect(berlin.nextCoverageStart(at('2026-03-28T10:00+01:00')).toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('keeps Monday after fall-back opening at 09:00 local (CET)', () => {
    const due = berlin.addWorkingMinutes(at('2026-10-23T16:00+02:00'), 8 * HOUR);
    expect(due).toEqual(at('2026-10-26T16:00+01:00'));
    expect(berlin.formatLocal(due)).toBe('2026-10-26 16:00');
  });

  it('counts 40 hours in the working weeks either side of each change', () => {
    expect(berlin.workingMinutesBetween(at('2026-03-27T09:00+01:00'), at('2026-04-03T09:00+02:00'))).toBe(40 * HOUR);
    expect(berlin.workingMinutesBetween(at('2026-10-23T09:00+02:00'), at('2026-10-30T09:00+01:00'))).toBe(40 * HOUR);
  });

  it('counts the real length of a covered day on which the clocks change', () => {
    const sundays = new CoverageCalendar({
      coverage: '8x5',
      timeZone: 'Europe/Berlin',
      workingHours: { days: [7], start: '00:00', end: '24:00' },
    });
    expect(sundays.workingMinutesBetween(at('2026-03-28T00:00+01:00'), at('2026-03-31T00:00+02:00'))).toBe(23 * HOUR);
    expect(sundays.workingMinutesBetween(at('2026-10-24T00:00+02:00'), at('2026-10-27T00:00+01:00'))).toBe(25 * HOUR);
  });

  it('handles a window that spans the skipped hour (01:00–05:00 on spring-forward night is 3 hours)', () => {
    const nights = new CoverageCalendar({
      coverage: '8x5',
      timeZone: 'Europe/Berlin',
      workingHours: { days: [7], start: '01:00', end: '05:00' },
    });
    expect(nights.workingMinutesBetween(at('2026-03-29T00:00+01:00'), at('2026-03-29T12:00+02:00'))).toBe(3 * HOUR);
  });

  it('opens at the first 02:00 of fall-back night (02:00–04:00 that night is 3 hours)', () => {
    const nights = new CoverageCalendar({
      coverage: '8x5',
      timeZone: 'Europe/Berlin',
      workingHours: { days: [7], start: '02:00', end: '04:00' },
    });
    expect(nights.nextCoverageStart(at('2026-10-25T00:00+02:00'))).toEqual(at('2026-10-25T02:00+02:00'));
    expect(nights.workingMinutesBetween(at('2026-10-25T00:00+02:00'), at('2026-10-25T12:00+01:00'))).toBe(3 * HOUR);
  });
});

describe('8x5 in America/New_York across daylight saving', () => {
  const newYork = new CoverageCalendar({ coverage: '8x5', timeZone: 'America/New_York' });

  it('makes Friday 15:00 EST + 4 working hours due Monday 11:00 EDT after spring-forward', () => {
    expect(newYork.addWorkingMinutes(at('2026-03-06T15:00-05:00'), 4 * HOUR)).toEqual(at('2026-03-09T11:00-04:00'));
  });

  it('makes Friday 13:00 EDT + 8 working hours due Monday 13:00 EST after fall-back', () => {
    const due = newYork.addWorkingMinutes(at('2026-10-30T13:00-04:00'), 8 * HOUR);
    expect(due).toEqual(at('2026-11-02T13:00-05:00'));
    expect(newYork.workingMinutesBetween(at('2026-10-30T13:00-04:00'), due)).toBe(8 * HOUR);
  });
});

describe('site-specific working hours', () => {
  it('follows a Monday–Saturday 08:00–20:00 service desk', () => {
    const desk = new CoverageCalendar({
      coverage: '8x5',
      timeZone: 'Asia/Kolkata',
      workingHours: { days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00' },
    });
    // Saturday 18:00 + 4 hours: 2 on Saturday, Sunday closed, 2 on Monday from 08:00.
    expect(desk.addWorkingMinutes(at('2026-12-05T18:00+05:30'), 4 * HOUR)).toEqual(at('2026-12-07T10:00+05:30'));
  });
});

describe('invalid calendars and arguments', () => {
  const base = { coverage: '8x5', timeZone: 'Asia/Kolkata' } as const;

  it.each([
    ['an unknown time zone', { ...base, timeZone: 'Mars/Olympus_Mons' }, /time zone/],
    ['an unknown coverage level', { ...base, coverage: '9x5' as never }, /coverage level/],
    ['no working days', { ...base, workingHours: { days: [], start: '09:00', end: '17:00' } }, /at least one/],
    ['weekday 0', { ...base, workingHours: { days: [0, 1], start: '09:00', end: '17:00' } }, /ISO weekday/],
    ['weekday 8', { ...base, workingHours: { days: [8], start: '09:00', end: '17:00' } }, /ISO weekday/],
    ['closing before opening', { ...base, workingHours: { days: [1], start: '17:00', end: '09:00' } }, /open before/],
    ['an impossible time', { ...base, workingHours: { days: [1], start: '09:00', end: '25:00' } }, /HH:MM/],
    ['an impossible holiday', { ...base, holidays: ['2026-02-30'] }, /YYYY-MM-DD/],
    ['a holiday in another format', { ...base, holidays: ['25/12/2026'] }, /YYYY-MM-DD/],
  ])('rejects %s', (_name, options, message) => {
    expect(() => new CoverageCalendar(options)).toThrow(message);
  });

  it('rejects counting backwards, negative targets and invalid dates', () => {
    const kolkata = new CoverageCalendar(base);
    expect(() => kolkata.workingMinutesBetween(at('2026-12-02T10:00Z'), at('2026-12-01T10:00Z'))).toThrow(RangeError);
    expect(() => kolkata.addWorkingMinutes(at('2026-12-02T10:00Z'), -1)).toThrow(RangeError);
    expect(() => kolkata.addWorkingMinutes(new Date('not a date'), 10)).toThrow(/valid date/);
  });
});

describe('formatLocalDateTime', () => {
  it('shows an instant on the site wall clock', () => {
    expect(formatLocalDateTime(at('2026-12-03T08:30Z'), 'Asia/Kolkata')).toBe('2026-12-03 14:00');
    expect(formatLocalDateTime(at('2026-12-03T23:00Z'), 'Europe/Berlin')).toBe('2026-12-04 00:00');
  });
});

/** Monday–Friday dates in [from, to), counted without the code under test. */
function weekdaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = new Date(`${from}T00:00Z`); day < new Date(`${to}T00:00Z`); day.setUTCDate(day.getUTCDate() + 1)) {
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}
