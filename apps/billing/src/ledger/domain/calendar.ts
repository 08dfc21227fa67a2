import { calendarDateIn } from '#contracts';

/** Calendar-date arithmetic on `YYYY-MM-DD` strings (UTC noon avoids daylight-saving edges). */
function parse(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const date = parse(day);
  date.setUTCDate(date.getUTCDate() + days);
  return format(date);
}

/** Same day of month `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1, 12));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0, 12)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return format(target);
}

/** Whole months from `from` to the day after `to` (a 2026-12-01..2027-11-30 term is 12). */
export function monthsSpanned(from: string, to: string): number {
  const end = addDays(to, 1);
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = end.split('-').map(Number);
  return Math.max(1, (ty - fy) * 12 + (tm - fm) + (td >= fd ? 0 : -1) + (td > fd ? 1 : 0));
}

/** The calendar day of an instant in a time zone (the site's), e.g. for the day work was done. */
export function dayIn(instant: string | Date, timeZone: string | null | undefined): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (!timeZone) return format(date);
  return calendarDateIn(date, timeZone);
}

/** First and last day of the month a day falls in. */
export function monthOf(day: string): { from: string; to: string } {
  const from = `${day.slice(0, 7)}-01`;
  return { from, to: addDays(addMonths(from, 1), -1) };
}
