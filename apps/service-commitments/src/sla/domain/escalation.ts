/**
 * Escalation of SLA targets up the service organisation.
 *
 * The chain is fixed: the request's owner is warned when a target is at risk, the
 * service manager is called in when it is breached, and the head of service when it
 * is still not met well after the breach (by default half the target again). Each
 * step is raised once per target; the caller stores what was raised and passes it
 * back, which makes `escalationsDue` safe to run from a periodic job or on every
 * event.
 *
 * Escalation is for targets still open. A target met late is recorded as breached
 * on the clock (for reporting), but calling in managers once it is met helps no one.
 * Likewise a target on hold for the customer is not escalated for being at risk.
 */
import { formatLocalDateTime, MINUTE_MS, type CoverageLevel } from './business-calendar.js';
import { SLA_TARGET_KINDS, type SlaClock, type SlaClockStatus, type SlaTargetKind, type SlaTargetStatus } from './sla-clock.js';
import { parseShare } from './share.js';

export const ESCALATION_CHAIN = ['owner', 'service_manager', 'head_of_service'] as const;
export type EscalationLevel = (typeof ESCALATION_CHAIN)[number];

export const ESCALATION_TRIGGERS = ['at_risk', 'breached', 'breach_unresolved'] as const;
export type EscalationTrigger = (typeof ESCALATION_TRIGGERS)[number];

/** Who is called in for which trigger: one level per trigger, in chain order. */
export const LEVEL_FOR_TRIGGER: Readonly<Record<EscalationTrigger, EscalationLevel>> = Object.freeze({
  at_risk: 'owner',
  breached: 'service_manager',
  breach_unresolved: 'head_of_service',
});

/** Identifies a raised step; what the caller stores to keep escalation idempotent. */
export interface EscalationKey {
  level: EscalationLevel;
  target: SlaTargetKind;
  trigger: EscalationTrigger;
}

export interface EscalationStep extends EscalationKey {
  /** For the notification and the request's history, in the site's local time. */
  reason: string;
  raisedAt: Date;
}

export interface EscalationPolicy {
  /**
   * How far past the breach, as a share of the target, an unmet target goes to the
   * head of service: 0.5 on a 40-hour target means at 60 hours used.
   */
  breachUnresolvedShare: string | number;
}

export const DEFAULT_ESCALATION_POLICY: Readonly<EscalationPolicy> = Object.freeze({ breachUnresolvedShare: '0.5' });

/**
 * The escalation steps to raise now for a clock's status, response target first,
 * each target's steps in chain order. A check that first runs after a breach
 * raises the owner's warning too, so the chain is never skipped in the history.
 */
export function escalationsDue(
  clockStatus: SlaClockStatus,
  alreadyEscalated: readonly EscalationKey[],
  now: Date,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): EscalationStep[] {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new RangeError(`'now' is not a valid date`);
  if (now.getTime() < clockStatus.asOf.getTime()) {
    throw new RangeError(`The clock status is as of ${clockStatus.asOf.toISOString()}, after 'now' (${now.toISOString()})`);
  }
  const describe = describer(clockStatus.coverage, clockStatus.timeZone);
  const pending = stepsPending(clockStatus, new Set(alreadyEscalated.map(keyOf)), unresolvedShareOf(policy));
  return pending.map(({ key, status }) => ({ ...key, reason: describe(status, key.trigger), raisedAt: new Date(now.getTime()) }));
}

/** How far ahead the search looks (about 2,000 years): a step due later still is looked for again from there. */
const FURTHEST_CHECK_MS = 2 ** 30 * MINUTE_MS;

/**
 * When `escalationsDue` will next have a step to raise for this clock, given the
 * steps already raised, if no event (response, hold, resumption, resolution)
 * comes first: `after` itself when a step is due already, null when none can be
 * (resolved, every step of every open target raised, or on hold with nothing
 * reached). The SLA monitor stores it with the request and looks only at requests
 * whose instant has come, instead of asking every open request every minute.
 *
 * It is found by asking `escalationsDue`'s own rule, not by working the thresholds
 * out again, so it cannot drift from it. That rule is monotone in time between
 * events: coverage time used only grows while the clock runs, a breach is
 * permanent, and each trigger a target has reached stays reached; so the first
 * instant can be bisected, to the millisecond. On hold nothing counts, so what is
 * reached is fixed from the instant after the hold began (a deadline falling on that
 * very instant breaches just after it); and `after` is never before the hold began.
 *
 * `after` may not precede the clock's last event (`SlaClock.status` refuses it).
 */
