/**
 * The SLA clock of one service request or task: how much of its response and
 * resolution targets has been used, and whether they are met, at risk or breached.
 *
 * Rules (what the service manager sees):
 * - Time counts only within the contract's coverage (`CoverageCalendar`), from the
 *   moment the clock started.
 * - While the request is on hold for the customer (`pause`), neither target counts;
 *   each pause is kept with its reason for audit.
 * - The response target is met by the first response; the resolution target by the
 *   resolution. Resolving also meets the response if nobody responded first: a fix
 *   is the most complete response there is.
 * - A target's deadline is the instant its coverage time is used up. It is breached
 *   once that deadline has passed without the target being met; met exactly at the
 *   deadline is on time. A breach is permanent: met afterwards is "met late".
 * - At risk: at least `atRiskShare` of the target used, not met, not breached.
 *
 * The clock is immutable: every event returns a new clock, and nothing here reads
 * the system time; the caller passes the instant of each event and of each query.
 */
import { CoverageCalendar, MINUTE_MS, type CoverageLevel } from './business-calendar.js';
import { parseShare } from './share.js';

export const SlaClockErrorCode = {
  ALREADY_RESPONDED: 'ALREADY_RESPONDED',
  ALREADY_RESOLVED: 'ALREADY_RESOLVED',
  ALREADY_PAUSED: 'ALREADY_PAUSED',
  NOT_PAUSED: 'NOT_PAUSED',
  PAUSE_REASON_REQUIRED: 'PAUSE_REASON_REQUIRED',
  TIME_WENT_BACKWARDS: 'TIME_WENT_BACKWARDS',
  INVALID_INSTANT: 'INVALID_INSTANT',
  INVALID_TARGET: 'INVALID_TARGET',
  INVALID_AT_RISK_SHARE: 'INVALID_AT_RISK_SHARE',
} as const;
export type SlaClockErrorCode = (typeof SlaClockErrorCode)[keyof typeof SlaClockErrorCode];

/** An event or query the clock cannot accept; `code` is stable for API error mapping. */
export class SlaClockError extends Error {
  readonly code: SlaClockErrorCode;

  constructor(code: SlaClockErrorCode, message: string) {
    super(message);
    this.name = 'SlaClockError';
    this.code = code;
  }
}

export const SLA_TARGET_KINDS = ['response', 'resolution'] as const;
export type SlaTargetKind = (typeof SLA_TARGET_KINDS)[number];

export type SlaState = 'running' | 'paused' | 'met' | 'at_risk' | 'breached';

/** Targets in coverage minutes (8 working hours = 480). */
export interface SlaTargets {
  responseMinutes: number;
  resolutionMinutes: number;
}

/** A period on hold for the customer; `to` is null while still on hold. */
export interface SlaPause {
  from: Date;
  to: Date | null;
  reason: string;
}

export interface SlaTargetStatus {
  target: SlaTargetKind;
  /** Whole minutes of coverage used (rounded down), stopping at pauses and when met. */
  elapsedMinutes: number;
  targetMinutes: number;
  /**
   * The deadline: when the target breaches if nothing changes. Null while on hold,
   * since the deadline moves with the length of the hold. Once breached, the missed
   * deadline; once met on time, the deadline that was in force then (null if met on hold).
   */
  dueAt: Date | null;
  state: SlaState;
  metAt?: Date;
  /** The missed deadline, for a breached target. */
  breachedAt?: Date;
  /** Present (true) only on a breached target that has since been met. */
  metLate?: true;
}

export interface SlaClockStatus {
  /** The `now` the status was computed for. */
  asOf: Date;
  timeZone: string;
  coverage: CoverageLevel;
  onHold: boolean;
  response: SlaTargetStatus;
  resolution: SlaTargetStatus;
}

export interface StartSlaClock {
  calendar: CoverageCalendar;
  targets: SlaTargets;
  /** Share of a target (0 < share ≤ 1) from which it is at risk, e.g. '0.75' from the catalogue. */
  atRiskShare: string | number;
  startedAt: Date;
}

