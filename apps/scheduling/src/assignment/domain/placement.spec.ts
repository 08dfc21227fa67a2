import { busy, calendar, engineer, installationTask, ist, NOW, policy, travel } from '../../../test/domain-factories.js';
import type { EngineerAvailability } from './engineer-availability.js';
import type { BusyInterval, EngineerProfile, PlacementPolicy, TaskToPlace } from './model.js';
import { placeTask, type CandidateRecord } from './placement.js';
import { ReasonCode } from './reason-codes.js';

function place(task: TaskToPlace, roster: [EngineerProfile, BusyInterval[]?][], options: { policy?: PlacementPolicy; now?: number } = {}) {
  const calendars = new Map<string, EngineerAvailability>(roster.map(([e, rows]) => [e.id, calendar(e, rows ?? [])]));
  return placeTask({ task, engineers: roster.map(([e]) => e), calendars: (id) => calendars.get(id), travel, policy: options.policy ?? policy(), now: options.now ?? NOW });
}

const ruleOf = (c: CandidateRecord | undefined, rule: string) => c?.rules.find((r) => r.rule === rule);
const failing = (c: CandidateRecord | undefined) => c?.rules.find((r) => r.result === 'fail')?.code;

describe('placeTask', () => {
  describe('the example installation (crew of two, 16 h, Pune, 27 Nov – 4 Dec)', () => {
    const asha = engineer({ name: 'Asha' });
    const bala = engineer({ name: 'Bala' });
    const kiran = engineer({ name: 'Kiran', homeRegion: 'KA', regions: ['KA'] });
    const dev = engineer({ name: 'Dev', skills: { installation: null, hydraulics: '2026-10-31' } });
    const esha = engineer({ name: 'Esha' });
    const farid = engineer({ name: 'Farid', skills: { installation: null } });
    const gita = engineer({ name: 'Gita' });
    const inactive = engineer({ name: 'Hari', active: false });
    const leave = busy('leave', '2026-11-23T00:00:00+05:30', '2026-12-12T00:00:00+05:30');
    const fullyBooked = busy('booking', '2026-11-20T00:00:00+05:30', '2026-12-20T00:00:00+05:30');
    const roster: [EngineerProfile, BusyInterval[]?][] = [[kiran], [dev], [esha, [leave]], [farid], [gita, [fullyBooked]], [inactive], [asha], [bala]];
    const { record, options } = place(installationTask(), roster);
    const byName = (name: string) => record.candidates.find((c) => c.name === name);

    it('books a qualified, free crew in the region on the first day, split across working days', () => {
      expect(record.outcome).toBe('placed');
      expect(record.phase).toBe('before_due');
      expect(options[0].engineerIds.sort()).toEqual([asha.id, bala.id].sort());
      expect(record.chosen).toMatchObject({
        start: '2026-11-27T04:30:00Z',
        end: '2026-12-01T06:30:00Z',
        segments: [
          { start: '2026-11-27T04:30:00Z', end: '2026-11-27T11:30:00Z' },
          { start: '2026-11-30T04:30:00Z', end: '2026-11-30T11:30:00Z' },
          { start: '2026-12-01T04:30:00Z', end: '2026-12-01T06:30:00Z' },
        ],
        late: false,
      });
      expect(byName('Asha')).toMatchObject({ eligible: true, rank: 1, scores: { travel: 0.75, load: 1 } });
    });

    it('excludes each other engineer with the reason code of the rule that fails', () => {
      expect(failing(byName('Kiran'))).toBe(ReasonCode.REGION_NOT_SERVED);
      expect(failing(byName('Dev'))).toBe(ReasonCode.CERT_EXPIRED);
      expect(failing(byName('Esha'))).toBe(ReasonCode.ON_LEAVE);
      expect(failing(byName('Farid'))).toBe(ReasonCode.SKILL_MISSING);
      expect(failing(byName('Gita'))).toBe(ReasonCode.NO_FREE_SLOT);
      expect(failing(byName('Hari'))).toBe(ReasonCode.INACTIVE);
      expect(ruleOf(byName('Farid'), 'skills')).toEqual({ rule: 'skills', result: 'fail', code: 'SKILL_MISSING', detail: 'lacks hydraulics' });
      expect(ruleOf(byName('Dev'), 'certificates')?.detail).toBe('hydraulics certificate expired 2026-10-31');
    });

    it('records every rule for every engineer, pruning those outside the region first', () => {
      expect(byName('Kiran')!.rules.map((r) => [r.rule, r.result])).toEqual([
        ['active', 'pass'],
        ['region', 'fail'],
        ['skills', 'skipped'],
        ['certificates', 'skipped'],
        ['availability', 'skipped'],
      ]);
      expect(byName('Asha')!.rules.map((r) => [r.rule, r.result])).toEqual([
        ['active', 'pass'],
        ['region', 'pass'],
        ['skills', 'pass'],
        ['certificates', 'pass'],
        ['availability', 'pass'],
        ['crew', 'pass'],
      ]);
      expect(record.reasons).toEqual(
        expect.arrayContaining([
          { code: 'REGION_NOT_SERVED', engineers: 1 },
          { code: 'ON_LEAVE', engineers: 1 },
          { code: 'NO_FREE_SLOT', engineers: 1 },
        ]),
      );
    });
  });

  it('prefers less travel when starts are equal', () => {
    const near = engineer({ name: 'Near', homeRegion: 'MH', regions: ['MH'] });
    const far = engineer({ name: 'Far', homeRegion: 'KA', regions: ['KA', 'MH'] });
    const { record } = place(installationTask({ engineers: 1, workMinutes: 240 }), [[far], [near]]);
    expect(record.chosen?.engineerIds).toEqual([near.id]);
    expect(record.candidates.find((c) => c.name === 'Far')?.scores?.travel).toBe(0);
  });

  it('weighs preferences as configured: with load first, the lighter week wins over the earlier start', () => {
    const busyWeek = engineer({ name: 'Busy week' });
    const quietWeek = engineer({ name: 'Quiet week' });
    const heavy = [busy('booking', '2026-11-23T09:00:00+05:30', '2026-11-26T18:00:00+05:30')];
    // Quiet week: free only from Tuesday 1 Dec, in a week with one day booked.
    const light = [busy('booking', '2026-11-27T09:00:00+05:30', '2026-11-27T18:00:00+05:30'), busy('booking', '2026-11-30T09:00:00+05:30', '2026-11-30T18:00:00+05:30')];
    const task = installationTask({ engineers: 1, workMinutes: 120 });
    const roster: [EngineerProfile, BusyInterval[]][] = [[busyWeek, heavy], [quietWeek, light]];
    expect(place(task, roster).record.chosen?.engineerIds).toEqual([busyWeek.id]);
    const loadFirst = policy({ weights: { earliest: 0.1, travel: 0, load: 0.9 } });
    const { record } = place(task, roster, { policy: loadFirst });
    expect(record.chosen?.engineerIds).toEqual([quietWeek.id]);
    expect(record.weights).toEqual({ earliest: 0.1, travel: 0, load: 0.9 });
  });

  it('places late, and says so, when nobody can finish by the due date', () => {
    const only = engineer({ name: 'Only' });
    const booked = [busy('booking', '2026-11-27T00:00:00+05:30', '2026-12-05T00:00:00+05:30')];
    const { record } = place(installationTask({ engineers: 1, workMinutes: 240 }), [[only, booked]]);
    expect(record).toMatchObject({ outcome: 'placed', phase: 'horizon', chosen: { start: '2026-12-07T04:30:00Z', late: true } });
  });

  it('starts a breakdown now and scores it against its SLA target', () => {
    const only = engineer({ name: 'Only' });
    const now = ist('2026-11-25', '11:00');
    const breakdown = installationTask({ engineers: 1, workMinutes: 240, earliestStart: null, dueDate: null, dueAt: ist('2026-11-26', '18:00') });
    const { record } = place(breakdown, [[only]], { now });
    expect(record.window).toEqual({ notBefore: '2026-11-25T05:30:00Z', dueBy: '2026-11-26T12:30:00Z', searchedUntil: '2026-11-26T12:30:00Z' });
    expect(record.chosen?.start).toBe('2026-11-25T05:30:00Z');
  });

  it('uses a certificate only while it is valid', () => {
    const lapsing = engineer({ name: 'Lapsing', skills: { installation: null, hydraulics: '2026-11-27' } });
    const { record } = place(installationTask({ engineers: 1 }), [[lapsing]]);
    expect(record.outcome).toBe('unplaced');
    expect(record.candidates[0].rules.find((r) => r.rule === 'availability')).toMatchObject({
      code: 'CERT_EXPIRED',
      detail: 'hydraulics certificate valid until 2026-11-27: no free slot before it lapses',
    });
  });

  it('finds the slot a whole crew shares', () => {
    const morning = engineer({ name: 'Mornings booked' });
    const friday = engineer({ name: 'Friday booked' });
    const task = installationTask({ workMinutes: 240 });
    const { record } = place(task, [
      [morning, [busy('booking', '2026-11-27T09:00:00+05:30', '2026-11-27T13:00:00+05:30')]],
      [friday, [busy('booking', '2026-11-27T09:00:00+05:30', '2026-11-27T18:00:00+05:30')]],
    ]);
    expect(record.chosen).toMatchObject({ start: '2026-11-30T04:30:00Z' });
    expect(record.chosen?.engineerIds.sort()).toEqual([morning.id, friday.id].sort());
  });

  it('leaves a crew task unplaced with NOT_ENOUGH_ENGINEERS when too few qualify', () => {
    const alone = engineer({ name: 'Alone' });
    const other = engineer({ name: 'Other region', homeRegion: 'KA', regions: ['KA'] });
    const { record, options } = place(installationTask(), [[alone], [other]]);
    expect(options).toEqual([]);
    expect(record.outcome).toBe('unplaced');
    expect(record.reasons[0]).toEqual({ code: 'NOT_ENOUGH_ENGINEERS', engineers: 1 });
    expect(record.candidates.find((c) => c.name === 'Alone')?.rules.at(-1)).toMatchObject({ rule: 'crew', code: 'NOT_AVAILABLE_WITH_CREW' });
  });

  it('cannot place work at a site without a region', () => {
    const { record } = place(installationTask({ engineers: 1, siteRegion: null }), [[engineer()]]);
    expect(record.outcome).toBe('unplaced');
    expect(record.reasons).toEqual([{ code: 'SITE_REGION_UNKNOWN', engineers: 1 }]);
  });

  it('keeps ranked alternatives for when the database refuses the first choice', () => {
    const roster: [EngineerProfile][] = Array.from({ length: 8 }, (_, i) => [engineer({ name: `E${i}` })]);
    const { options, record } = place(installationTask({ engineers: 1, workMinutes: 240 }), roster);
    expect(options).toHaveLength(6);
    expect(record.alternatives).toHaveLength(5);
    expect(new Set(options.map((o) => o.engineerIds[0])).size).toBe(6);
  });
});
