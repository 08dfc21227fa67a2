import { CoverageCalendar } from './business-calendar.js';
import { SlaClock, SlaClockError, SlaClockErrorCode, type StartSlaClock } from './sla-clock.js';

// Times are written on the site's wall clock: '+05:30' is IST.
const at = (iso: string) => new Date(iso);
const HOUR = 60;

const kolkata = new CoverageCalendar({ coverage: '8x5', timeZone: 'Asia/Kolkata' });
/** The catalogue's standard SLA: 8 working hours to respond, 40 to resolve, at risk at 75%. */
const standard: StartSlaClock = {
  calendar: kolkata,
  targets: { responseMinutes: 8 * HOUR, resolutionMinutes: 40 * HOUR },
  atRiskShare: '0.75',
  // Thursday 26 November 14:00 IST: response due Friday 14:00, resolution Thursday 3 December 14:00.
  startedAt: at('2026-11-26T14:00+05:30'),
};
const raise = (overrides: Partial<StartSlaClock> = {}) => SlaClock.start({ ...standard, ...overrides });

const RESPONSE_DUE = at('2026-11-27T14:00+05:30');
const RESOLUTION_DUE = at('2026-12-03T14:00+05:30');
const ACCESS = 'Waiting for the customer to give access to the machine';

describe('a new request', () => {
  it('runs both clocks from the moment it is raised, with their deadlines', () => {
    const status = raise().status(at('2026-11-26T14:00+05:30'));
    expect(status.response).toEqual({
      target: 'response',
      elapsedMinutes: 0,
      targetMinutes: 8 * HOUR,
      dueAt: RESPONSE_DUE,
      state: 'running',
    });
    expect(status.resolution).toMatchObject({ state: 'running', targetMinutes: 40 * HOUR, dueAt: RESOLUTION_DUE });
    expect(status).toMatchObject({ timeZone: 'Asia/Kolkata', coverage: '8x5', onHold: false });
  });

  it('counts only working hours: at Friday 10:00 three hours on Thursday and one on Friday have elapsed', () => {
    expect(raise().status(at('2026-11-27T10:00+05:30')).response.elapsedMinutes).toBe(4 * HOUR);
  });

  it('starts counting a request raised at night at the next opening', () => {
    const clock = raise({ startedAt: at('2026-11-30T23:15+05:30') }); // Monday night
    const status = clock.status(at('2026-12-01T08:59+05:30'));
    expect(status.response).toMatchObject({ elapsedMinutes: 0, dueAt: at('2026-12-01T17:00+05:30'), state: 'running' });
  });

  it('makes a request raised Friday 16:00 with an 8-hour response due Monday 16:00', () => {
    const clock = raise({ startedAt: at('2026-12-04T16:00+05:30') });
    expect(clock.status(at('2026-12-05T10:00+05:30')).response.dueAt).toEqual(at('2026-12-07T16:00+05:30'));
  });
});

