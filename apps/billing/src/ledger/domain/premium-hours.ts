import { wallClockIn } from '#contracts';
import { extend, money, roundAmount, type RoundingRule } from './billing-money.js';

/**
 * After-hours and weekend premiums: an engineer's hour is billed at the rate
 * card's rate in business hours, at `afterHoursPercent` of it outside them on a
 * working day, and at `weekendPercent` on a non-working day, all on the site's
 * wall clock. Public holidays are scheduling's calendar, not billing's: they are
 * priced as the weekday they fall on.
 */

/** Where an hour falls on the site's wall clock. */
export type TimeBand = 'business' | 'after_hours' | 'non_working';

/** A rate card's working week: ISO weekdays (1 Monday … 7 Sunday) and the hours `from`–`to` (`HH:MM`) of each. */
export interface BusinessHours {
  days: readonly number[];
  from: string;
  to: string;
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = Object.freeze({ days: Object.freeze([1, 2, 3, 4, 5]), from: '08:00', to: '18:00' });

/** A billing card's premiums: percents of its rate (decimal strings, ≥ 100), null when it has none. */
export interface Premiums {
  afterHoursPercent: string | null;
  /** Non-working days; when null the after-hours percent applies there too. */
  weekendPercent: string | null;
  businessHours: BusinessHours;
}

export function hasPremiums(premiums: Premiums | null | undefined): premiums is Premiums {
  return !!premiums && (premiums.afterHoursPercent !== null || premiums.weekendPercent !== null);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/**
 * How far apart the zone's offset is probed for a change. No zone changes its
 * offset twice within this span, so a change between two probes is never missed.
 */
const OFFSET_PROBE = 6 * HOUR;

/** Milliseconds after midnight of an `HH:MM` wall time (`24:00` is the day's end). */
function wallMs(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * HOUR + m * 60_000;
}

/** The zone's offset from UTC at an instant, in ms (wall clock − UTC). */
function offsetAt(at: number, timeZone: string): number {
  const w = wallClockIn(at, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}

/** The first instant in (lo, hi] whose offset is not `offset` (there is one: hi's differs). */
function offsetChange(lo: number, hi: number, offset: number, timeZone: string): number {
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === offset) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * [start, end) cut where the zone's offset changes (a DST night), each piece with
 * its offset: inside a piece, wall time is the instant plus the offset, so wall
 * clock arithmetic there measures real elapsed time.
 */
function piecesOfConstantOffset(start: number, end: number, timeZone: string): { from: number; to: number; offset: number }[] {
  const pieces: { from: number; to: number; offset: number }[] = [];
  let pieceStart = start;
  let offset = offsetAt(start, timeZone);
  let probed = start;
  while (probed < end) {
    const next = Math.min(probed + OFFSET_PROBE, end);
    const last = next - 1;
    if (offsetAt(last, timeZone) !== offset) {
      const change = offsetChange(probed, last, offset, timeZone);
      pieces.push({ from: pieceStart, to: change, offset });
      pieceStart = change;
      offset = offsetAt(change, timeZone);
      probed = change;
      continue;
    }
    probed = next;
  }
  pieces.push({ from: pieceStart, to: end, offset });
  return pieces;
}

/**
 * How many milliseconds of [start, end) fall in business hours, after hours on a
 * working day and on non-working days, by the site's wall clock: each local day
 * the work touches is a working day or not by its ISO weekday, and a spring-forward
 * night's missing hour is not counted, a fall-back night's repeated hour twice.
 */
export function bandsOf(start: Date, end: Date, timeZone: string, hours: BusinessHours): Record<TimeBand, number> {
  const ms: Record<TimeBand, number> = { business: 0, after_hours: 0, non_working: 0 };
  const opens = wallMs(hours.from);
  const closes = wallMs(hours.to);
  for (const piece of piecesOfConstantOffset(start.getTime(), end.getTime(), timeZone)) {
    // Wall clock as if it were UTC: days and weekdays are then plain UTC arithmetic.
    const wallEnd = piece.to + piece.offset;
    let at = piece.from + piece.offset;
    while (at < wallEnd) {
      const midnight = Math.floor(at / DAY) * DAY;
      const isoWeekday = new Date(midnight).getUTCDay() || 7;
      const spans: [number, number, TimeBand][] = hours.days.includes(isoWeekday)
        ? [
            [midnight, midnight + opens, 'after_hours'],
            [midnight + opens, midnight + closes, 'business'],
            [midnight + closes, midnight + DAY, 'after_hours'],
          ]
        : [[midnight, midnight + DAY, 'non_working']];
      for (const [from, to, band] of spans) {
        const overlap = Math.min(to, wallEnd) - Math.max(from, at);
        if (overlap > 0) ms[band] += overlap;
      }
      at = midnight + DAY;
    }
  }
  return ms;
}

export interface BandHours {
  band: TimeBand;
  /** Decimal hours, up to 4 places; the bands add up to the entry's hours. */
  hours: string;
  /** Percent of the rate this band is billed at. */
  percent: string;
}

export interface TimePrice {
  /** Σ band hours × rate × percent / 100, rounded once by the card's rule. */
  amount: string;
  /**
   * The rate per hour on the line: the card's rate when no premium applied; with
   * premiums the blended rate (amount ÷ hours, 4 decimals) for which hours × rate
   * rounded half-up is the amount, as the ERP contract reads a line.
   */
  unitPrice: string;
  bands: BandHours[];
  /** The bands in words for the line ("2 h at 1200.00, 2 h after hours at 150 %"); null when no premium applied. */
  breakdown: string | null;
}

export interface TimeToPrice {
  /** The approved hours (end − start, 2 decimals): the line's quantity. */
  hours: string;
  start: string | Date;
  end: string | Date;
  /** The site's IANA zone; UTC when the site has none. */
  timeZone: string | null | undefined;
  rate: string;
  currency: string;
  rule: RoundingRule;
  premiums: Premiums | null;
}

const BAND_ORDER: readonly TimeBand[] = ['business', 'after_hours', 'non_working'];
const QUANTITY_SCALE = 10_000n;

function percentOf(band: TimeBand, premiums: Premiums): string {
  if (band === 'business') return '100';
  if (band === 'after_hours') return premiums.afterHoursPercent ?? '100';
  return premiums.weekendPercent ?? premiums.afterHoursPercent ?? '100';
}

/**
 * Shares the approved hours out over the bands by the time spent in each, in
 * 0.0001 h (the quantity's scale), largest remainder first, so the band hours add
 * up to the hours on the line exactly: `hours` is rounded to 2 decimals by the
 * contract and is what the customer sees billed.
 */
function shareHours(hours: string, ms: Record<TimeBand, number>): Record<TimeBand, bigint> {
  const units = BigInt(money(hours).times(QUANTITY_SCALE.toString()).toDecimalPlaces(0).toFixed(0));
  const total = BigInt(ms.business + ms.after_hours + ms.non_working);
  const shares = { business: 0n, after_hours: 0n, non_working: 0n };
  const remainders: { band: TimeBand; rest: bigint }[] = [];
  let given = 0n;
  for (const band of BAND_ORDER) {
    const product = units * BigInt(ms[band]);
    shares[band] = product / total;
    given += shares[band];
    remainders.push({ band, rest: product % total });
  }
  // Ties go to the earlier (cheaper) band: stable sort keeps BAND_ORDER.
  remainders.sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : 0));
  for (let i = 0; given < units; i++, given++) shares[remainders[i % remainders.length].band] += 1n;
  return shares;
}

function hoursText(units: bigint): string {
  return money(units.toString()).dividedBy(QUANTITY_SCALE.toString()).toString();
}

/** A rate as an amount is written: the currency's minor units unless it carries more. */
function rateText(rate: string, currency: string): string {
  const asAmount = roundAmount(rate, currency);
  return money(asAmount).equals(rate) ? asAmount : money(rate).toString();
}

/**
 * The blended rate on a premium line: amount ÷ hours to 4 decimals (the unit
 * price's scale in the ledger and the ERP contract). Hours × it rounded half-up to
 * minor units is the amount, as the ERP contract reads a line, whenever hours ×
 * 0.00005 stays under half a minor unit: under 100 h in a 2-decimal currency, 10 h
 * in a 3-decimal one, always in a 0-decimal one. Past that the invoice request sends
 * the line as one unit at its amount, as it sends a capped line (`contractLineOf`).
 */
export function blendedRate(amount: string, hours: string): string {
  return money(amount).dividedBy(hours).toDecimalPlaces(4).toFixed(4);
}

/**
 * Prices approved time by the card: hours × rate rounded by the card's rule, as
 * ever, unless the card has premiums and some of [start, end) falls outside
 * business hours on the site's wall clock; then each band's hours are billed at
 * its percent of the rate and the sum is rounded once.
 */
export function priceTime(time: TimeToPrice): TimePrice {
  const flat = (): TimePrice => ({
    amount: extend(time.hours, time.rate, time.currency, time.rule),
    unitPrice: time.rate,
    bands: [{ band: 'business', hours: money(time.hours).toString(), percent: '100' }],
    breakdown: null,
  });
  const premiums = time.premiums;
  const start = new Date(time.start);
  const end = new Date(time.end);
  if (!hasPremiums(premiums) || !money(time.hours).greaterThan(0) || end <= start) return flat();
  const ms = bandsOf(start, end, time.timeZone || 'UTC', premiums.businessHours);
  const shares = shareHours(time.hours, ms);
  const bands = BAND_ORDER.filter((band) => shares[band] > 0n).map((band) => ({ band, hours: hoursText(shares[band]), percent: percentOf(band, premiums) }));
  if (bands.every((b) => money(b.percent).equals(100))) return flat();
  const exact = bands.reduce((total, b) => total.plus(money(b.hours).times(time.rate).times(b.percent).dividedBy(100)), money(0));
  const amount = roundAmount(exact, time.currency, time.rule);
  return { amount, unitPrice: blendedRate(amount, time.hours), bands, breakdown: describeBands(bands, time.rate, time.currency) };
}

/** "4 h at 1200.00, 2 h after hours at 150 %": hours at the plain rate together, then each premium band. */
function describeBands(bands: readonly BandHours[], rate: string, currency: string): string {
  const plain = bands.filter((b) => money(b.percent).equals(100)).reduce((total, b) => total.plus(b.hours), money(0));
  const parts = plain.greaterThan(0) ? [`${plain.toString()} h at ${rateText(rate, currency)}`] : [];
  for (const b of bands) {
    if (money(b.percent).equals(100)) continue;
    parts.push(`${b.hours} h ${b.band === 'after_hours' ? 'after hours' : 'on non-working days'} at ${money(b.percent).toString()} %`);
  }
  return parts.join(', ');
}
