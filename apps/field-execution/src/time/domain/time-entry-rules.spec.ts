import { FieldWorkError } from '../../errors/field-work.error.js';
import { checkTimeRange, hoursBetween, overlaps } from './time-entry-rules.js';

const d = (iso: string) => new Date(iso);
const NOW = d('2026-12-02T12:00:00Z');

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof FieldWorkError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('time entry rules', () => {
  it('counts hours to 2 decimals, half-up', () => {
    expect(hoursBetween({ start: d('2026-11-30T04:35:00Z'), end: d('2026-11-30T10:35:00Z') })).toBe('6.00');
    expect(hoursBetween({ start: d('2026-11-30T04:00:00Z'), end: d('2026-11-30T04:20:00Z') })).toBe('0.33');
    // 10 minutes is 0.1666… h; 7.5 minutes is exactly 0.125 h and rounds up.
    expect(hoursBetween({ start: d('2026-11-30T04:00:00Z'), end: d('2026-11-30T04:10:00Z') })).toBe('0.17');
    expect(hoursBetween({ start: d('2026-11-30T04:00:00Z'), end: d('2026-11-30T04:07:30Z') })).toBe('0.13');
  });

  it('needs an end after the start, at most a day, not in the future', () => {
    expect(codeOf(() => checkTimeRange({ start: d('2026-11-30T10:00:00Z'), end: d('2026-11-30T10:00:00Z') }, NOW))).toBe('INVALID_TIME');
    expect(codeOf(() => checkTimeRange({ start: d('2026-11-30T10:00:00Z'), end: d('2026-12-01T10:00:01Z') }, NOW))).toBe('INVALID_TIME');
    expect(codeOf(() => checkTimeRange({ start: d('2026-12-02T11:00:00Z'), end: d('2026-12-02T13:00:00Z') }, NOW))).toBe('INVALID_TIME');
    // A device clock a few minutes ahead is tolerated.
    expect(codeOf(() => checkTimeRange({ start: d('2026-12-02T11:00:00Z'), end: d('2026-12-02T12:03:00Z') }, NOW))).toBe('accepted');
    expect(codeOf(() => checkTimeRange({ start: d('2026-11-30T00:00:00Z'), end: d('2026-12-01T00:00:00Z') }, NOW))).toBe('accepted');
  });

  it('treats ranges as half-open: back-to-back entries do not overlap', () => {
    const morning = { start: d('2026-11-30T04:00:00Z'), end: d('2026-11-30T08:00:00Z') };
    expect(overlaps(morning, { start: d('2026-11-30T08:00:00Z'), end: d('2026-11-30T09:00:00Z') })).toBe(false);
    expect(overlaps(morning, { start: d('2026-11-30T07:59:00Z'), end: d('2026-11-30T09:00:00Z') })).toBe(true);
    expect(overlaps(morning, { start: d('2026-11-30T05:00:00Z'), end: d('2026-11-30T06:00:00Z') })).toBe(true);
  });
});