describe('response', () => {
  it('is met by the first response and stops counting then', () => {
    const clock = raise().respond(at('2026-11-26T16:00+05:30'));
    const status = clock.status(at('2026-11-30T12:00+05:30'));
    expect(status.response).toEqual({
      target: 'response',
      elapsedMinutes: 2 * HOUR,
      targetMinutes: 8 * HOUR,
      dueAt: RESPONSE_DUE,
      state: 'met',
      metAt: at('2026-11-26T16:00+05:30'),
    });
    expect(status.resolution.state).toBe('running');
  });

  it('is at risk once 75% of the target is used (6 of 8 working hours)', () => {
    const clock = raise();
    expect(clock.status(at('2026-11-27T11:59+05:30')).response.state).toBe('running');
    expect(clock.status(at('2026-11-27T12:00+05:30')).response).toMatchObject({ state: 'at_risk', elapsedMinutes: 6 * HOUR });
  });

  it('accepts the at-risk share as a number too', () => {
    const clock = raise({ atRiskShare: 0.5 });
    expect(clock.status(at('2026-11-27T10:00+05:30')).response.state).toBe('at_risk');
  });

  it('is on time when the response comes exactly at the deadline', () => {
    const status = raise().respond(RESPONSE_DUE).status(at('2026-11-30T10:00+05:30'));
    expect(status.response).toMatchObject({ state: 'met', elapsedMinutes: 8 * HOUR, dueAt: RESPONSE_DUE });
    expect(status.response.breachedAt).toBeUndefined();
  });

  it('is breached once the deadline passes without a response', () => {
    const status = raise().status(at('2026-11-27T14:01+05:30'));
    expect(status.response).toMatchObject({ state: 'breached', breachedAt: RESPONSE_DUE, dueAt: RESPONSE_DUE });
    expect(status.response.metLate).toBeUndefined();
  });

  it('stays breached outside working hours, when no more time is counting', () => {
    // Used up at 17:00; checked the same evening: already late, not "due at the next opening".
    const clock = raise({ startedAt: at('2026-12-01T09:00+05:30') });
    expect(clock.status(at('2026-12-01T21:00+05:30')).response).toMatchObject({
      state: 'breached',
      breachedAt: at('2026-12-01T17:00+05:30'),
      elapsedMinutes: 8 * HOUR,
    });
  });

  it('stays breached when met late, and says so', () => {
    const status = raise().respond(at('2026-11-27T15:30+05:30')).status(at('2026-12-01T10:00+05:30'));
    expect(status.response).toEqual({
      target: 'response',
      elapsedMinutes: 9 * HOUR + 30,
      targetMinutes: 8 * HOUR,
      dueAt: RESPONSE_DUE,
      state: 'breached',
      breachedAt: RESPONSE_DUE,
      metAt: at('2026-11-27T15:30+05:30'),
      metLate: true,
    });
  });
});

