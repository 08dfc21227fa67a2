/**
 * Coverage calendars: which moments count towards an SLA target.
 *
 * A contract's coverage level decides it: `24x7` counts every minute; `8x5` counts
 * only the site's working hours (by default Monday–Friday 09:00–17:00) in the
 * site's own IANA time zone, minus the site's public holidays. Working hours are
 * wall-clock times: 09:00–17:00 in Berlin is eight hours on the Monday after a
 * daylight-saving change just as on any other Monday, because each day's opening
 * and closing are converted to instants separately.
 *
 * Everything is computed per local day (one opening window per working day), never
 * per minute, so a span of months costs a few hundred window look-ups.
 *
 * Internally durations are milliseconds: summing pieces of elapsed time as
 * fractional minutes would drift and could make a request breach a hair early.
 */

import { isIanaTimeZone, wallClockIn, type WallClock } from '#contracts';

export const COVERAGE_LEVELS = ['8x5', '24x7'] as const;
export type CoverageLevel = (typeof COVERAGE_LEVELS)[number];

/** ISO weekday numbers, as used by `WorkingHours.days`. */
export const MONDAY = 1;
export const SUNDAY = 7;

export interface WorkingHours {
  /** ISO weekdays on which the site is covered: 1 = Monday … 7 = Sunday. */
  days: readonly number[];
  /** Local opening time, 'HH:MM'. */
  start: string;
  /** Local closing time, 'HH:MM', later than `start`; '24:00' means until midnight. */
  end: string;
}

/** The usual 8x5 window: Monday to Friday, 09:00–17:00 local time. */
export const STANDARD_WORKING_HOURS: Readonly<WorkingHours> = Object.freeze({
  days: Object.freeze([1, 2, 3, 4, 5]),
  start: '09:00',
  end: '17:00',
});

export interface CoverageCalendarOptions {
  coverage: CoverageLevel;
  /** The site's IANA time zone, e.g. 'Asia/Kolkata', 'Europe/Berlin'. */
  timeZone: string;
  /** 8x5 only; defaults to `STANDARD_WORKING_HOURS`. */
  workingHours?: WorkingHours;
  /**
   * 8x5 only: the site's holidays as local dates 'YYYY-MM-DD'. Ignored for 24x7,
   * which by definition has no days off (so a site's list can be passed for any
   * contract at that site).
   */
  holidays?: readonly string[];
}

const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** A working day is never more than this far away unless the calendar is misconfigured. */
const MAX_DAYS_SCANNED = 100 * 366;
/** Enough windows for several years; beyond it the cache starts over rather than growing. */
const WINDOW_CACHE_LIMIT = 4_096;

