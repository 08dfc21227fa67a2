import {
  deadlinesAfter,
  lastEventOf,
  metOnTime,
  requestStatusOf,
  restoreClock,
  siteDate,
  siteTimeZone,
  startRequestClock,
  statusAt,
  storeClock,
} from './request-clock.js';

const at = (iso: string) => new Date(iso);
const warrantyP2 = { coverage: '8x5', responseHours: 8, resolutionHours: 40, atRiskShare: '0.75' } as const;
// Monday 4 January 2027, 10:00 IST.
const RAISED = at('2027-01-04T10:00+05:30');

describe('a service request clock', () => {
  it('starts on the site calendar with the SLA in minutes, and is open', () => {
    const clock = startRequestClock(warrantyP2, 'Asia/Kolkata', RAISED);
    expect(clock.targets).toEqual({ responseMinutes: 480, resolutionMinutes: 2400 });
    expect(clock.calendar).toMatchObject({ coverage: '8x5', timeZone: 'Asia/Kolkata' });
    expect(requestStatusOf(clock)).toBe('open');
    expect(statusAt(clock, RAISED).response.dueAt).toEqual(at('2027-01-05T10:00+05:30'));
  });

  it("counts a scaled SLA's fractional hours in minutes (2.5 hours is 150)", () => {
    const clock = startRequestClock({ coverage: '24x7', responseHours: 2.5, resolutionHours: 12, atRiskShare: '0.75' }, 'UTC', RAISED);
    expect(clock.targets).toEqual({ responseMinutes: 150, resolutionMinutes: 720 });
  });

  it('round-trips through JSON with its holds and reasons', () => {
    const clock = startRequestClock(warrantyP2, 'Asia/Kolkata', RAISED)
      .respond(at('2027-01-04T11:00+05:30'))
      .pause(at('2027-01-04T12:00+05:30'), 'Waiting for the customer to open the plant')
      .resume(at('2027-01-05T09:30+05:30'))
      .pause(at('2027-01-05T10:00+05:30'), 'Waiting for parts approval');
    const stored = JSON.parse(JSON.stringify(storeClock(clock)));
    expect(stored).toMatchObject({
      timeZone: 'Asia/Kolkata',
      startedAt: '2027-01-04T04:30:00.000Z',
      respondedAt: '2027-01-04T05:30:00.000Z',
      pauses: [
        { from: '2027-01-04T06:30:00.000Z', to: '2027-01-05T04:00:00.000Z', reason: 'Waiting for the customer to open the plant' },
        { from: '2027-01-05T04:30:00.000Z', to: null, reason: 'Waiting for parts approval' },
      ],
    });
    const restored = restoreClock(stored, '8x5');
    expect(restored.snapshot()).toEqual(clock.snapshot());
    expect(requestStatusOf(restored)).toBe('on_hold');
    expect(lastEventOf(restored)).toEqual(at('2027-01-05T10:00+05:30'));
  });

  it('says responded, on hold and resolved as the clock records them', () => {
    const raised = startRequestClock(warrantyP2, 'UTC', RAISED);
    const responded = raised.respond(at('2027-01-04T06:00Z'));
    expect(requestStatusOf(responded)).toBe('responded');
    const held = responded.pause(at('2027-01-04T07:00Z'), 'Customer closed for inventory');
    expect(requestStatusOf(held)).toBe('on_hold');
    expect(requestStatusOf(held.resume(at('2027-01-04T08:00Z')))).toBe('responded');
    expect(requestStatusOf(held.resolve(at('2027-01-04T09:00Z')))).toBe('resolved');
  });

  it('reads the status as of the last event when asked for an earlier instant', () => {
    const clock = startRequestClock(warrantyP2, 'UTC', RAISED).respond(at('2027-01-04T12:00Z'));
    expect(statusAt(clock, at('2027-01-04T05:00Z')).asOf).toEqual(at('2027-01-04T12:00Z'));
  });
});

describe('deadlines after an event', () => {
  const previous = { responseDueAt: at('2027-01-05T10:00+05:30'), resolutionDueAt: at('2027-01-11T10:00+05:30') };

  it('has none while on hold: they move with the length of the hold', () => {
    const held = startRequestClock(warrantyP2, 'Asia/Kolkata', RAISED).pause(at('2027-01-04T10:30+05:30'), 'Access');
    expect(deadlinesAfter(held, at('2027-01-04T10:30+05:30'), previous)).toEqual({ responseDueAt: null, resolutionDueAt: null });
  });

  it('moves them by the working time spent on hold', () => {
    const resumed = startRequestClock(warrantyP2, 'Asia/Kolkata', RAISED)
      .pause(at('2027-01-04T10:30+05:30'), 'Access')
      .resume(at('2027-01-05T15:00+05:30'));
    // 30 minutes used before the hold, 7.5 hours left from Tuesday 15:00: 2 on Tuesday, 5.5 on Wednesday.
    expect(deadlinesAfter(resumed, at('2027-01-05T15:00+05:30'), previous).responseDueAt).toEqual(at('2027-01-06T14:30+05:30'));
  });

  it('keeps the deadline a met target had', () => {
    const responded = startRequestClock(warrantyP2, 'Asia/Kolkata', RAISED).respond(at('2027-01-04T11:00+05:30'));
    expect(deadlinesAfter(responded, at('2027-01-04T11:00+05:30'), previous)).toEqual({
      responseDueAt: previous.responseDueAt,
      resolutionDueAt: at('2027-01-11T10:00+05:30'),
    });
  });
});

describe('site time', () => {
  it("is the site's calendar date, not UTC's", () => {
    expect(siteDate(at('2027-01-04T20:00Z'), 'Asia/Kolkata')).toBe('2027-01-05');
    expect(siteDate(at('2027-01-04T20:00Z'), 'UTC')).toBe('2027-01-04');
  });

  it('falls back to UTC for a site without a known time zone', () => {
    expect(siteTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(siteTimeZone(null)).toBe('UTC');
    expect(siteTimeZone('Mars/Olympus_Mons')).toBe('UTC');
  });
});

describe('met on time', () => {
  it('is true only for a target met before its deadline', () => {
    expect(metOnTime({ metAt: RAISED })).toBe(true);
    expect(metOnTime({ metAt: RAISED, metLate: true })).toBe(false);
    expect(metOnTime({})).toBe(false);
  });
});