describe('on hold for the customer', () => {
  it('stops both clocks: elapsed time freezes and there is no deadline while on hold', () => {
    const clock = raise().pause(at('2026-11-27T10:00+05:30'), ACCESS);
    const status = clock.status(at('2026-11-30T16:00+05:30'));
    expect(status.onHold).toBe(true);
    expect(status.response).toMatchObject({ state: 'paused', elapsedMinutes: 4 * HOUR, dueAt: null });
    expect(status.resolution).toMatchObject({ state: 'paused', elapsedMinutes: 4 * HOUR, dueAt: null });
  });

  it('moves the deadlines by the working time spent on hold when resumed', () => {
    // On hold Friday 10:00 to Monday 10:00: 7 working hours on Friday + 1 on Monday.
    const clock = raise().pause(at('2026-11-27T10:00+05:30'), ACCESS).resume(at('2026-11-30T10:00+05:30'));
    const status = clock.status(at('2026-11-30T10:00+05:30'));
    expect(status.response).toMatchObject({ state: 'running', elapsedMinutes: 4 * HOUR, dueAt: at('2026-11-30T14:00+05:30') });
    expect(status.resolution.dueAt).toEqual(kolkata.addWorkingMinutes(RESOLUTION_DUE, 8 * HOUR));
    expect(status.resolution.dueAt).toEqual(at('2026-12-04T14:00+05:30'));
  });

  it('changes nothing when the hold lies outside working hours', () => {
    const clock = raise().pause(at('2026-11-27T18:00+05:30'), 'Customer site closed').resume(at('2026-11-30T08:00+05:30'));
    const status = clock.status(at('2026-11-30T08:00+05:30'));
    expect(status.response.dueAt).toEqual(RESPONSE_DUE);
    expect(status.resolution.dueAt).toEqual(RESOLUTION_DUE);
  });

  it('does not show a request on hold as at risk, and picks the risk up again on resume', () => {
    const onHold = raise().pause(at('2026-11-27T12:30+05:30'), ACCESS);
    expect(onHold.status(at('2026-11-27T16:00+05:30')).response.state).toBe('paused');
    expect(onHold.resume(at('2026-11-27T16:00+05:30')).status(at('2026-11-27T16:00+05:30')).response.state).toBe('at_risk');
  });

  it('cannot undo a breach: a request put on hold after its deadline stays breached', () => {
    const status = raise().pause(at('2026-11-27T15:00+05:30'), ACCESS).status(at('2026-11-30T10:00+05:30'));
    expect(status.response).toMatchObject({ state: 'breached', breachedAt: RESPONSE_DUE });
    expect(status.resolution).toMatchObject({ state: 'paused', dueAt: null });
  });

  it('keeps every hold with its reason for the audit trail', () => {
    const clock = raise()
      .pause(at('2026-11-27T10:00+05:30'), `  ${ACCESS}  `)
      .resume(at('2026-11-27T11:00+05:30'))
      .pause(at('2026-11-30T09:30+05:30'), 'Waiting for purchase order approval');
    expect(clock.pauses).toEqual([
      { from: at('2026-11-27T10:00+05:30'), to: at('2026-11-27T11:00+05:30'), reason: ACCESS },
      { from: at('2026-11-30T09:30+05:30'), to: null, reason: 'Waiting for purchase order approval' },
    ]);
    // Only running time counts: Thu 3 h + Fri 09:00–10:00 and 11:00–17:00 (7 h) + Mon 09:00–09:30.
    expect(clock.status(at('2026-11-30T15:00+05:30')).resolution.elapsedMinutes).toBe(10 * HOUR + 30);
  });

  it('hands out copies: changing a returned pause does not change the clock', () => {
    const clock = raise().pause(at('2026-11-27T10:00+05:30'), ACCESS);
    const pauses = clock.pauses;
    pauses[0].reason = 'edited';
    pauses[0].from.setUTCFullYear(2000);
    expect(clock.pauses[0]).toEqual({ from: at('2026-11-27T10:00+05:30'), to: null, reason: ACCESS });
  });

  it('records a response given while on hold without restarting the clock', () => {
    const clock = raise().pause(at('2026-11-27T10:00+05:30'), ACCESS).respond(at('2026-11-27T15:00+05:30'));
    const status = clock.status(at('2026-11-30T10:00+05:30'));
    expect(status.response).toMatchObject({ state: 'met', elapsedMinutes: 4 * HOUR, dueAt: null });
    expect(status.resolution.state).toBe('paused');
  });
});

describe('resolution', () => {
  it('meets the resolution, and the response too when nobody responded first', () => {
    const clock = raise().resolve(at('2026-11-27T11:00+05:30'));
    const status = clock.status(at('2026-12-10T10:00+05:30'));
    expect(status.resolution).toMatchObject({ state: 'met', elapsedMinutes: 5 * HOUR, metAt: at('2026-11-27T11:00+05:30') });
    expect(status.response).toMatchObject({ state: 'met', metAt: at('2026-11-27T11:00+05:30') });
    expect(clock.isResolved).toBe(true);
  });

  it('ends an open hold when resolved on hold', () => {
    const clock = raise().pause(at('2026-11-27T10:00+05:30'), ACCESS).resolve(at('2026-11-30T12:00+05:30'));
    expect(clock.isOnHold).toBe(false);
    expect(clock.pauses).toEqual([{ from: at('2026-11-27T10:00+05:30'), to: at('2026-11-30T12:00+05:30'), reason: ACCESS }]);
    expect(clock.status(at('2026-11-30T12:00+05:30')).resolution).toMatchObject({ state: 'met', elapsedMinutes: 4 * HOUR });
  });

  it('breaches after 40 working hours and records the resolution as late', () => {
    const clock = raise().respond(at('2026-11-26T15:00+05:30'));
    expect(clock.status(at('2026-12-03T13:59+05:30')).resolution.state).toBe('at_risk');
    expect(clock.status(at('2026-12-03T14:05+05:30')).resolution).toMatchObject({ state: 'breached', breachedAt: RESOLUTION_DUE });
    const late = clock.resolve(at('2026-12-04T10:00+05:30')).status(at('2026-12-04T10:00+05:30'));
    expect(late.resolution).toMatchObject({ state: 'breached', metLate: true, elapsedMinutes: 44 * HOUR });
    expect(late.response.state).toBe('met');
  });
});

