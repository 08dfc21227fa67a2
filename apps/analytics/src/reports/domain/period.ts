/**
 * The period a report covers when it is not asked for one. A report over a
 * period never reads every row there ever was: without `from` and `to` it takes
 * its default period, ending on the day the report is taken on.
 */
export type DefaultPeriod = 'month-to-date' | 'twelve-months-to-date';

export const DEFAULT_PERIOD_WORDS: Record<DefaultPeriod, string> = {
  'month-to-date': 'the month to date',
  'twelve-months-to-date': 'the twelve months to date (this month and the eleven before it)',
};

export interface Period {
  from: string;
  to: string;
  /** Set when `from` or `to` was not asked for: what the report took instead. */
  assumed?: string;
}

/** The first day of the month `back` months before the month of `day` (YYYY-MM-DD). */
export function monthStart(day: string, back = 0): string {
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1 - back, 1)).toISOString().slice(0, 10);
}

/**
 * The period asked for, with what is missing filled in: `to` is the end day (the report's
 * asOf, or today); `from` the start of the default period ending in `to`'s month.
 */
export function periodFor(rule: DefaultPeriod, asked: { from?: string; to?: string }, end: { day: string; named: string }): Period {
  if (asked.from && asked.to) return { from: asked.from, to: asked.to };
  const to = asked.to ?? end.day;
  const from = asked.from ?? monthStart(to, rule === 'month-to-date' ? 0 : 11);
  if (!asked.from && !asked.to) return { from, to, assumed: `No period asked: ${DEFAULT_PERIOD_WORDS[rule]}, ${from} to ${to} (${end.named}). Pass from and to for another period.` };
  if (!asked.from) return { from, to, assumed: `from not asked: ${from}, the start of ${DEFAULT_PERIOD_WORDS[rule]} ending on to.` };
  return { from, to, assumed: `to not asked: ${to} (${end.named}).` };
}
