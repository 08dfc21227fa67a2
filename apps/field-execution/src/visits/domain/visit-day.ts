import { calendarDateIn, wallClockMinuteIn } from '#contracts';

/**
 * Which day a visit is on, for the engineer's day list: a visit is on a day when
 * one of its working stretches falls on that date in the site's time zone.
 */
export interface Stretch {
  start: string;
  end: string;
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone (UTC when unknown). */
export function localDate(at: Date, timeZone: string | null | undefined): string {
  return calendarDateIn(at, timeZone || 'UTC');
}

/** 'YYYY-MM-DD HH:MM' on the site's wall clock, for people and the service report. */
export function localDateTime(at: Date, timeZone: string | null | undefined): string {
  return wallClockMinuteIn(at, timeZone || 'UTC');
}

/** True when a stretch touches `date` on the site's calendar (an overnight stretch is on both days). */
export function isOnDay(stretches: readonly Stretch[], date: string, timeZone: string | null | undefined): boolean {
  return stretches.some((s) => {
    const first = localDate(new Date(s.start), timeZone);
    // The end instant itself is not worked: a stretch ending at midnight is not on the next day
    // (a zero-length stretch is on the day it names).
    const end = Math.max(Date.parse(s.start), Date.parse(s.end) - 1);
    const last = localDate(new Date(end), timeZone);
    return first <= date && date <= last;
  });
}
