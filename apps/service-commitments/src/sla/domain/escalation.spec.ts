import { CoverageCalendar } from './business-calendar.js';
import { escalationsDue, formatDuration, nextEscalationAt, type EscalationKey, type EscalationStep } from './escalation.js';
import { SlaClock, type StartSlaClock } from './sla-clock.js';

// Times are written on the site's wall clock: '+05:30' is IST.
const at = (iso: string) => new Date(iso);
const HOUR = 60;

const kolkata = new CoverageCalendar({ coverage: '8x5', timeZone: 'Asia/Kolkata' });
/**
 * Raised Thursday 26 November 14:00 IST under the standard SLA. Response: at risk
 * Friday 12:00, due Friday 14:00, head of service from Monday 10:00 (12 working
 * hours). Resolution: at risk Wednesday 2 December 12:00, due Thursday 3 December
 * 14:00, head of service from Tuesday 8 December 10:00 (60 working hours).
 */
const standard: StartSlaClock = {
  calendar: kolkata,
  targets: { responseMinutes: 8 * HOUR, resolutionMinutes: 40 * HOUR },
  atRiskShare: '0.75',
  startedAt: at('2026-11-26T14:00+05:30'),
};
const raised = SlaClock.start(standard);
/** Responded promptly, so only the resolution can escalate. */
const responded = raised.respond(at('2026-11-26T14:30+05:30'));

const due = (clock: SlaClock, now: Date, already: EscalationKey[] = []) => escalationsDue(clock.status(now), already, now);
const keys = (steps: EscalationStep[]) => steps.map(({ target, level, trigger }) => ({ target, level, trigger }));

describe('escalating a response target', () => {
  it('raises nothing while the clock is comfortably running', () => {
    expect(due(raised, at('2026-11-27T11:59+05:30'))).toEqual([]);
  });

  it('warns the owner when the response is at risk', () => {
    const now = at('2026-11-27T12:00+05:30');
    expect(due(raised, now)).toEqual([
      {
        level: 'owner',
        target: 'response',
        trigger: 'at_risk',
        reason: 'Response target of 8 working hours at risk: 6 working hours used, due 2026-11-27 14:00 Asia/Kolkata',
        raisedAt: now,
      },
    ]);
  });

  it('does not warn the owner twice', () => {
    const already: EscalationKey[] = [{ level: 'owner', target: 'response', trigger: 'at_risk' }];
    expect(due(raised, at('2026-11-27T13:00+05:30'), already)).toEqual([]);
  });

  it('calls in the service manager once the response deadline has passed', () => {
    const already: EscalationKey[] = [{ level: 'owner', target: 'response', trigger: 'at_risk' }];
    expect(due(raised, at('2026-11-27T14:00+05:30'), already)).toEqual([]); // exactly at the deadline: not yet late
    const steps = due(raised, at('2026-11-27T14:01+05:30'), already);
    expect(keys(steps)).toEqual([{ level: 'service_manager', target: 'response', trigger: 'breached' }]);
    expect(steps[0].reason).toBe('Response target of 8 working hours breached at 2026-11-27 14:00 Asia/Kolkata');
  });

  it('calls in the head of service when still unanswered half the target again after the breach', () => {
    const already: EscalationKey[] = [
      { level: 'owner', target: 'response', trigger: 'at_risk' },
      { level: 'service_manager', target: 'response', trigger: 'breached' },
    ];
    // 12 working hours: 3 on Thursday, 8 on Friday, and Monday's first hour.
    expect(due(raised, at('2026-11-30T09:59+05:30'), already)).toEqual([]);
    const steps = due(raised, at('2026-11-30T10:00+05:30'), already);
    expect(keys(steps)).toEqual([{ level: 'head_of_service', target: 'response', trigger: 'breach_unresolved' }]);
    expect(steps[0].reason).toBe(
      'Response target of 8 working hours breached at 2026-11-27 14:00 Asia/Kolkata and still not met after 12 working hours',
    );
  });

  it('raises the owner warning and the breach together, in chain order, when first checked after the breach', () => {
    const steps = due(raised, at('2026-11-27T16:00+05:30'));
    expect(keys(steps)).toEqual([
      { level: 'owner', target: 'response', trigger: 'at_risk' },
      { level: 'service_manager', target: 'response', trigger: 'breached' },
    ]);
    expect(steps[0].reason).toBe(
      'Response target of 8 working hours breached at 2026-11-27 14:00 Asia/Kolkata before it was flagged at risk',
    );
  });

  it('raises nothing for a response met late: the breach is on record, but there is nobody left to chase', () => {
    const late = raised.respond(at('2026-11-27T15:00+05:30'));
    expect(late.status(at('2026-11-27T15:00+05:30')).response.metLate).toBe(true);
    expect(due(late, at('2026-11-27T15:00+05:30'))).toEqual([]);
  });
});

