import { busy, calendar, engineer, ist } from '../../../test/domain-factories.js';
import { workingWindows } from './engineer-availability.js';
import { ReasonCode } from './reason-codes.js';
import { HOUR_MS, MINUTE_MS, toIso } from './zoned-time.js';

const shape = (hours: number, travelMinutes = 60) => ({
  workMs: hours * HOUR_MS,
  travelMs: travelMinutes * MINUTE_MS,
  minSegmentMs: 60 * MINUTE_MS,
  maxDays: 10,
});
const view = (segments: { start: number; end: number }[]) => segments.map((s) => `${toIso(s.start)}..${toIso(s.end)}`);

describe('EngineerAvailability', () => {
  const asha = engineer({ name: 'Asha' });

  it('lays out working windows in the engineer’s zone, Monday to Friday', () => {
    const windows = workingWindows(asha.weeklyHours, 'Asia/Kolkata', ist('2026-11-27', '00:00'), ist('2026-12-01', '00:00'));
    expect(windows.map(toIso)).toEqual(['2026-11-27T03:30:00Z', '2026-11-27T12:30:00Z', '2026-11-30T03:30:00Z', '2026-11-30T12:30:00Z']);
  });

  it('starts work after travel, no earlier than the task may start', () => {
    const [plan] = calendar(asha).plans(ist('2026-11-27', '00:00'), Infinity, shape(4));
    expect(view(plan)).toEqual([`${toIso(ist('2026-11-27', '10:00'))}..${toIso(ist('2026-11-27', '14:00'))}`]);
  });

  it('fits work and both travels between bookings, or waits for the next free stretch', () => {
    const rows = [busy('booking', '2026-11-27T09:00:00+05:30', '2026-11-27T12:00:00+05:30'), busy('booking', '2026-11-27T16:00:00+05:30', '2026-11-27T18:00:00+05:30')];
    const [fits] = calendar(asha, rows).plans(ist('2026-11-27', '00:00'), Infinity, shape(2));
    expect(toIso(fits[0].start)).toBe(toIso(ist('2026-11-27', '13:00')));
    const [later] = calendar(asha, rows).plans(ist('2026-11-27', '00:00'), Infinity, shape(3));
    expect(toIso(later[0].start)).toBe(toIso(ist('2026-11-30', '10:00')));
  });

  it('splits work longer than a day across working days, with travel each day, skipping the weekend', () => {
    const [plan] = calendar(asha).plans(ist('2026-11-27', '00:00'), Infinity, shape(16));
    expect(view(plan)).toEqual([
      '2026-11-27T04:30:00Z..2026-11-27T11:30:00Z',
      '2026-11-30T04:30:00Z..2026-11-30T11:30:00Z',
      '2026-12-01T04:30:00Z..2026-12-01T06:30:00Z',
    ]);
  });

  it('skips a public holiday inside a multi-day visit, but not a booked day', () => {
    const holiday = busy('holiday', '2026-11-30T00:00:00+05:30', '2026-12-01T00:00:00+05:30');
    const [overHoliday] = calendar(asha, [holiday]).plans(ist('2026-11-27', '00:00'), Infinity, shape(16));
    expect(overHoliday.map((s) => toIso(s.start).slice(0, 10))).toEqual(['2026-11-27', '2026-12-01', '2026-12-02']);
    const booked = busy('booking', '2026-11-30T09:00:00+05:30', '2026-11-30T11:00:00+05:30');
    const [aroundBooking] = calendar(asha, [booked]).plans(ist('2026-11-27', '00:00'), Infinity, shape(16));
    // Monday morning is taken, so the visit cannot continue from Friday; it starts after the booking instead.
    expect(view(aroundBooking)).toEqual([
      '2026-11-30T06:30:00Z..2026-11-30T11:30:00Z',
      '2026-12-01T04:30:00Z..2026-12-01T11:30:00Z',
      '2026-12-02T04:30:00Z..2026-12-02T08:30:00Z',
    ]);
  });

  it('finds nothing that cannot end in time, and lists alternatives on request', () => {
    expect(calendar(asha).plans(ist('2026-11-27', '00:00'), ist('2026-11-27', '12:00'), shape(4))).toEqual([]);
    const plans = calendar(asha).plans(ist('2026-11-27', '00:00'), Infinity, shape(4), 3);
    expect(plans.map((p) => toIso(p[0].start))).toEqual(['2026-11-27T04:30:00Z', '2026-11-30T04:30:00Z', '2026-12-01T04:30:00Z']);
  });

  it('answers "would it fit without the leave"', () => {
    const leave = busy('leave', '2026-11-23T00:00:00+05:30', '2026-12-05T00:00:00+05:30');
    const [during] = calendar(asha, [leave]).plans(ist('2026-11-27', '00:00'), ist('2026-12-05', '00:00'), shape(4));
    expect(during).toBeUndefined();
    expect(calendar(asha, [leave]).plans(ist('2026-11-27', '00:00'), ist('2026-12-05', '00:00'), shape(4), 1, true)).toHaveLength(1);
  });

  describe('fits', () => {
    const booking = busy('booking', '2026-11-27T13:00:00+05:30', '2026-11-27T15:00:00+05:30', 'booking-42');
    const leave = busy('leave', '2026-11-30T00:00:00+05:30', '2026-12-01T00:00:00+05:30', 'leave-7');
    const holiday = busy('holiday', '2026-12-01T00:00:00+05:30', '2026-12-02T00:00:00+05:30', 'holiday-1');
    const cal = calendar(asha, [booking, leave, holiday]);
    const seg = (date: string, from: string, to: string) => [{ start: ist(date, from), end: ist(date, to) }];

    it('accepts a slot free for the work and both travels', () => {
      expect(cal.fits(seg('2026-11-27', '10:00', '12:00'), HOUR_MS)).toEqual({ ok: true });
    });

    it('names the booking that travel would run into', () => {
      expect(cal.fits(seg('2026-11-27', '10:00', '12:30'), HOUR_MS)).toMatchObject({ ok: false, code: ReasonCode.NOT_FREE, conflict: { ref: 'booking-42' } });
    });

    it('tells leave, holidays and hours outside the working day apart', () => {
      expect(cal.fits(seg('2026-11-30', '10:00', '12:00'), HOUR_MS)).toMatchObject({ ok: false, code: ReasonCode.ON_LEAVE, conflict: { ref: 'leave-7' } });
      expect(cal.fits(seg('2026-12-01', '10:00', '12:00'), HOUR_MS)).toMatchObject({ ok: false, code: ReasonCode.HOLIDAY });
      expect(cal.fits(seg('2026-11-27', '08:30', '10:00'), 0)).toMatchObject({ ok: false, code: ReasonCode.OUTSIDE_WORKING_HOURS });
      expect(cal.fits(seg('2026-11-28', '10:00', '12:00'), 0)).toMatchObject({ ok: false, code: ReasonCode.OUTSIDE_WORKING_HOURS });
    });
  });

  it('plans a visit from a chosen start, cut at the working days', () => {
    expect(calendar(asha).planFrom(ist('2026-11-27', '14:00'), shape(16))).toEqual({
      segments: [
        { start: ist('2026-11-27', '14:00'), end: ist('2026-11-27', '17:00') },
        { start: ist('2026-11-30', '10:00'), end: ist('2026-11-30', '17:00') },
        { start: ist('2026-12-01', '10:00'), end: ist('2026-12-01', '16:00') },
      ],
    });
    expect(calendar(asha).planFrom(ist('2026-11-27', '15:00'), shape(4))).toMatchObject({ code: ReasonCode.OUTSIDE_WORKING_HOURS });
    expect(calendar(asha).planFrom(ist('2026-11-28', '10:00'), shape(4))).toMatchObject({ code: ReasonCode.OUTSIDE_WORKING_HOURS });
  });

  it('measures the week’s load, travel included', () => {
    const rows = [busy('booking', '2026-11-23T09:00:00+05:30', '2026-11-23T18:00:00+05:30'), busy('booking', '2026-11-30T09:00:00+05:30', '2026-11-30T13:30:00+05:30')];
    const cal = calendar(asha, rows);
    expect(cal.weeklyLoad(ist('2026-11-27', '10:00'))).toBeCloseTo(9 / 45);
    expect(cal.weeklyLoad(ist('2026-12-04', '10:00'))).toBeCloseTo(4.5 / 45);
    expect(cal.weeklyLoad(ist('2026-12-07', '10:00'))).toBe(0);
  });
});