export function nextEscalationAt(
  clock: SlaClock,
  alreadyEscalated: readonly EscalationKey[],
  after: Date,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): Date | null {
  if (clock.isResolved) return null;
  const raised = new Set(alreadyEscalated.map(keyOf));
  const unresolvedShare = unresolvedShareOf(policy);
  const dueAt = (instant: number) => stepsPending(clock.status(new Date(instant)), raised, unresolvedShare).length > 0;
  const from = after.getTime();
  if (dueAt(from)) return new Date(from);
  if (clock.isOnHold) return dueAt(from + 1) ? new Date(from + 1) : null;

  const open = clock.status(after);
  const allRaised = SLA_TARGET_KINDS.filter((target) => open[target].metAt === undefined).every((target) =>
    ESCALATION_TRIGGERS.every((trigger) => raised.has(keyOf({ level: LEVEL_FOR_TRIGGER[trigger], target, trigger }))),
  );
  if (allRaised) return null;

  // Gallop forward from a minute until a step is due, then bisect the last stride.
  let notYet = from;
  let stride = MINUTE_MS;
  while (!dueAt(from + stride)) {
    notYet = from + stride;
    if (stride >= FURTHEST_CHECK_MS) return new Date(notYet);
    stride *= 2;
  }
  let due = from + stride;
  while (due - notYet > 1) {
    const middle = Math.floor((notYet + due) / 2);
    if (dueAt(middle)) due = middle;
    else notYet = middle;
  }
  return new Date(due);
}

/** Steps an open target has reached and that are not raised yet, response target first, each in chain order. */
function stepsPending(clockStatus: SlaClockStatus, raised: ReadonlySet<string>, unresolvedShare: number): { key: EscalationKey; status: SlaTargetStatus }[] {
  const pending: { key: EscalationKey; status: SlaTargetStatus }[] = [];
  for (const status of [clockStatus.response, clockStatus.resolution]) {
    if (status.metAt !== undefined) continue;
    for (const trigger of triggersReached(status, unresolvedShare)) {
      const key: EscalationKey = { level: LEVEL_FOR_TRIGGER[trigger], target: status.target, trigger };
      if (!raised.has(keyOf(key))) pending.push({ key, status });
    }
  }
  return pending;
}

function unresolvedShareOf(policy: EscalationPolicy): number {
  return parseShare(policy.breachUnresolvedShare, 'breachUnresolvedShare', { allowZero: true, max: Number.POSITIVE_INFINITY });
}

/** Triggers an open target has reached, in chain order. */
function triggersReached(status: SlaTargetStatus, unresolvedShare: number): EscalationTrigger[] {
  if (status.state === 'at_risk') return ['at_risk'];
  if (status.state !== 'breached') return [];
  const triggers: EscalationTrigger[] = ['at_risk', 'breached'];
  // Whole elapsed minutes against the threshold: never early, at most a minute late.
  if (status.elapsedMinutes >= status.targetMinutes * (1 + unresolvedShare)) triggers.push('breach_unresolved');
  return triggers;
}

function keyOf(key: EscalationKey): string {
  return `${key.target}/${key.level}/${key.trigger}`;
}

function describer(coverage: CoverageLevel, timeZone: string) {
  const at = (date: Date | undefined | null) => (date ? `${formatLocalDateTime(date, timeZone)} ${timeZone}` : 'unknown time');
  const duration = (minutes: number) => formatDuration(minutes, coverage);

  return (status: SlaTargetStatus, trigger: EscalationTrigger): string => {
    const subject = `${status.target === 'response' ? 'Response' : 'Resolution'} target of ${duration(status.targetMinutes)}`;
    switch (trigger) {
      case 'at_risk':
        return status.state === 'breached'
          ? `${subject} breached at ${at(status.breachedAt)} before it was flagged at risk`
          : `${subject} at risk: ${duration(status.elapsedMinutes)} used, due ${at(status.dueAt)}`;
      case 'breached':
        return `${subject} breached at ${at(status.breachedAt)}`;
      case 'breach_unresolved':
        return `${subject} breached at ${at(status.breachedAt)} and still not met after ${duration(status.elapsedMinutes)}`;
    }
  };
}

/** "40 working hours", "1 working hour", "45 working minutes", "14 working hours 59 minutes"; 24x7 says plain hours. */
export function formatDuration(minutes: number, coverage: CoverageLevel): string {
  const kind = coverage === '8x5' ? 'working ' : '';
  const unit = (n: number, name: string) => `${name}${n === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} ${kind}${unit(rest, 'minute')}`;
  const wholeHours = `${hours} ${kind}${unit(hours, 'hour')}`;
  return rest === 0 ? wholeHours : `${wholeHours} ${rest} ${unit(rest, 'minute')}`;
}
