import { STANDARD_WEEK } from '../../assignment/domain/model.js';
import { availabilityDays, calendarMinutes, MAX_AVAILABILITY_DAYS, type AvailabilityCalendar } from './availability-days.js';

const kolkata = (over: Partial<AvailabilityCalendar> = {}): AvailabilityCalendar => ({
  timezone: 'Asia/Kolkata',
  weeklyHours: STANDARD_WEEK,
  leave: [],
  holidays: [],
  ...over,
});

const summary = (days: { date: string; availableMinutes: number; kind: string }[]) => days.map((d) => `${d.date} ${d.kind} ${d.availableMinutes}`);

describe('availabilityDays', () => {
  it('a normal week: 540 minutes Monday to Friday, the weekend off', () => {
    // 2026-11-30 is a Monday.
    expect(summary(availabilityDays(kolkata(), '2026-11-30', '2026-12-06'))).toEqual([
      '2026-11-30 working 540',
      '2026-12-01 working 540',
      '2026-12-02 working 540',
      '2026-12-03 working 540',
      '2026-12-04 working 540',
      '2026-12-05 off 0',
      '2026-12-06 off 0',
    ]);
  });

  it('leave takes whole working days; a weekend inside the leave stays off', () => {
    const days = availabilityDays(kolkata({ leave: [{ firstDay: '2026-12-03', lastDay: '2026-12-07' }] }), '2026-12-02', '2026-12-08');
    expect(summary(days)).toEqual([
      '2026-12-02 working 540',
      '2026-12-03 leave 0',
      '2026-12-04 leave 0',
      '2026-12-05 off 0',
      '2026-12-06 off 0',
      '2026-12-07 leave 0',
      '2026-12-08 working 540',
    ]);
  });

  it('a regional holiday is 0 minutes, and counts as the holiday even inside leave', () => {
    const days = availabilityDays(
      kolkata({ holidays: ['2026-12-25'], leave: [{ firstDay: '2026-12-24', lastDay: '2026-12-28' }] }),
      '2026-12-23',
      '2026-12-29',
    );
    expect(summary(days)).toEqual([
      '2026-12-23 working 540',
      '2026-12-24 leave 0',
      '2026-12-25 holiday 0',
      '2026-12-26 off 0',
      '2026-12-27 off 0',
      '2026-12-28 leave 0',
      '2026-12-29 working 540',
    ]);
    expect(summary(availabilityDays(kolkata({ holidays: ['2026-12-25'] }), '2026-12-25', '2026-12-25'))).toEqual(['2026-12-25 holiday 0']);
  });

  it('a day with no working hours is off; a half day counts its own hours; split windows are summed, overlaps once', () => {
    const week = [
      { day: 1, start: '08:00', end: '12:00' },
      { day: 1, start: '13:00', end: '17:00' },
      { day: 3, start: '09:00', end: '14:00' },
      { day: 3, start: '12:00', end: '15:00' },
      { day: 6, start: '09:00', end: '13:00' },
    ];
    expect(summary(availabilityDays(kolkata({ weeklyHours: week }), '2026-11-30', '2026-12-06'))).toEqual([
      '2026-11-30 working 480',
      '2026-12-01 off 0',
      '2026-12-02 working 360',
      '2026-12-03 off 0',
      '2026-12-04 off 0',
      '2026-12-05 working 240',
      '2026-12-06 off 0',
    ]);
  });

  it('counts wall-clock hours in the zone: the night shift over a DST switch is an hour shorter', () => {
    // Berlin moves from 02:00 to 03:00 on Sunday 2027-03-28.
    const night = [{ day: 7, start: '00:00', end: '06:00' }];
    expect(calendarMinutes(night, 'Europe/Berlin', '2027-03-28')).toBe(300);
    expect(calendarMinutes(night, 'Europe/Berlin', '2027-04-04')).toBe(360);
  });

  it('an engineer switched off has no minutes from that day on', () => {
    const days = availabilityDays(kolkata({ inactiveFrom: '2026-12-02' }), '2026-11-30', '2026-12-02');
    expect(summary(days)).toEqual(['2026-11-30 working 540', '2026-12-01 working 540', '2026-12-02 off 0']);
  });

  it('keeps the payload bounded and refuses a backwards window', () => {
    expect(availabilityDays(kolkata(), '2026-01-01', '2030-12-31')).toHaveLength(MAX_AVAILABILITY_DAYS);
    expect(() => availabilityDays(kolkata(), '2026-12-02', '2026-12-01')).toThrow(RangeError);
  });
});