/** What to persist; `SlaClock.restore` rebuilds (and re-validates) a clock from it. */
export interface SlaClockSnapshot {
  startedAt: Date;
  targets: SlaTargets;
  atRiskShare: string | number;
  respondedAt: Date | null;
  resolvedAt: Date | null;
  pauses: SlaPause[];
}

interface Pause {
  from: number;
  to: number | null;
  reason: string;
}

interface ClockState {
  readonly calendar: CoverageCalendar;
  readonly targets: Readonly<SlaTargets>;
  readonly atRiskShareInput: string | number;
  readonly atRiskShare: number;
  readonly startedAt: number;
  readonly respondedAt: number | null;
  readonly resolvedAt: number | null;
  readonly pauses: readonly Readonly<Pause>[];
  /** Latest instant of any event so far: later events and queries may not precede it. */
  readonly lastEventAt: number;
}

export class SlaClock {
  private constructor(private readonly state: ClockState) {}

  static start(params: StartSlaClock): SlaClock {
    const startedAt = toInstant(params.startedAt, 'startedAt');
    for (const kind of SLA_TARGET_KINDS) {
      const minutes = params.targets[`${kind}Minutes`];
      if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0) {
        throw new SlaClockError(
          SlaClockErrorCode.INVALID_TARGET,
          `The ${kind} target must be a positive number of minutes, got ${String(minutes)}`,
        );
      }
    }
    let atRiskShare: number;
    try {
      atRiskShare = parseShare(params.atRiskShare, 'atRiskShare', { allowZero: false, max: 1 });
    } catch (error) {
      throw new SlaClockError(SlaClockErrorCode.INVALID_AT_RISK_SHARE, (error as Error).message);
    }
    return new SlaClock({
      calendar: params.calendar,
      targets: Object.freeze({
        responseMinutes: params.targets.responseMinutes,
        resolutionMinutes: params.targets.resolutionMinutes,
      }),
      atRiskShareInput: params.atRiskShare,
      atRiskShare,
      startedAt,
      respondedAt: null,
      resolvedAt: null,
      pauses: [],
      lastEventAt: startedAt,
    });
  }

  /**
   * Rebuilds a stored clock by replaying its events, so a snapshot that no sequence
   * of valid events could have produced (overlapping holds, a response after the
   * resolution…) is rejected with the same error the offending event would raise.
   */
  static restore(calendar: CoverageCalendar, snapshot: SlaClockSnapshot): SlaClock {
    type Replay = { at: Date; order: number; apply: (clock: SlaClock) => SlaClock };
    const events: Replay[] = [];
    // Same-instant events replay in this order: a hold ending and the next starting
    // at one instant, or a resolution at the instant a hold ended, are valid.
    const RESUME = 0;
    const RESPOND = 1;
    const PAUSE = 2;
    const RESOLVE = 3;
    snapshot.pauses.forEach((pause, index) => {
      events.push({ at: pause.from, order: PAUSE, apply: (c) => c.pause(pause.from, pause.reason) });
      // The last hold may have been ended by `resolve` itself rather than a `resume`.
      const closedByResolution =
        index === snapshot.pauses.length - 1 &&
        pause.to !== null &&
        snapshot.resolvedAt !== null &&
        sameInstant(pause.to, snapshot.resolvedAt);
      if (pause.to !== null && !closedByResolution) {
        const to = pause.to;
        events.push({ at: to, order: RESUME, apply: (c) => c.resume(to) });
      }
    });
    const { respondedAt, resolvedAt } = snapshot;
    if (respondedAt) events.push({ at: respondedAt, order: RESPOND, apply: (c) => c.respond(respondedAt) });
    if (resolvedAt) events.push({ at: resolvedAt, order: RESOLVE, apply: (c) => c.resolve(resolvedAt) });
    events.sort((a, b) => toInstant(a.at, 'event') - toInstant(b.at, 'event') || a.order - b.order);

    let clock = SlaClock.start({
      calendar,
      targets: snapshot.targets,
      atRiskShare: snapshot.atRiskShare,
      startedAt: snapshot.startedAt,
    });
    for (const event of events) clock = event.apply(clock);
    return clock;
  }

  get calendar(): CoverageCalendar {
    return this.state.calendar;
  }

  get targets(): Readonly<SlaTargets> {
    return this.state.targets;
  }

  get startedAt(): Date {
    return new Date(this.state.startedAt);
  }

  get respondedAt(): Date | null {
    return dateOrNull(this.state.respondedAt);
  }

  get resolvedAt(): Date | null {
    return dateOrNull(this.state.resolvedAt);
  }

  get isOnHold(): boolean {
    return this.openPause() !== null;
  }

  get isResolved(): boolean {
    return this.state.resolvedAt !== null;
  }

  /** Every hold, oldest first, for the audit trail. Copies: the clock cannot be changed through them. */
  get pauses(): SlaPause[] {
    return this.state.pauses.map((p) => ({ from: new Date(p.from), to: dateOrNull(p.to), reason: p.reason }));
  }

  snapshot(): SlaClockSnapshot {
    return {
      startedAt: this.startedAt,
      targets: { ...this.state.targets },
      atRiskShare: this.state.atRiskShareInput,
      respondedAt: this.respondedAt,
      resolvedAt: this.resolvedAt,
      pauses: this.pauses,
    };
  }

  /** The first response to the customer. Allowed on hold: the hold stops the clocks, not the engineer. */
  respond(at: Date): SlaClock {
    const moment = this.eventInstant(at, 'respond');
    this.assertNotResolved('respond');
    if (this.state.respondedAt !== null) {
      throw new SlaClockError(
        SlaClockErrorCode.ALREADY_RESPONDED,
        `Already responded at ${new Date(this.state.respondedAt).toISOString()}: only the first response counts`,
      );
    }
    return this.with({ respondedAt: moment }, moment);
  }

  /** On hold for the customer (waiting for access, parts approval, information…). */
  pause(at: Date, reason: string): SlaClock {
    const moment = this.eventInstant(at, 'pause');
    this.assertNotResolved('pause');
    const why = typeof reason === 'string' ? reason.trim() : '';
    if (why === '') {
      throw new SlaClockError(
        SlaClockErrorCode.PAUSE_REASON_REQUIRED,
        'A hold needs a reason: it stops the SLA clock and is shown to the customer and in audits',
      );
    }
    const open = this.openPause();
    if (open) {
      throw new SlaClockError(
        SlaClockErrorCode.ALREADY_PAUSED,
        `Already on hold since ${new Date(open.from).toISOString()} (${open.reason})`,
      );
    }
    return this.with({ pauses: [...this.state.pauses, { from: moment, to: null, reason: why }] }, moment);
  }

  resume(at: Date): SlaClock {
    const moment = this.eventInstant(at, 'resume');
    this.assertNotResolved('resume');
    if (!this.openPause()) throw new SlaClockError(SlaClockErrorCode.NOT_PAUSED, 'Cannot resume: the request is not on hold');
    return this.with({ pauses: this.closeOpenPause(moment) }, moment);
  }

  /**
   * The request is resolved. A hold still open ends now (e.g. the customer confirmed
   * the fix while we waited on them); the response is met too if it was not already.
   */
  resolve(at: Date): SlaClock {
    const moment = this.eventInstant(at, 'resolve');
    this.assertNotResolved('resolve');
    return this.with(
      {
        resolvedAt: moment,
        respondedAt: this.state.respondedAt ?? moment,
        pauses: this.openPause() ? this.closeOpenPause(moment) : this.state.pauses,
      },
      moment,
    );
  }

  status(now: Date): SlaClockStatus {
    const moment = toInstant(now, 'now');
    if (moment < this.state.lastEventAt) {
      throw new SlaClockError(
        SlaClockErrorCode.TIME_WENT_BACKWARDS,
        `Status asked for ${now.toISOString()}, before the clock's last event at ${new Date(this.state.lastEventAt).toISOString()}`,
      );
    }
    return {
      asOf: new Date(moment),
      timeZone: this.state.calendar.timeZone,
      coverage: this.state.calendar.coverage,
      onHold: this.isOnHold,
      response: this.targetStatus('response', this.state.respondedAt, moment),
      resolution: this.targetStatus('resolution', this.state.resolvedAt, moment),
    };
  }

  private targetStatus(kind: SlaTargetKind, metAt: number | null, now: number): SlaTargetStatus {
    const { calendar, atRiskShare } = this.state;
    const targetMinutes = this.state.targets[`${kind}Minutes`];
    const targetMs = Math.round(targetMinutes * MINUTE_MS);
    // A met target stops counting at the instant it was met.
    const until = metAt ?? now;
    const running = this.runningPeriods(until);

    let elapsedMs = 0;
    let deadline: number | null = null;
    for (const [from, to] of running) {
      const covered = calendar.workingMillisBetween(new Date(from), new Date(to));
      if (deadline === null && elapsedMs + covered >= targetMs) {
        deadline = calendar.addWorkingMillis(new Date(from), targetMs - elapsedMs).getTime();
      }
      elapsedMs += covered;
    }

    const onHoldAtUntil = this.isOnHoldAt(until, metAt !== null);
    const status: SlaTargetStatus = {
      target: kind,
      elapsedMinutes: Math.floor(elapsedMs / MINUTE_MS),
      targetMinutes,
      dueAt: null,
      state: 'running',
    };
    if (metAt !== null) status.metAt = new Date(metAt);

    if (deadline !== null && deadline < until) {
      status.state = 'breached';
      status.breachedAt = new Date(deadline);
      status.dueAt = new Date(deadline);
      if (metAt !== null) status.metLate = true;
      return status;
    }

    if (deadline !== null) status.dueAt = new Date(deadline);
    else if (!onHoldAtUntil) status.dueAt = calendar.addWorkingMillis(new Date(until), targetMs - elapsedMs);

    if (metAt !== null) status.state = 'met';
    else if (onHoldAtUntil) status.state = 'paused';
    else if (elapsedMs >= atRiskShare * targetMs) status.state = 'at_risk';
    return status;
  }

  /** The periods from the start until `until` when the clock was not on hold, in order. */
  private runningPeriods(until: number): [number, number][] {
    const periods: [number, number][] = [];
    let cursor = this.state.startedAt;
    for (const pause of this.state.pauses) {
      if (pause.from >= until) break;
      if (pause.from > cursor) periods.push([cursor, pause.from]);
      cursor = pause.to ?? until;
      if (cursor >= until) return periods;
    }
    if (until > cursor) periods.push([cursor, until]);
    return periods;
  }

  /**
   * On hold at the instant a target stopped counting. For an open target that is
   * simply "on hold now". A response given on hold counts as on hold unless the
   * hold began at that very instant (same-instant events keep their recorded order:
   * the response came first).
   */
  private isOnHoldAt(moment: number, met: boolean): boolean {
    if (!met) return this.openPause() !== null;
    return this.state.pauses.some((p) => p.from < moment && (p.to === null || p.to > moment));
  }

  private openPause(): Readonly<Pause> | null {
    const last = this.state.pauses.at(-1);
    return last && last.to === null ? last : null;
  }

  private closeOpenPause(at: number): Pause[] {
    return this.state.pauses.map((p) => (p.to === null ? { ...p, to: at } : p));
  }

  private with(changes: Partial<ClockState>, eventAt: number): SlaClock {
    return new SlaClock({ ...this.state, ...changes, lastEventAt: eventAt });
  }

  private eventInstant(at: Date, event: string): number {
    const moment = toInstant(at, event);
    if (moment < this.state.lastEventAt) {
      throw new SlaClockError(
        SlaClockErrorCode.TIME_WENT_BACKWARDS,
        `Cannot ${event} at ${at.toISOString()}: the clock's last event was at ${new Date(this.state.lastEventAt).toISOString()}`,
      );
    }
    return moment;
  }

  private assertNotResolved(event: string): void {
    if (this.state.resolvedAt !== null) {
      throw new SlaClockError(
        SlaClockErrorCode.ALREADY_RESOLVED,
        `Cannot ${event}: resolved at ${new Date(this.state.resolvedAt).toISOString()}`,
      );
    }
  }
}

function toInstant(date: Date, name: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new SlaClockError(SlaClockErrorCode.INVALID_INSTANT, `'${name}' is not a valid date`);
  return ms;
}

function dateOrNull(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

function sameInstant(a: Date, b: Date): boolean {
  return a.getTime() === b.getTime();
}
