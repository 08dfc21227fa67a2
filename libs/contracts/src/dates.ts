/**
 * Date and time formats of the contract: calendar dates are `YYYY-MM-DD`,
 * instants are RFC 3339 with an explicit offset. The same rules are expressed
 * in the JSON Schemas (format + pattern), so both reject the same strings.
 */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * RFC 3339 `date-time`. Seconds stop at 59: a leap second (`:60`) is legal RFC 3339
 * but JavaScript's Date cannot parse it, so every consumer would fail on it.
 * The offset is mandatory (`Z` or `±hh:mm`): a local time without one is ambiguous.
 */
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?([Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** The same instant rule as a JSON Schema `pattern` (ECMA-262 regex source). */
export const INSTANT_PATTERN =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$';

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `YYYY-MM-DD` naming a day that exists (no 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** An RFC 3339 timestamp with offset, on a day that exists, e.g. `2026-11-21T10:00:00Z`. */
export function isRfc3339Instant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * An IANA time zone name the runtime knows (e.g. `Asia/Kolkata`). Sites carry one so
 * visits can be planned in local time; an unknown zone would fail every later
 * conversion, so it is rejected at the door.
 */
const knownTimeZones = new Map<string, boolean>();

export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  const known = knownTimeZones.get(value);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    valid = true;
  } catch {
    valid = false;
  }
  // Building a formatter is costly and every event carries a zone; the answers are kept (bounded).
  if (knownTimeZones.size < 1000) knownTimeZones.set(value, valid);
  return valid;
}

/**
 * Date formatters per time zone, kept: building an Intl.DateTimeFormat costs far
 * more than formatting with one (a visit's detail took 287 ms of field-execution's
 * CPU in the order chain benchmark building them). The one such memo in ServiceLoop:
 * the SLA calendars and the scheduling roster read wall clocks through
 * `wallClockIn`. Keyed by zone alone, so a look-up builds no key string. Bounded:
 * past 1000 zones the memo starts over.
 */
type FormatterKind = 'date' | 'minute' | 'second';
type ZoneFormatters = Partial<Record<FormatterKind, Intl.DateTimeFormat>>;

const zoneFormatters = new Map<string, ZoneFormatters>();

/**
 * Each kind keeps the options it always had, so each formats exactly as before and
 * no call formats more fields than it reads (a date is five parts, not eleven).
 */
function buildFormatter(timeZone: string, kind: FormatterKind): Intl.DateTimeFormat {
  try {
    if (kind === 'second') {
      return new Intl.DateTimeFormat('en-US', {
        timeZone,
        // h23, not hour12: false: the latter renders midnight as "24" in some ICU versions.
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    }
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(kind === 'minute' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
  } catch {
    throw new RangeError(`Unknown IANA time zone '${timeZone}'`);
  }
}

function formatterIn(timeZone: string, kind: FormatterKind): Intl.DateTimeFormat {
  let kept = zoneFormatters.get(timeZone);
  const known = kept?.[kind];
  if (known) return known;
  // Built before anything is kept, so a made-up zone leaves no entry behind.
  const formatter = buildFormatter(timeZone, kind);
  if (!kept) {
    if (zoneFormatters.size >= 1000) zoneFormatters.clear();
    kept = {};
    zoneFormatters.set(timeZone, kept);
  }
  kept[kind] = formatter;
  return formatter;
}

function partsIn(at: Date, timeZone: string, kind: FormatterKind): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of formatterIn(timeZone, kind).formatToParts(at)) parts[part.type] = part.value;
  return parts;
}

/** The fields of an instant on a time zone's wall clock, as numbers (month 1–12, hour 0–23). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * What the wall clock in an IANA time zone shows at an instant (epoch milliseconds
 * or a Date), to the second; an unknown zone is a RangeError. For arithmetic on
 * local time: offsets, local days, local opening hours. One object per call.
 */
export function wallClockIn(at: Date | number, timeZone: string): WallClock {
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterIn(timeZone, 'second').formatToParts(at)) {
    switch (part.type) {
      case 'year':
        clock.year = Number(part.value);
        break;
      case 'month':
        clock.month = Number(part.value);
        break;
      case 'day':
        clock.day = Number(part.value);
        break;
      case 'hour':
        clock.hour = Number(part.value);
        break;
      case 'minute':
        clock.minute = Number(part.value);
        break;
      case 'second':
        clock.second = Number(part.value);
        break;
    }
  }
  return clock;
}

/** The calendar date (`YYYY-MM-DD`) of an instant in an IANA time zone; an unknown zone is a RangeError. */
export function calendarDateIn(at: Date, timeZone: string): string {
  const p = partsIn(at, timeZone, 'date');
  return `${p.year}-${p.month}-${p.day}`;
}

/** `YYYY-MM-DD HH:MM` on an IANA time zone's wall clock; an unknown zone is a RangeError. */
export function wallClockMinuteIn(at: Date, timeZone: string): string {
  const p = partsIn(at, timeZone, 'minute');
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
