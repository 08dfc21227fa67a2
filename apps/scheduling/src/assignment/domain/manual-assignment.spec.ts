import { busy, calendar, engineer, installationTask, ist, NOW, policy, travel } from '../../../test/domain-factories.js';
import type { EngineerAvailability } from './engineer-availability.js';
import { checkAssignment } from './manual-assignment.js';
import type { BusyInterval, EngineerProfile, TaskToPlace } from './model.js';
import { toIso } from './zoned-time.js';

function check(task: TaskToPlace, members: [EngineerProfile, BusyInterval[]?][], start: number | null) {
  const calendars = new Map<string, EngineerAvailability>(members.map(([e, rows]) => [e.id, calendar(e, rows ?? [])]));
  return checkAssignment({ task, members: members.map(([e]) => e), calendars: (id) => calendars.get(id), travel, policy: policy(), now: NOW, start });
}

describe('checkAssignment (a dispatcher’s choice under the same rules)', () => {
  const asha = engineer({ name: 'Asha' });
  const bala = engineer({ name: 'Bala' });
  const support = installationTask({ engineers: 1, workMinutes: 240 });

  it('accepts a qualified, free engineer at a chosen start', () => {
    const result = check(support, [[asha]], ist('2026-11-30', '11:00'));
    expect(result).toMatchObject({ ok: true, violations: [] });
    expect(result.option?.segments.map((s) => toIso(s.start))).toEqual(['2026-11-30T05:30:00Z']);
    expect(result.candidates[0]).toMatchObject({ eligible: true, rank: 1, slot: { start: '2026-11-30T05:30:00Z', travelMinutes: 60 } });
  });

  it('takes the crew’s earliest common slot when no start is given', () => {
    const result = check(installationTask(), [[asha, [busy('booking', '2026-11-27T09:00:00+05:30', '2026-11-27T18:00:00+05:30')]], [bala]], null);
    expect(result.ok).toBe(true);
    expect(result.option?.engineerIds).toEqual([asha.id, bala.id]);
    expect(toIso(result.option!.segments[0].start)).toBe('2026-11-30T04:30:00Z');
  });

  it('refuses a slot that runs into another booking and names it', () => {
    const booking = busy('booking', '2026-11-30T13:00:00+05:30', '2026-11-30T16:00:00+05:30', 'booking-9');
    const result = check(support, [[asha, [booking]]], ist('2026-11-30', '10:00'));
    expect(result.ok).toBe(false);
    expect(result.violations).toEqual([expect.objectContaining({ engineerId: asha.id, code: 'NOT_FREE', conflict: booking })]);
  });

  it('refuses a start before the task may start, outside working hours, or without the skills', () => {
    expect(check(support, [[asha]], ist('2026-11-26', '10:00')).violations.map((v) => v.code)).toEqual(['BEFORE_EARLIEST_START']);
    expect(check(support, [[asha]], ist('2026-11-28', '10:00')).violations.map((v) => v.code)).toEqual(['OUTSIDE_WORKING_HOURS']);
    const unskilled = engineer({ name: 'Unskilled', skills: { installation: null } });
    expect(check(support, [[unskilled]], ist('2026-11-30', '10:00')).violations.map((v) => v.code)).toEqual(['SKILL_MISSING']);
  });

  it('refuses a crew smaller than the task needs', () => {
    expect(check(installationTask(), [[asha]], ist('2026-11-30', '10:00')).violations.map((v) => v.code)).toEqual(['NOT_ENOUGH_ENGINEERS']);
  });

  it('refuses a visit that outlasts a certificate', () => {
    const lapsing = engineer({ name: 'Lapsing', skills: { installation: null, hydraulics: '2026-11-30' } });
    const result = check(installationTask({ engineers: 1 }), [[lapsing]], ist('2026-11-27', '10:00'));
    expect(result.violations).toEqual([expect.objectContaining({ code: 'CERT_EXPIRED', detail: expect.stringMatching(/valid until 2026-11-30, the visit ends 2026-12-01/) })]);
  });
});
