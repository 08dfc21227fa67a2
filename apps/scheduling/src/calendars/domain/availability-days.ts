import type { AvailabilityDayKind, EngineerAvailabilityDay } from '#contracts';
import { mergeIntervals } from '../../assignment/domain/intervals.js';
import type { WeeklyHours } from '../../assignment/domain/model.js';
import { addDays, isoWeekday, minutesOfDay, MINUTE_MS, zonedInstant } from '../../assignment/domain/zoned-time.js';

/** Leave as recorded: whole local days, inclusive. */
export interface LeaveDays {
  firstDay: string;
  lastDay: string;
}

/** What an engineer's available minutes per day follow from. */
export interface AvailabilityCalendar {
  /** IANA zone of the working week (wall-clock hours; a DST switch inside a window changes its length). */
  timezone: string;
  weeklyHours: readonly WeeklyHours[];
  leave: readonly LeaveDays[];
  /** Public holidays of the engineer's home region, 'YYYY-MM-DD'. */
  holidays: readonly string[];
  /** The engineer is switched off from this local day on (null: active). */
  inactiveFrom?: string | null;
}

/** At most this many days in one event: a year, so a long leave cannot make a huge record. */
export const MAX_AVAILABILITY_DAYS = 366;

/** Calendar minutes of a local day by the working week: its windows merged, as wall-clock time in the zone. */
export function calendarMinutes(weeklyHours: readonly WeeklyHours[], timezone: string, date: string): number {
  const weekday = isoWeekday(date);
  const windows = mergeIntervals(
    weeklyHours
      .filter((h) => h.day === weekday)
      .map((h) => [zonedInstant(date, minutesOfDay(h.start), timezone), zonedInstant(date, minutesOfDay(h.end), timezone)] as const),
  );
  let ms = 0;
  for (let i = 0; i < windows.length; i += 2) ms += windows[i + 1] - windows[i];
  return Math.round(ms / MINUTE_MS);
}

/**
 * Each local day from `first` to `last` (inclusive, at most MAX_AVAILABILITY_DAYS)
 * with the minutes the engineer can work: the working week's minutes that day,
 * 0 on leave and public holidays. Why a day has 0 minutes, in order: no working
 * hours that weekday (or switched off) is `off`, then `holiday`, then `leave`.
 * Leave and holidays are whole days, so there is no partial deduction.
 */
export function availabilityDays(calendar: AvailabilityCalendar, first: string, last: string): EngineerAvailabilityDay[] {
  if (last < first) throw new RangeError(`Availability window ends (${last}) before it starts (${first})`);
  const holidays = new Set(calendar.holidays);
  const leave = [...calendar.leave].sort((a, b) => a.firstDay.localeCompare(b.firstDay));
  const onLeave = (date: string) => leave.some((l) => l.firstDay <= date && date <= l.lastDay);
  const days: EngineerAvailabilityDay[] = [];
  for (let date = first; date <= last && days.length < MAX_AVAILABILITY_DAYS; date = addDays(date, 1)) {
    const minutes = calendar.inactiveFrom && date >= calendar.inactiveFrom ? 0 : calendarMinutes(calendar.weeklyHours, calendar.timezone, date);
    const kind: AvailabilityDayKind = minutes === 0 ? 'off' : holidays.has(date) ? 'holiday' : onLeave(date) ? 'leave' : 'working';
    days.push({ date, availableMinutes: kind === 'working' ? minutes : 0, kind });
  }
  return days;
}