describe('other coverage and time zones', () => {
  it('24x7: a 4-hour response raised Saturday 22:00 is due Sunday 02:00', () => {
    const clock = raise({
      calendar: new CoverageCalendar({ coverage: '24x7', timeZone: 'Asia/Kolkata' }),
      targets: { responseMinutes: 4 * HOUR, resolutionMinutes: 24 * HOUR },
      startedAt: at('2026-12-05T22:00+05:30'),
    });
    const status = clock.status(at('2026-12-06T01:00+05:30'));
    expect(status.response).toMatchObject({ state: 'at_risk', elapsedMinutes: 3 * HOUR, dueAt: at('2026-12-06T02:00+05:30') });
    expect(status.resolution.dueAt).toEqual(at('2026-12-06T22:00+05:30'));
    expect(status.coverage).toBe('24x7');
  });

  it('Europe/Berlin 8x5: raised the Friday before spring-forward, due Monday at the same local hour', () => {
    const clock = raise({
      calendar: new CoverageCalendar({ coverage: '8x5', timeZone: 'Europe/Berlin' }),
      startedAt: at('2026-03-27T16:00+01:00'),
    });
    expect(clock.status(at('2026-03-30T09:00+02:00')).response).toMatchObject({
      elapsedMinutes: 1 * HOUR,
      dueAt: at('2026-03-30T16:00+02:00'),
    });
  });

  it('America/New_York 8x5: a hold across the fall-back weekend moves the deadline by working time only', () => {
    const clock = raise({
      calendar: new CoverageCalendar({ coverage: '8x5', timeZone: 'America/New_York' }),
      startedAt: at('2026-10-30T13:00-04:00'),
    })
      .pause(at('2026-10-30T15:00-04:00'), 'Customer testing the workaround')
      .resume(at('2026-11-02T10:00-05:00'));
    // 2 h Friday + 1 h Monday on hold: due Monday 13:00 + 3 h = 16:00 EST.
    expect(clock.status(at('2026-11-02T10:00-05:00')).response.dueAt).toEqual(at('2026-11-02T16:00-05:00'));
  });
});

describe('the clock is immutable and never reads the system time', () => {
  it('returns a new clock for every event and leaves the old one as it was', () => {
    const raised = raise();
    const responded = raised.respond(at('2026-11-26T15:00+05:30'));
    expect(raised.respondedAt).toBeNull();
    expect(responded.respondedAt).toEqual(at('2026-11-26T15:00+05:30'));
  });

  it('gives the same answer for the same instant', () => {
    const clock = raise().pause(at('2026-11-27T10:00+05:30'), ACCESS).resume(at('2026-11-27T12:00+05:30'));
    expect(clock.status(at('2026-12-01T10:00+05:30'))).toEqual(clock.status(at('2026-12-01T10:00+05:30')));
  });

  it('restores from a snapshot to the same clock', () => {
    const clock = raise()
      .pause(at('2026-11-27T10:00+05:30'), ACCESS)
      .respond(at('2026-11-27T11:00+05:30'))
      .resume(at('2026-11-27T12:00+05:30'))
      .pause(at('2026-11-30T10:00+05:30'), 'Waiting for spare part approval')
      .resolve(at('2026-12-01T10:00+05:30'));
    const restored = SlaClock.restore(kolkata, clock.snapshot());
    expect(restored.snapshot()).toEqual(clock.snapshot());
    expect(restored.status(at('2026-12-02T10:00+05:30'))).toEqual(clock.status(at('2026-12-02T10:00+05:30')));
  });

  it('refuses to restore a snapshot no sequence of events could produce', () => {
    const snapshot = raise().snapshot();
    snapshot.pauses = [
      { from: at('2026-11-27T10:00+05:30'), to: at('2026-11-27T12:00+05:30'), reason: ACCESS },
      { from: at('2026-11-27T11:00+05:30'), to: null, reason: ACCESS },
    ];
    expect(() => SlaClock.restore(kolkata, snapshot)).toThrow(expect.objectContaining({ code: 'ALREADY_PAUSED' }));
  });
});

