import { firstEndingAfter, mergeIntervals, overlapLength, overlapsAny, subtract, type Flat } from './intervals.js';
import type { BusyInterval, EngineerProfile, Segment, WeeklyHours } from './model.js';
import { ReasonCode } from './reason-codes.js';
import { addDays, isoWeekday, localDateOf, minutesOfDay, MINUTE_MS, mondayOf, startOfLocalDay, zonedInstant } from './zoned-time.js';

/** How a run of work is cut into a visit: the work, travel each way, and the policy's limits. */
export interface PlanShape {
  workMs: number;
  travelMs: number;
  minSegmentMs: number;
  maxDays: number;
}

export type FitResult =
  | { ok: true }
  | { ok: false; code: ReasonCode; detail: string; conflict?: BusyInterval };

/** Free time, as searched: with or without leave counted as taken. */
interface FreeTime {
  /** Free stretches, flattened, each inside one working window. */
  free: Flat;
  /** For each free stretch, the index of its working window. */
  windowOf: number[];
  /** Taken time (bookings, and leave unless ignored), merged. */
  taken: Flat;
}

const windowMemo = new Map<string, number>();

function windowEdge(date: string, time: string, timeZone: string): number {
  const key = `${timeZone}|${date}|${time}`;
  let instant = windowMemo.get(key);
  if (instant === undefined) {
    instant = zonedInstant(date, minutesOfDay(time), timeZone);
    if (windowMemo.size > 500_000) windowMemo.clear();
    windowMemo.set(key, instant);
  }
  return instant;
}

const patternMemo = new Map<string, Flat>();

/**
 * Working windows of a weekly pattern in a zone between two instants (public
 * holidays not yet removed). Engineers share few patterns, so the result is
 * memoised per zone, pattern and range; callers must not change it.
 */
export function workingWindows(weeklyHours: readonly WeeklyHours[], timeZone: string, from: number, to: number): Flat {
  const key = `${timeZone}|${from}|${to}|${weeklyHours.map((h) => `${h.day}${h.start}${h.end}`).join()}`;
  let windows = patternMemo.get(key);
  if (!windows) {
    windows = computeWorkingWindows(weeklyHours, timeZone, from, to);
    if (patternMemo.size >= 512) patternMemo.delete(patternMemo.keys().next().value!);
    patternMemo.set(key, windows);
  }
  return windows;
}

function computeWorkingWindows(weeklyHours: readonly WeeklyHours[], timeZone: string, from: number, to: number): Flat {
  const byDay = new Map<number, WeeklyHours[]>();
  for (const hours of weeklyHours) byDay.set(hours.day, [...(byDay.get(hours.day) ?? []), hours]);
  const pairs: [number, number][] = [];
  const last = localDateOf(to, timeZone);
  for (let date = localDateOf(from, timeZone); date <= last; date = addDays(date, 1)) {
    for (const hours of byDay.get(isoWeekday(date)) ?? []) {
      const start = windowEdge(date, hours.start, timeZone);
      const end = windowEdge(date, hours.end, timeZone);
      if (end > from && start < to) pairs.push([Math.max(start, from), Math.min(end, to)]);
    }
  }
  return mergeIntervals(pairs);
}

/**
 * One engineer's calendar over a range, precomputed for placement: working
 * windows in the engineer's zone less public holidays, and the time taken by
 * bookings and leave (each booking row already includes its travel). Everything
 * is a sorted flat array, so every question is a binary search.
 */
export class EngineerAvailability {
  readonly windows: Flat;
  private readonly bookings: Flat;
  private readonly leave: Flat;
  private readonly holidays: Flat;
  private readonly busy: readonly BusyInterval[];
  private readonly withLeave: FreeTime;
  private withoutLeave?: FreeTime;
  private readonly weeklyCapacityMs: number;

  constructor(
    readonly profile: EngineerProfile,
    busy: readonly BusyInterval[],
    readonly from: number,
    readonly to: number,
  ) {
    this.busy = [...busy].sort((a, b) => a.start - b.start);
    const pairs = (kind: BusyInterval['kind']) => this.busy.filter((b) => b.kind === kind).map((b) => [b.start, b.end] as const);
    this.holidays = mergeIntervals(pairs('holiday'));
    this.bookings = mergeIntervals(pairs('booking'));
    this.leave = mergeIntervals(pairs('leave'));
    this.windows = subtract(workingWindows(profile.weeklyHours, profile.timezone, from, to), this.holidays);
    this.withLeave = this.freeTime(mergeIntervals([...pairs('booking'), ...pairs('leave')]));
    this.weeklyCapacityMs = profile.weeklyHours.reduce(
      (sum, h) => sum + (minutesOfDay(h.end) - minutesOfDay(h.start)) * MINUTE_MS,
      0,
    );
  }

