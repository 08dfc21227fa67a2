/**
 * Which days a list of holidays or leave covers. Asked without `from` and `to`,
 * neither list answers every year there ever was: holidays cover this calendar year
 * and the next (what a planner plans against), leave what ends from a year ago on
 * (the recent history and everything booked ahead). With either end asked for, the
 * other is open.
 */
export interface CalendarPeriod {
  /** First day, YYYY-MM-DD; null: open. */
  from: string | null;
  /** Last day, YYYY-MM-DD, inclusive; null: open. */
  to: string | null;
}

const asked = (q: { from?: string; to?: string }): CalendarPeriod | null =>
  q.from || q.to ? { from: q.from ?? null, to: q.to ?? null } : null;

/** Holidays: as asked, else 1 January of `today`'s year to 31 December of the next. */
export function holidayPeriod(query: { from?: string; to?: string }, today: string): CalendarPeriod {
  const year = Number(today.slice(0, 4));
  return asked(query) ?? { from: `${year}-01-01`, to: `${year + 1}-12-31` };
}

/** Leave: as asked, else leave that ends on or after the same day a year before `today` (28 February for 29 February). */
export function leavePeriod(query: { from?: string; to?: string }, today: string): CalendarPeriod {
  const year = Number(today.slice(0, 4)) - 1;
  const month = Number(today.slice(5, 7));
  const day = Math.min(Number(today.slice(8, 10)), new Date(Date.UTC(year, month, 0)).getUTCDate());
  return asked(query) ?? { from: `${year}-${today.slice(5, 7)}-${String(day).padStart(2, '0')}`, to: null };
}