const HH_MM = /^(\d{2}):(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Opening and closing of one local working day, as epoch milliseconds. */
interface Window {
  open: number;
  close: number;
}

/**
 * Converts between instants and wall-clock time in one IANA time zone using only
 * `Intl.DateTimeFormat` (full ICU in Node 20), so no date library is needed. The
 * formatter is the one #contracts keeps per zone: a calendar is built for every
 * request the SLA monitor looks at, and building a formatter costs far more than
 * using one.
 */
class ZoneClock {
  constructor(readonly timeZone: string) {
    // A calendar for a zone the runtime does not know fails here, when it is built. The
    // answer is kept per zone, so this costs a look-up, not a formatter.
    if (!isIanaTimeZone(timeZone)) throw new RangeError(`Unknown IANA time zone '${String(timeZone)}'`);
  }

  wallClock(instant: number): WallClock {
    return wallClockIn(instant, this.timeZone);
  }

  /** Local civil day of an instant, as days since 1970-01-01. */
  localDay(instant: number): number {
    const { year, month, day } = this.wallClock(instant);
    return Date.UTC(year, month - 1, day) / DAY_MS;
  }

  /** UTC offset in force at an instant (local wall clock minus UTC), in milliseconds. */
  offset(instant: number): number {
    const w = this.wallClock(instant);
    const wholeSecond = Math.floor(instant / SECOND_MS) * SECOND_MS;
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - wholeSecond;
  }

  /**
   * The instant at which the local clock shows `minuteOfDay` on civil day `day`.
   * Times that do not exist (skipped by a spring-forward) move forward by the gap;
   * times that occur twice (fall-back) take the first occurrence. This matches
   * Temporal's 'compatible' disambiguation and only matters for windows that open
   * or close in the small hours, since zones change their clocks at night.
   */
  toInstant(day: number, minuteOfDay: number): number {
    const local = day * DAY_MS + minuteOfDay * MINUTE_MS;
    // Real zones change offset at most once within any two days, so the offsets a
    // day either side are the only candidates.
    const before = local - this.offset(local - DAY_MS);
    if (before + this.offset(before) === local) return before;
    const after = local - this.offset(local + DAY_MS);
    if (after + this.offset(after) === local) return after;
    // In a gap: `before` used the earlier, smaller offset, so it lands after the gap.
    return before;
  }

  format(instant: number): string {
    const w = this.wallClock(instant);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
  }
}

/**
 * Which instants count towards SLA targets at one site under one coverage level.
 * Immutable once built; safe to share between clocks of the same site and contract.
 */
export class CoverageCalendar {
  readonly coverage: CoverageLevel;
  readonly timeZone: string;
  /** Null for 24x7. */
  readonly workingHours: Readonly<WorkingHours> | null;
  readonly holidays: readonly string[];

  private readonly zone: ZoneClock;
  private readonly coveredWeekdays: ReadonlySet<number>;
  private readonly openMinute: number;
  private readonly closeMinute: number;
  private readonly holidayDays: ReadonlySet<number>;
  /** Windows by civil day: status queries ask for the same days again and again. */
  private readonly windows = new Map<number, Window | null>();

  constructor(options: CoverageCalendarOptions) {
    if (!COVERAGE_LEVELS.includes(options.coverage)) {
      throw new RangeError(`Unknown coverage level '${String(options.coverage)}': expected ${COVERAGE_LEVELS.join(' or ')}`);
    }
    this.coverage = options.coverage;
    this.zone = new ZoneClock(options.timeZone);
    this.timeZone = options.timeZone;

    if (options.coverage === '24x7') {
      this.workingHours = null;
      this.holidays = [];
      this.coveredWeekdays = new Set([1, 2, 3, 4, 5, 6, 7]);
      this.openMinute = 0;
      this.closeMinute = 24 * 60;
      this.holidayDays = new Set();
      return;
    }

    const hours = options.workingHours ?? STANDARD_WORKING_HOURS;
    const days = [...new Set(hours.days)].sort((a, b) => a - b);
    if (days.length === 0) throw new RangeError('8x5 working hours need at least one working day');
    for (const day of days) {
      if (!Number.isInteger(day) || day < MONDAY || day > SUNDAY) {
        throw new RangeError(`Working day ${day} is not an ISO weekday (1 = Monday … 7 = Sunday)`);
      }
    }
    this.openMinute = parseClockTime(hours.start, 'start');
    this.closeMinute = parseClockTime(hours.end, 'end');
    // Overnight shifts would make one "day" span two local dates; no 8x5 contract needs it.
    if (this.openMinute >= this.closeMinute) {
      throw new RangeError(`Working hours must open before they close, got ${hours.start}–${hours.end}`);
    }
    if (this.openMinute === 24 * 60) throw new RangeError(`Working hours cannot open at 24:00`);
    this.workingHours = Object.freeze({ days: Object.freeze(days), start: hours.start, end: hours.end });
    this.coveredWeekdays = new Set(days);

    const holidays = [...new Set(options.holidays ?? [])].sort();
    this.holidays = Object.freeze(holidays);
    this.holidayDays = new Set(holidays.map(parseLocalDate));
  }

  /** Coverage time between two instants, in minutes (fractional if the instants are not on whole minutes). */
  workingMinutesBetween(from: Date, to: Date): number {
    return this.workingMillisBetween(from, to) / MINUTE_MS;
  }

  /**
   * The instant at which `minutes` of coverage have elapsed after `from`. Outside
   * coverage, counting starts at the next opening; a target that runs out exactly at
   * closing time is due at closing time, not at the next opening.
   */
  addWorkingMinutes(from: Date, minutes: number): Date {
    if (!Number.isFinite(minutes) || minutes < 0) {
      throw new RangeError(`Working minutes to add must be a non-negative number, got ${minutes}`);
    }
    return this.addWorkingMillis(from, Math.round(minutes * MINUTE_MS));
  }

  /** As `workingMinutesBetween`, exact to the millisecond: use it when summing pieces. */
  workingMillisBetween(from: Date, to: Date): number {
    const start = instant(from, 'from');
    const end = instant(to, 'to');
    if (end < start) throw new RangeError(`'to' (${to.toISOString()}) is before 'from' (${from.toISOString()})`);
    if (this.coverage === '24x7') return end - start;

    let covered = 0;
    const lastDay = this.zone.localDay(end);
    for (let day = this.zone.localDay(start); day <= lastDay; day++) {
      const window = this.window(day);
      if (!window) continue;
      const overlap = Math.min(window.close, end) - Math.max(window.open, start);
      if (overlap > 0) covered += overlap;
    }
    return covered;
  }

  /** As `addWorkingMinutes`, in milliseconds. */
  addWorkingMillis(from: Date, millis: number): Date {
    const start = instant(from, 'from');
    if (!Number.isInteger(millis) || millis < 0) {
      throw new RangeError(`Working milliseconds to add must be a non-negative integer, got ${millis}`);
    }
    if (this.coverage === '24x7') return new Date(start + millis);

    let remaining = millis;
    const firstDay = this.zone.localDay(start);
    for (let day = firstDay; day - firstDay <= MAX_DAYS_SCANNED; day++) {
      const window = this.window(day);
      if (!window || window.close <= start) continue;
      const opensAt = Math.max(window.open, start);
      const available = window.close - opensAt;
      if (remaining <= available) return new Date(opensAt + remaining);
      remaining -= available;
    }
    throw new RangeError(`No coverage found within ${MAX_DAYS_SCANNED} days of ${from.toISOString()}: check the holidays`);
  }

  /** Whether coverage time is counting at this instant (opening inclusive, closing exclusive). */
  isCovered(at: Date): boolean {
    const moment = instant(at, 'at');
    if (this.coverage === '24x7') return true;
    const window = this.window(this.zone.localDay(moment));
    return window !== null && window.open <= moment && moment < window.close;
  }

  /** `at` itself if covered, otherwise the next opening: when a request raised at night starts counting. */
  nextCoverageStart(at: Date): Date {
    return this.addWorkingMillis(at, 0);
  }

  /** The instant as the site's wall clock shows it: 'YYYY-MM-DD HH:MM'. */
  formatLocal(at: Date): string {
    return this.zone.format(instant(at, 'at'));
  }

  private window(day: number): Window | null {
    const cached = this.windows.get(day);
    if (cached !== undefined) return cached;
    const weekday = ((((day + 3) % 7) + 7) % 7) + 1; // 1970-01-01 (day 0) was a Thursday.
    const window =
      this.coveredWeekdays.has(weekday) && !this.holidayDays.has(day)
        ? { open: this.zone.toInstant(day, this.openMinute), close: this.zone.toInstant(day, this.closeMinute) }
        : null;
    if (this.windows.size >= WINDOW_CACHE_LIMIT) this.windows.clear();
    this.windows.set(day, window);
    return window;
  }
}

/** An instant as the wall clock in `timeZone` shows it: 'YYYY-MM-DD HH:MM'. */
export function formatLocalDateTime(at: Date, timeZone: string): string {
  return new ZoneClock(timeZone).format(instant(at, 'at'));
}

function instant(date: Date, name: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`'${name}' is not a valid date`);
  return ms;
}

/** 'HH:MM' → minutes after local midnight; '24:00' is allowed (as a closing time). */
function parseClockTime(value: string, name: string): number {
  const match = HH_MM.exec(value);
  const hours = match ? Number(match[1]) : Number.NaN;
  const minutes = match ? Number(match[2]) : Number.NaN;
  const valid = match !== null && minutes < 60 && (hours < 24 || (hours === 24 && minutes === 0));
  if (!valid) throw new RangeError(`Working hours ${name} must be 'HH:MM' between 00:00 and 24:00, got '${value}'`);
  return hours * 60 + minutes;
}

/** 'YYYY-MM-DD' → days since 1970-01-01, rejecting impossible dates such as 2026-02-30. */
function parseLocalDate(value: string): number {
  const match = ISO_DATE.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
      return date.getTime() / DAY_MS;
    }
  }
  throw new RangeError(`Holiday must be a local date 'YYYY-MM-DD', got '${value}'`);
}
