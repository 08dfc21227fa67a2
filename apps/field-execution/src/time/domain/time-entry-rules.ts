import { Decimal } from 'decimal.js';
import { FieldWorkError, FieldWorkErrorCode } from '../../errors/field-work.error.js';

/** What an engineer's time was spent on (the contract's `TIME_ACTIVITIES`). */
export { TIME_ACTIVITIES, type TimeActivity } from '#contracts';

/** No single entry spans more than a day: longer work is one entry per day. */
export const MAX_ENTRY_HOURS = 24;

/** Devices' clocks drift: a time this far ahead of ours is still "now". */
export const CLOCK_SKEW_MS = 5 * 60_000;

const Hours = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export interface TimeRange {
  start: Date;
  end: Date;
}

/** end − start in hours, rounded half-up to 2 decimals: 6 h 20 min is "6.33". */
export function hoursBetween(range: TimeRange): string {
  return new Hours(range.end.getTime() - range.start.getTime()).dividedBy(3_600_000).toDecimalPlaces(2).toFixed(2);
}

/** A range that ends after it starts, lasts at most a day and is not in the future. */
export function checkTimeRange(range: TimeRange, now: Date): void {
  if (!(range.end > range.start)) {
    throw new FieldWorkError(FieldWorkErrorCode.INVALID_TIME, `end ${range.end.toISOString()} must be after start ${range.start.toISOString()}`);
  }
  if (range.end.getTime() - range.start.getTime() > MAX_ENTRY_HOURS * 3_600_000) {
    throw new FieldWorkError(FieldWorkErrorCode.INVALID_TIME, `A time entry covers at most ${MAX_ENTRY_HOURS} hours; record one entry per day`);
  }
  if (range.end.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new FieldWorkError(FieldWorkErrorCode.INVALID_TIME, `end ${range.end.toISOString()} is in the future`);
  }
}

/** Half-open ranges: one ending at 12:00 and one starting at 12:00 do not overlap. */
export function overlaps(a: TimeRange, b: TimeRange): boolean {
  return a.start < b.end && b.start < a.end;
}
