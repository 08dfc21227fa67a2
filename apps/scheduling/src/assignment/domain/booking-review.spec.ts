import { installationTask, ist, policy } from '../../../test/domain-factories.js';
import { bookingNoLongerFits, visitAlreadyBegun } from './booking-review.js';

const visit = {
  engineerIds: ['a', 'b'],
  segments: [
    { start: ist('2026-11-27', '10:00'), end: ist('2026-11-27', '17:00') },
    { start: ist('2026-11-30', '10:00'), end: ist('2026-11-30', '17:00') },
    { start: ist('2026-12-01', '10:00'), end: ist('2026-12-01', '12:00') },
  ],
};

describe('bookingNoLongerFits', () => {
  const before = installationTask();

  it('keeps a visit that still does the task', () => {
    expect(bookingNoLongerFits(before, before, visit, policy())).toEqual([]);
    expect(bookingNoLongerFits(installationTask({ dueDate: '2026-12-10' }), before, visit, policy())).toEqual([]);
  });

  it('moves a visit the new window, hours, crew, site or skills rule out', () => {
    expect(bookingNoLongerFits(installationTask({ earliestStart: '2026-11-30' }), before, visit, policy())).toEqual(['the visit starts before 2026-11-29T18:30:00Z']);
    expect(bookingNoLongerFits(installationTask({ dueDate: '2026-11-30' }), before, visit, policy())).toEqual(['the visit ends after the new due time 2026-11-30T18:30:00Z']);
    expect(bookingNoLongerFits(installationTask({ workMinutes: 20 * 60 }), before, visit, policy())).toEqual(['20 h of work now, 16 h booked']);
    expect(bookingNoLongerFits(installationTask({ engineers: 3 }), before, visit, policy())).toEqual(['3 engineers now, 2 booked']);
    expect(bookingNoLongerFits(installationTask({ siteRegion: 'KA' }), before, visit, policy())).toEqual(['the site is now in region KA']);
    expect(bookingNoLongerFits(installationTask({ requiredSkills: ['installation', 'plc'] }), before, visit, policy())).toEqual(['required skills are now installation, plc']);
  });

  it('does not move a visit that was already late when nothing about the due date changed', () => {
    const late = installationTask({ dueDate: '2026-11-28' });
    expect(bookingNoLongerFits(late, late, visit, policy())).toEqual([]);
  });
});

describe('visitAlreadyBegun', () => {
  const beforeStart = ist('2026-11-27', '09:00');

  it('calls off a visit still ahead of a task done without it, travel time included', () => {
    expect(visitAlreadyBegun(visit, 'scheduled', beforeStart)).toBeNull();
    expect(visitAlreadyBegun(visit, 'ready', ist('2026-11-27', '09:59'))).toBeNull();
  });

  it('keeps a visit whose first day has begun, a visit over several days as a whole', () => {
    expect(visitAlreadyBegun(visit, 'scheduled', ist('2026-11-27', '10:00'))).toBe('the visit began at 2026-11-27T04:30:00Z');
    expect(visitAlreadyBegun(visit, 'scheduled', ist('2026-11-30', '08:00'))).toBe('the visit began at 2026-11-27T04:30:00Z');
    expect(visitAlreadyBegun(visit, 'scheduled', ist('2026-12-02', '08:00'))).toBe('the visit began at 2026-11-27T04:30:00Z');
  });

  it('keeps a visit the engineer started before its booked time, and decides a repeated done event no differently', () => {
    expect(visitAlreadyBegun(visit, 'in_progress', beforeStart)).toBe('the task was in progress before it was done');
    expect(visitAlreadyBegun(visit, 'done', beforeStart)).toBe('the task was already done');
  });
});