describe('escalating a resolution target', () => {
  it('names the breached resolution target in the site time zone', () => {
    const already: EscalationKey[] = [{ level: 'owner', target: 'resolution', trigger: 'at_risk' }];
    const steps = due(responded, at('2026-12-03T15:00+05:30'), already);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({
      level: 'service_manager',
      target: 'resolution',
      trigger: 'breached',
      reason: 'Resolution target of 40 working hours breached at 2026-12-03 14:00 Asia/Kolkata',
    });
  });

  it('does not warn about a request on hold for the customer, and warns once it resumes', () => {
    const onHold = responded.pause(at('2026-12-02T12:30+05:30'), 'Waiting for the customer to approve the spare part');
    expect(due(onHold, at('2026-12-02T16:00+05:30'))).toEqual([]);
    const resumed = onHold.resume(at('2026-12-03T09:00+05:30'));
    expect(keys(due(resumed, at('2026-12-03T09:00+05:30')))).toEqual([
      { level: 'owner', target: 'resolution', trigger: 'at_risk' },
    ]);
  });

  it('stops escalating once resolved', () => {
    const fixed = responded.resolve(at('2026-12-02T13:00+05:30'));
    expect(due(fixed, at('2026-12-20T10:00+05:30'))).toEqual([]);
  });
});

describe('a periodic escalation job', () => {
  it('raises each step once, in order, as an unanswered request ages', () => {
    const raisedSoFar: EscalationStep[] = [];
    // Every hour on the hour for two weeks, passing back what was already raised.
    for (let now = at('2026-11-26T15:00+05:30'); now < at('2026-12-10T00:00+05:30'); now = new Date(now.getTime() + 3_600_000)) {
      raisedSoFar.push(...due(raised, now, raisedSoFar));
    }
    expect(raisedSoFar.map((s) => [s.target, s.level, raised.calendar.formatLocal(s.raisedAt)])).toEqual([
      ['response', 'owner', '2026-11-27 12:00'],
      ['response', 'service_manager', '2026-11-27 15:00'],
      ['response', 'head_of_service', '2026-11-30 10:00'],
      ['resolution', 'owner', '2026-12-02 12:00'],
      ['resolution', 'service_manager', '2026-12-03 15:00'],
      ['resolution', 'head_of_service', '2026-12-08 10:00'],
    ]);
  });
});

describe('escalation policy', () => {
  it('brings in the head of service sooner with a smaller share beyond the breach', () => {
    const already: EscalationKey[] = [
      { level: 'owner', target: 'response', trigger: 'at_risk' },
      { level: 'service_manager', target: 'response', trigger: 'breached' },
    ];
    // A quarter of 8 hours beyond the breach: 10 working hours used, Friday 16:00.
    const policy = { breachUnresolvedShare: '0.25' };
    const before = at('2026-11-27T15:59+05:30');
    expect(escalationsDue(raised.status(before), already, before, policy)).toEqual([]);
    const now = at('2026-11-27T16:00+05:30');
    expect(keys(escalationsDue(raised.status(now), already, now, policy))).toEqual([
      { level: 'head_of_service', target: 'response', trigger: 'breach_unresolved' },
    ]);
  });

  it('rejects a negative share', () => {
    const now = at('2026-11-30T11:00+05:30');
    expect(() => escalationsDue(raised.status(now), [], now, { breachUnresolvedShare: -0.5 })).toThrow(RangeError);
  });

  it('rejects a status computed after the moment of escalation', () => {
    const status = raised.status(at('2026-11-27T12:00+05:30'));
    expect(() => escalationsDue(status, [], at('2026-11-27T11:00+05:30'))).toThrow(/after 'now'/);
  });
});

