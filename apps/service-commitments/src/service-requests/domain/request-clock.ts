/**
 * A service request's SLA clock as stored with the request, and what the request's
 * status and deadlines are according to it.
 *
 * The clock is the single source of truth for the request's life: responded,
 * on hold and resolved are facts the clock records (with the instant, and the
 * reason of each hold), so the status is derived from it rather than kept twice.
 */
import { isIanaTimeZone } from '#contracts';
import { CoverageCalendar, formatLocalDateTime, type CoverageLevel } from '../../sla/domain/business-calendar.js';
import { SlaClock, type SlaClockSnapshot, type SlaClockStatus, type SlaTargets } from '../../sla/domain/sla-clock.js';
import type { SlaPolicy } from '../../catalogue/domain/service-template.js';

export const SERVICE_REQUEST_STATUSES = ['open', 'responded', 'on_hold', 'resolved'] as const;
export type ServiceRequestStatus = (typeof SERVICE_REQUEST_STATUSES)[number];

/** The clock in JSON: instants as RFC 3339 strings, plus the time zone its calendar counts in. */
export interface StoredSlaClock {
  timeZone: string;
  startedAt: string;
  targets: SlaTargets;
  atRiskShare: string | number;
  respondedAt: string | null;
  resolvedAt: string | null;
  pauses: { from: string; to: string | null; reason: string }[];
}

const MINUTES_PER_HOUR = 60;

/** The calendar a request's clock counts on: the contract's coverage at the site's time zone. */
export function coverageCalendar(coverage: CoverageLevel, timeZone: string): CoverageCalendar {
  return new CoverageCalendar({ coverage, timeZone });
}

/** A clock for a request raised now, with the SLA its coverage and priority give. */
export function startRequestClock(sla: SlaPolicy, timeZone: string, raisedAt: Date): SlaClock {
  return SlaClock.start({
    calendar: coverageCalendar(sla.coverage, timeZone),
    targets: {
      responseMinutes: Math.round(sla.responseHours * MINUTES_PER_HOUR),
      resolutionMinutes: Math.round(sla.resolutionHours * MINUTES_PER_HOUR),
    },
    atRiskShare: sla.atRiskShare,
    startedAt: raisedAt,
  });
}

export function storeClock(clock: SlaClock): StoredSlaClock {
  const snapshot = clock.snapshot();
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    timeZone: clock.calendar.timeZone,
    startedAt: snapshot.startedAt.toISOString(),
    targets: { ...snapshot.targets },
    atRiskShare: snapshot.atRiskShare,
    respondedAt: iso(snapshot.respondedAt),
    resolvedAt: iso(snapshot.resolvedAt),
    pauses: snapshot.pauses.map((p) => ({ from: p.from.toISOString(), to: iso(p.to), reason: p.reason })),
  };
}

/** Rebuilds (and re-validates, by replaying its events) a stored clock. */
export function restoreClock(stored: StoredSlaClock, coverage: CoverageLevel): SlaClock {
  const date = (s: string | null) => (s === null ? null : new Date(s));
  const snapshot: SlaClockSnapshot = {
    startedAt: new Date(stored.startedAt),
    targets: stored.targets,
    atRiskShare: stored.atRiskShare,
    respondedAt: date(stored.respondedAt),
    resolvedAt: date(stored.resolvedAt),
    pauses: stored.pauses.map((p) => ({ from: new Date(p.from), to: date(p.to), reason: p.reason })),
  };
  return SlaClock.restore(coverageCalendar(coverage, stored.timeZone), snapshot);
}

export function requestStatusOf(clock: SlaClock): ServiceRequestStatus {
  if (clock.isResolved) return 'resolved';
  if (clock.isOnHold) return 'on_hold';
  return clock.respondedAt ? 'responded' : 'open';
}

/**
 * The latest event the clock has recorded. Status can only be asked for from
 * then on; a reader whose clock lags (another instance, a test clock set back)
 * sees the status as of that event instead of an error.
 */
export function lastEventOf(clock: SlaClock): Date {
  const instants = [clock.startedAt, clock.respondedAt, clock.resolvedAt, ...clock.pauses.flatMap((p) => [p.from, p.to])]
    .filter((d): d is Date => d !== null)
    .map((d) => d.getTime());
  return new Date(Math.max(...instants));
}

export function statusAt(clock: SlaClock, now: Date): SlaClockStatus {
  const last = lastEventOf(clock);
  return clock.status(now.getTime() < last.getTime() ? last : now);
}

export interface RequestDeadlines {
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

/**
 * The deadlines to show and store after an event: an open target's current
 * deadline (none while on hold, since it moves with the hold); a met target
 * keeps the deadline it had.
 */
export function deadlinesAfter(clock: SlaClock, at: Date, previous: RequestDeadlines): RequestDeadlines {
  const status = statusAt(clock, at);
  return {
    responseDueAt: status.response.metAt ? previous.responseDueAt : status.response.dueAt,
    resolutionDueAt: status.resolution.metAt ? previous.resolutionDueAt : status.resolution.dueAt,
  };
}

/** The local calendar date at the site: what "today" means for coverage and task dates there. */
export function siteDate(at: Date, timeZone: string): string {
  return formatLocalDateTime(at, timeZone).slice(0, 10);
}

/** The site's IANA time zone when it is one this runtime knows, else UTC (sites without one count in UTC). */
export function siteTimeZone(timezone: string | null | undefined): string {
  return timezone && isIanaTimeZone(timezone) ? timezone : 'UTC';
}

/** Whether a target was met on time; false while open, or when met late. */
export function metOnTime(status: { metAt?: Date; metLate?: true }): boolean {
  return status.metAt !== undefined && status.metLate !== true;
}
