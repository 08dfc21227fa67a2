/**
 * Wall-clock time in IANA time zones, with nothing but `Intl` (full ICU in Node 20).
 *
 * Working hours are wall-clock times: 09:00 in Berlin is 08:00Z in winter and
 * 07:00Z in summer, so every local day's opening and closing is converted on its
 * own. Conversions are memoised: a roster of a thousand engineers shares a handful
 * of zones and working patterns, so a 90-day calendar costs a few hundred
 * conversions, not a few hundred thousand.
 *
 * Instants are epoch milliseconds throughout the domain.
 */

import { isIanaTimeZone, wallClockIn } from '#contracts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** Memo sizes: enough for years of days in dozens of zones; beyond, the memo starts over rather than grow. */
const MEMO_LIMIT = 200_000;

const localMidnights = new Map<string, number>();
const localDates = new Map<string, string>();

export function isTimeZone(value: string): boolean {
  return isIanaTimeZone(value);
}

/**
 * Offset of the zone from UTC at an instant, in ms (IST: +19_800_000). The wall clock
 * comes from the formatter #contracts keeps per zone; an unknown zone is a RangeError.
 */
function offsetAt(timeZone: string, instant: number): number {
  const w = wallClockIn(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (instant - (instant % 1000));
}

function parseDate(date: string): [number, number, number] {
  const match = CALENDAR_DATE.exec(date);
  if (!match) throw new RangeError(`Not a calendar date YYYY-MM-DD: '${date}'`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Minutes after midnight of 'HH:MM' ('24:00' is the end of the day). */
export function minutesOfDay(time: string): number {
  const match = HH_MM.exec(time);
  if (!match || (match[1] === '24' && match[2] !== '00')) throw new RangeError(`Not a time of day HH:MM: '${time}'`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function isTimeOfDay(value: string): boolean {
  try {
    minutesOfDay(value);
    return true;
  } catch {
    return false;
  }
}

/** The instant the local day `date` begins in `timeZone` (memoised). */
export function startOfLocalDay(date: string, timeZone: string): number {
  const key = `${timeZone}|${date}`;
  const known = localMidnights.get(key);
  if (known !== undefined) return known;
  const [y, m, d] = parseDate(date);
  const guess = Date.UTC(y, m - 1, d);
  // Two passes: the offset at the guess may differ from the offset at the answer around a DST change.
  let instant = guess - offsetAt(timeZone, guess);
  const second = offsetAt(timeZone, instant);
  if (guess - second !== instant) instant = guess - second;
  if (localMidnights.size > MEMO_LIMIT) localMidnights.clear();
  localMidnights.set(key, instant);
  return instant;
}

/**
 * The instant of a wall-clock time on a local day. Minutes are added to local
 * midnight and corrected for an offset change in between (a DST switch at 02:00
 * moves 09:00 by an hour against midnight).
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): number {
  const midnight = startOfLocalDay(date, timeZone);
  const naive = midnight + minutes * MINUTE_MS;
  const shift = offsetAt(timeZone, midnight) - offsetAt(timeZone, naive);
  return naive + shift;
}

/** The local calendar date of an instant in a zone, 'YYYY-MM-DD'. */
export function localDateOf(instant: number, timeZone: string): string {
  // Memoised per zone and UTC hour: local dates change on the hour (or half/quarter hour), and
  // lookups for windows cluster on few hours.
  const hour = Math.floor(instant / (15 * MINUTE_MS));
  const key = `${timeZone}|${hour}`;
  const known = localDates.get(key);
  if (known !== undefined) return known;
  const shifted = new Date(instant + offsetAt(timeZone, instant));
  const date = shifted.toISOString().slice(0, 10);
  if (localDates.size > MEMO_LIMIT) localDates.clear();
  localDates.set(key, date);
  return date;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = parseDate(date);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the ISO week a date falls in. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export function toIso(instant: number): string {
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}