describe('invalid transitions', () => {
  const clock = raise();
  const resolved = clock.resolve(at('2026-11-27T10:00+05:30'));
  const onHold = clock.pause(at('2026-11-27T10:00+05:30'), ACCESS);
  const later = at('2026-11-27T11:00+05:30');

  it.each<[string, () => unknown, SlaClockErrorCode]>([
    ['responding twice', () => clock.respond(at('2026-11-26T15:00+05:30')).respond(later), 'ALREADY_RESPONDED'],
    ['responding after the resolution', () => clock.respond(at('2026-11-26T15:00+05:30')).resolve(later).respond(later), 'ALREADY_RESOLVED'],
    ['resolving twice', () => resolved.resolve(later), 'ALREADY_RESOLVED'],
    ['putting a resolved request on hold', () => resolved.pause(later, ACCESS), 'ALREADY_RESOLVED'],
    ['resuming a resolved request', () => resolved.resume(later), 'ALREADY_RESOLVED'],
    ['putting a request on hold twice', () => onHold.pause(later, 'Another reason'), 'ALREADY_PAUSED'],
    ['resuming a request that is not on hold', () => clock.resume(later), 'NOT_PAUSED'],
    ['a hold without a reason', () => clock.pause(later, ''), 'PAUSE_REASON_REQUIRED'],
    ['a hold with a blank reason', () => clock.pause(later, '   '), 'PAUSE_REASON_REQUIRED'],
    ['an event before the request was raised', () => clock.respond(at('2026-11-26T13:00+05:30')), 'TIME_WENT_BACKWARDS'],
    ['an event before the previous one', () => onHold.resume(at('2026-11-27T09:30+05:30')), 'TIME_WENT_BACKWARDS'],
    ['a status before the last event', () => onHold.status(at('2026-11-27T09:59+05:30')), 'TIME_WENT_BACKWARDS'],
    ['an invalid date', () => clock.respond(new Date('tomorrow')), 'INVALID_INSTANT'],
    ['a zero response target', () => raise({ targets: { responseMinutes: 0, resolutionMinutes: 2400 } }), 'INVALID_TARGET'],
    ['a negative resolution target', () => raise({ targets: { responseMinutes: 480, resolutionMinutes: -1 } }), 'INVALID_TARGET'],
    ['an at-risk share above 1', () => raise({ atRiskShare: '1.5' }), 'INVALID_AT_RISK_SHARE'],
    ['an at-risk share of 0', () => raise({ atRiskShare: 0 }), 'INVALID_AT_RISK_SHARE'],
    ['an at-risk share that is not a number', () => raise({ atRiskShare: 'three quarters' }), 'INVALID_AT_RISK_SHARE'],
  ])('rejects %s', (_name, act, code) => {
    expect(act).toThrow(SlaClockError);
    expect(act).toThrow(expect.objectContaining({ code, name: 'SlaClockError' }));
  });

  it('allows events at the same instant as the previous one', () => {
    const sameInstant = at('2026-11-27T10:00+05:30');
    expect(() => onHold.resume(sameInstant).respond(sameInstant).pause(sameInstant, ACCESS)).not.toThrow();
  });

  it('exposes the codes as a stable enum', () => {
    expect(SlaClockErrorCode.NOT_PAUSED).toBe('NOT_PAUSED');
  });
});
