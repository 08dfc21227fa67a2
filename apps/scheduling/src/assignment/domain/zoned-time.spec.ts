import { addDays, isoWeekday, localDateOf, minutesOfDay, mondayOf, startOfLocalDay, toIso, zonedInstant } from './zoned-time.js';

describe('zoned time', () => {
  it('finds local midnight in a zone without daylight saving', () => {
    expect(toIso(startOfLocalDay('2026-11-27', 'Asia/Kolkata'))).toBe('2026-11-26T18:30:00Z');
    expect(toIso(zonedInstant('2026-11-27', 9 * 60, 'Asia/Kolkata'))).toBe('2026-11-27T03:30:00Z');
  });

  it('keeps 09:00 at 09:00 local across a daylight-saving change', () => {
    // Berlin moves to summer time at 02:00 on Sunday 29 March 2026.
    expect(toIso(zonedInstant('2026-03-28', 9 * 60, 'Europe/Berlin'))).toBe('2026-03-28T08:00:00Z');
    expect(toIso(zonedInstant('2026-03-29', 9 * 60, 'Europe/Berlin'))).toBe('2026-03-29T07:00:00Z');
    expect(toIso(startOfLocalDay('2026-03-29', 'Europe/Berlin'))).toBe('2026-03-28T23:00:00Z');
    expect(toIso(zonedInstant('2026-10-25', 18 * 60, 'Europe/Berlin'))).toBe('2026-10-25T17:00:00Z');
  });

  it('tells the local date of an instant', () => {
    expect(localDateOf(Date.parse('2026-11-26T18:29:00Z'), 'Asia/Kolkata')).toBe('2026-11-26');
    expect(localDateOf(Date.parse('2026-11-26T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-11-27');
    expect(localDateOf(Date.parse('2026-11-27T03:00:00Z'), 'America/New_York')).toBe('2026-11-26');
  });

  it('counts days and weekdays on calendar dates', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(isoWeekday('2026-11-27')).toBe(5);
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(minutesOfDay('24:00')).toBe(1440);
    expect(() => minutesOfDay('24:30')).toThrow(/HH:MM/);
    expect(() => startOfLocalDay('2026-11-27', 'Mars/Olympus')).toThrow(/Unknown IANA time zone/);
  });
});