  get id(): string {
    return this.profile.id;
  }

  private freeTime(taken: Flat): FreeTime {
    const free: Flat = [];
    const windowOf: number[] = [];
    let j = 0;
    for (let w = 0; w < this.windows.length; w += 2) {
      const ws = this.windows[w];
      const we = this.windows[w + 1];
      while (j < taken.length && taken[j + 1] <= ws) j += 2;
      let s = ws;
      for (let k = j; k < taken.length && taken[k] < we; k += 2) {
        if (taken[k] > s) {
          free.push(s, taken[k]);
          windowOf.push(w >> 1);
        }
        s = Math.max(s, taken[k + 1]);
      }
      if (s < we) {
        free.push(s, we);
        windowOf.push(w >> 1);
      }
    }
    return { free, windowOf, taken };
  }

  /**
   * The earliest ways to do the work with work starting at or after `notBefore` and
   * ending by `until`: up to `limit` plans, from different free stretches.
   *
   * Work that fits in one working day is done in one stretch. Longer work starts in
   * a stretch that runs to the end of its working day and continues on the next
   * working days (weekends and holidays skipped, booked days not): travel each way
   * every day. `ignoreLeave` asks "would it fit if the engineer were not on leave".
   */
  plans(notBefore: number, until: number, shape: PlanShape, limit = 1, ignoreLeave = false): Segment[][] {
    const time = ignoreLeave ? (this.withoutLeave ??= this.freeTime(this.bookings)) : this.withLeave;
    const { free, windowOf, taken } = time;
    const { workMs, travelMs } = shape;
    const found: Segment[][] = [];
    const count = free.length >> 1;
    for (let i = firstEndingAfter(free, notBefore - travelMs); i < count && found.length < limit; i++) {
      const fs = free[2 * i];
      const fe = free[2 * i + 1];
      const blockStart = Math.max(fs, notBefore - travelMs);
      if (blockStart + travelMs >= until) break;
      if (fe - blockStart >= workMs + 2 * travelMs) {
        const start = blockStart + travelMs;
        if (start + workMs > until) break;
        found.push([{ start, end: start + workMs }]);
        continue;
      }
      const w = windowOf[i];
      const ws = this.windows[2 * w];
      const we = this.windows[2 * w + 1];
      // Work that fits in a day is never split; a longer visit begins with the rest of a day.
      if (workMs + 2 * travelMs <= we - ws || fe !== we) continue;
      const segments = this.continueFrom(blockStart, w, shape, taken);
      if (!segments) continue;
      if (segments[segments.length - 1].end > until) break;
      found.push(segments);
    }
    return found;
  }

  /** A multi-day visit whose first day's share begins (travel included) at `blockStart` in window `w`. */
  private continueFrom(blockStart: number, w: number, shape: PlanShape, taken: Flat | null): Segment[] | null {
    const { workMs, travelMs, minSegmentMs, maxDays } = shape;
    const windowCount = this.windows.length >> 1;
    const firstEnd = this.windows[2 * w + 1] - travelMs;
    const firstWork = firstEnd - (blockStart + travelMs);
    if (firstWork < Math.min(minSegmentMs, workMs)) return null;
    if (firstWork >= workMs) return [{ start: blockStart + travelMs, end: blockStart + travelMs + workMs }];
    const segments: Segment[] = [{ start: blockStart + travelMs, end: firstEnd }];
    let remaining = workMs - firstWork;
    for (let next = w + 1; remaining > 0; next++) {
      if (segments.length >= maxDays || next >= windowCount) return null;
      const ws = this.windows[2 * next];
      const we = this.windows[2 * next + 1];
      const usable = we - ws - 2 * travelMs;
      if (usable < Math.min(minSegmentMs, remaining)) return null;
      const work = Math.min(usable, remaining);
      if (taken && overlapsAny(taken, ws, ws + work + 2 * travelMs)) return null;
      segments.push({ start: ws + travelMs, end: ws + travelMs + work });
      remaining -= work;
    }
    return segments;
  }

