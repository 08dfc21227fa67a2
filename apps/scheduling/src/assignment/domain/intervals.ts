/**
 * Sorted interval lists, flattened as [start0, end0, start1, end1, …] of epoch ms:
 * compact, cache-friendly and binary-searchable, which is what keeps placing one
 * task among a thousand 90-day calendars within milliseconds.
 */

export type Flat = number[];

/** Sorts [start, end] pairs and merges those that overlap or touch. */
export function mergeIntervals(pairs: readonly (readonly [number, number])[]): Flat {
  const sorted = pairs.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Flat = [];
  for (const [s, e] of sorted) {
    const last = out.length - 1;
    if (last > 0 && s <= out[last]) {
      if (e > out[last]) out[last] = e;
    } else {
      out.push(s, e);
    }
  }
  return out;
}

/** Index of the first interval whose end is after `t` (intervals.length/2 when none). */
export function firstEndingAfter(intervals: Flat, t: number): number {
  let lo = 0;
  let hi = intervals.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (intervals[2 * mid + 1] > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** True when some interval overlaps [a, b). */
export function overlapsAny(intervals: Flat, a: number, b: number): boolean {
  const i = firstEndingAfter(intervals, a);
  return i < intervals.length >> 1 && intervals[2 * i] < b;
}

/** Total length of the overlap of [a, b) with the intervals. */
export function overlapLength(intervals: Flat, a: number, b: number): number {
  let total = 0;
  for (let i = firstEndingAfter(intervals, a); i < intervals.length >> 1; i++) {
    const s = intervals[2 * i];
    if (s >= b) break;
    total += Math.min(b, intervals[2 * i + 1]) - Math.max(a, s);
  }
  return total;
}

/** `a` minus `b` (both sorted, `b` merged). */
export function subtract(a: Flat, b: Flat): Flat {
  const out: Flat = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let s = a[i];
    const e = a[i + 1];
    while (j < b.length && b[j + 1] <= s) j += 2;
    let k = j;
    while (k < b.length && b[k] < e) {
      if (b[k] > s) out.push(s, b[k]);
      s = Math.max(s, b[k + 1]);
      if (s >= e) break;
      k += 2;
    }
    if (s < e) out.push(s, e);
  }
  return out;
}