describe('wording', () => {
  it('speaks of plain hours under 24x7 coverage', () => {
    const clock = SlaClock.start({
      ...standard,
      calendar: new CoverageCalendar({ coverage: '24x7', timeZone: 'Asia/Kolkata' }),
      targets: { responseMinutes: 4 * HOUR, resolutionMinutes: 24 * HOUR },
      startedAt: at('2026-12-05T22:00+05:30'),
    });
    expect(due(clock, at('2026-12-06T01:00+05:30'))[0].reason).toBe(
      'Response target of 4 hours at risk: 3 hours used, due 2026-12-06 02:00 Asia/Kolkata',
    );
  });

  it('formats durations the way a service desk says them', () => {
    expect(formatDuration(60, '8x5')).toBe('1 working hour');
    expect(formatDuration(40 * HOUR, '8x5')).toBe('40 working hours');
    expect(formatDuration(45, '8x5')).toBe('45 working minutes');
    expect(formatDuration(14 * HOUR + 59, '8x5')).toBe('14 working hours 59 minutes');
    expect(formatDuration(1, '24x7')).toBe('1 minute');
  });
});

describe('when the next step is due', () => {
  const ms = (iso: string) => at(iso).getTime();
  const next = (clock: SlaClock, after: Date, already: EscalationKey[] = []) => nextEscalationAt(clock, already, after);
  const responseChain: EscalationKey[] = [
    { level: 'owner', target: 'response', trigger: 'at_risk' },
    { level: 'service_manager', target: 'response', trigger: 'breached' },
    { level: 'head_of_service', target: 'response', trigger: 'breach_unresolved' },
  ];
  const resolutionChain: EscalationKey[] = responseChain.map((k) => ({ ...k, target: 'resolution' }));

  it('is the instant each step of the chain comes due, to the millisecond', () => {
    const after = at('2026-11-26T15:00+05:30');
    expect(next(raised, after)).toEqual(at('2026-11-27T12:00+05:30'));
    // Met exactly at the deadline is on time: the breach comes a millisecond later.
    expect(next(raised, after, responseChain.slice(0, 1))).toEqual(new Date(ms('2026-11-27T14:00+05:30') + 1));
    expect(next(raised, after, responseChain.slice(0, 2))).toEqual(at('2026-11-30T10:00+05:30'));
    expect(next(raised, after, responseChain)).toEqual(at('2026-12-02T12:00+05:30'));
    expect(next(raised, after, [...responseChain, ...resolutionChain])).toBeNull();
  });

  it('is now when a step is due already', () => {
    const now = at('2026-11-30T11:00+05:30');
    expect(next(raised, now)).toEqual(now);
    expect(next(raised, now, responseChain.slice(0, 2))).toEqual(now);
  });

  it('leaves out a target that is met, and has nothing once resolved', () => {
    expect(next(responded, at('2026-11-26T15:00+05:30'))).toEqual(at('2026-12-02T12:00+05:30'));
    expect(next(responded.resolve(at('2026-11-27T10:00+05:30')), at('2026-11-27T10:00+05:30'))).toBeNull();
  });

  it('has nothing while on hold, unless a step was reached before the hold and is not raised yet', () => {
    const onHold = responded.pause(at('2026-12-02T12:30+05:30'), 'Waiting for the customer to approve the spare part');
    // At risk since 12:00, then held: at risk is not escalated on hold.
    expect(next(onHold, at('2026-12-02T12:30+05:30'))).toBeNull();
    expect(due(onHold, at('2026-12-20T10:00+05:30'))).toEqual([]);
    // Breached before the hold: escalated on hold as before.
    const breachedThenHeld = raised.pause(at('2026-11-27T15:00+05:30'), 'Waiting for access');
    expect(next(breachedThenHeld, at('2026-11-27T15:00+05:30'))).toEqual(at('2026-11-27T15:00+05:30'));
    expect(next(breachedThenHeld, at('2026-11-27T15:00+05:30'), responseChain.slice(0, 2))).toBeNull();
    // A hold beginning at the very deadline: breached from the next millisecond, on hold.
    const heldAtDeadline = raised.pause(at('2026-11-27T14:00+05:30'), 'Waiting for access');
    expect(next(heldAtDeadline, at('2026-11-27T14:00+05:30'), responseChain.slice(0, 1))).toEqual(new Date(ms('2026-11-27T14:00+05:30') + 1));
    expect(keys(due(heldAtDeadline, new Date(ms('2026-11-27T14:00+05:30') + 1), responseChain.slice(0, 1)))).toEqual([responseChain[1]]);
    // Resumed: the steps come due by the working time left.
    const resumed = onHold.resume(at('2026-12-03T09:00+05:30'));
    expect(next(resumed, at('2026-12-03T09:00+05:30'))).toEqual(at('2026-12-03T09:00+05:30'));
    expect(next(resumed, at('2026-12-03T09:00+05:30'), resolutionChain.slice(0, 1))).toEqual(new Date(ms('2026-12-04T10:30+05:30') + 1));
  });

  it('agrees with a check every few minutes: nothing due before it, nor a millisecond before, a step due at it', () => {
    const clocks: [string, SlaClock][] = [
      ['8x5', raised],
      ['8x5 responded', responded],
      ['8x5 resumed', raised.pause(at('2026-11-27T10:00+05:30'), 'Access').resume(at('2026-11-30T11:17:23.456+05:30'))],
      ['24x7 odd share', SlaClock.start({ calendar: new CoverageCalendar({ coverage: '24x7', timeZone: 'Europe/Berlin' }), targets: { responseMinutes: 97, resolutionMinutes: 601 }, atRiskShare: '0.33', startedAt: at('2026-03-29T00:13:07.5Z') })],
      ['8x5 over a DST change', SlaClock.start({ calendar: new CoverageCalendar({ coverage: '8x5', timeZone: 'America/New_York' }), targets: { responseMinutes: 241, resolutionMinutes: 1441 }, atRiskShare: 1, startedAt: at('2026-11-02T03:00Z') })],
    ];
    for (const [name, clock] of clocks) {
      const already: EscalationKey[] = [];
      let after = lastEventAt(clock);
      for (let step = 0; step < 6; step++) {
        const when = next(clock, after, already);
        if (when === null) break;
        // Nothing due in between (every 7 minutes) nor the millisecond before; a step due at the instant itself.
        const early: string[] = [];
        for (let t = after.getTime(); t < when.getTime(); t += 7 * 60_000) if (due(clock, new Date(t), already).length > 0) early.push(new Date(t).toISOString());
        expect([name, early]).toEqual([name, []]);
        if (when.getTime() > after.getTime()) expect([name, due(clock, new Date(when.getTime() - 1), already)]).toEqual([name, []]);
        const steps = due(clock, when, already);
        expect([name, steps.length > 0]).toEqual([name, true]);
        already.push(...keys(steps));
        after = when;
      }
      expect([name, next(clock, after, already)]).toEqual([name, null]);
    }
  });
});

/** The latest instant the clock has recorded: status may be asked for from then on. */
function lastEventAt(clock: SlaClock): Date {
  const instants = [clock.startedAt, clock.respondedAt, ...clock.pauses.flatMap((p) => [p.from, p.to])].filter((d): d is Date => d !== null);
  return new Date(Math.max(...instants.map((d) => d.getTime())));
}