  /**
   * The visit a person asks for: work from `start`, cut at this engineer's working
   * days. Whether the engineer (or anyone else) is free then is `fits`' question.
   */
  planFrom(start: number, shape: PlanShape): { segments: Segment[] } | { code: ReasonCode; detail: string } {
    const blockStart = start - shape.travelMs;
    const w = firstEndingAfter(this.windows, blockStart);
    if (w >= this.windows.length >> 1 || this.windows[2 * w] > blockStart) {
      return this.outsideWorkingHours(blockStart, start + shape.travelMs, 'does not start');
    }
    const ws = this.windows[2 * w];
    const we = this.windows[2 * w + 1];
    if (we - blockStart >= shape.workMs + 2 * shape.travelMs) return { segments: [{ start, end: start + shape.workMs }] };
    if (shape.workMs + 2 * shape.travelMs <= we - ws) {
      return { code: ReasonCode.OUTSIDE_WORKING_HOURS, detail: `work and travel from ${iso(blockStart)} run past the end of the working day at ${iso(we)}` };
    }
    const segments = this.continueFrom(blockStart, w, shape, null);
    if (!segments) return { code: ReasonCode.OUTSIDE_WORKING_HOURS, detail: `no run of ${Math.round(shape.workMs / 3600_000)} h of working days from ${iso(start)}` };
    return { segments };
  }

  /** Whether this engineer can do these work segments with this travel: working hours, holidays, leave, bookings. */
  fits(segments: readonly Segment[], travelMs: number): FitResult {
    for (const segment of segments) {
      const a = segment.start - travelMs;
      const b = segment.end + travelMs;
      const w = firstEndingAfter(this.windows, a);
      if (w >= this.windows.length >> 1 || this.windows[2 * w] > a || this.windows[2 * w + 1] < b) {
        return this.outsideWorkingHours(a, b, 'is not');
      }
      if (overlapsAny(this.withLeave.taken, a, b)) {
        const conflict = this.busy.find((x) => x.kind !== 'holiday' && x.start < b && x.end > a);
        const onLeave = conflict?.kind === 'leave';
        return {
          ok: false,
          code: onLeave ? ReasonCode.ON_LEAVE : ReasonCode.NOT_FREE,
          detail: `${onLeave ? 'on leave' : 'booked'} ${iso(conflict?.start ?? a)}–${iso(conflict?.end ?? b)}, which overlaps ${iso(a)}–${iso(b)} (travel included)`,
          ...(conflict ? { conflict } : {}),
        };
      }
    }
    return { ok: true };
  }

  private outsideWorkingHours(a: number, b: number, verb: string): { ok: false; code: ReasonCode; detail: string } {
    const holiday = overlapsAny(this.holidays, a, b) ? this.busy.find((x) => x.kind === 'holiday' && x.start < b && x.end > a) : undefined;
    if (holiday) return { ok: false, code: ReasonCode.HOLIDAY, detail: `public holiday ${localDateOf(a, this.profile.timezone)}` };
    return {
      ok: false,
      code: ReasonCode.OUTSIDE_WORKING_HOURS,
      detail: `${iso(a)}–${iso(b)} (travel included) ${verb} within working hours in ${this.profile.timezone}`,
    };
  }

  /** No working time at all between the two instants. */
  hasNoWorkingTime(from: number, until: number): boolean {
    return overlapLength(this.windows, from, until) === 0;
  }

  onLeaveDuring(from: number, until: number): boolean {
    return overlapsAny(this.leave, from, until);
  }

  /** Working time (holidays excluded), booked time (travel included) and leave within working time, in ms. */
  workload(from: number, to: number): { workingMs: number; bookedMs: number; leaveMs: number } {
    let leaveMs = 0;
    for (let i = firstEndingAfter(this.leave, from); i < this.leave.length >> 1 && this.leave[2 * i] < to; i++) {
      leaveMs += overlapLength(this.windows, Math.max(from, this.leave[2 * i]), Math.min(to, this.leave[2 * i + 1]));
    }
    return { workingMs: overlapLength(this.windows, from, to), bookedMs: overlapLength(this.bookings, from, to), leaveMs };
  }

  /**
   * Share of the engineer's working week already booked (travel included), in the
   * engineer's week (Monday to Sunday, local) of `at`: 0 idle … 1 full.
   */
  weeklyLoad(at: number): number {
    if (this.weeklyCapacityMs <= 0) return 1;
    const zone = this.profile.timezone;
    const monday = mondayOf(localDateOf(at, zone));
    const weekStart = startOfLocalDay(monday, zone);
    const weekEnd = startOfLocalDay(addDays(monday, 7), zone);
    return Math.min(1, overlapLength(this.bookings, weekStart, weekEnd) / this.weeklyCapacityMs);
  }
}

function iso(instant: number): string {
  return new Date(instant).toISOString().replace(':00.000Z', 'Z');
}
