import { EngineerAvailability } from '../src/assignment/domain/engineer-availability.js';
import { DEFAULT_POLICY, STANDARD_WEEK, type BusyInterval, type EngineerProfile, type PlacementPolicy, type TaskToPlace, type TravelTimes } from '../src/assignment/domain/model.js';

/** Test data for the assignment domain: engineers, calendars, tasks. */

let sequence = 0;

export function engineer(overrides: Omit<Partial<EngineerProfile>, 'skills'> & { skills?: Record<string, string | null> | ReadonlyMap<string, string | null> } = {}): EngineerProfile {
  sequence++;
  const { skills, ...rest } = overrides;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    name: `Engineer ${sequence}`,
    active: true,
    homeRegion: 'MH',
    timezone: 'Asia/Kolkata',
    regions: ['MH'],
    weeklyHours: STANDARD_WEEK,
    ...rest,
    skills: skills instanceof Map ? skills : new Map(Object.entries(skills ?? { installation: null, hydraulics: '2027-12-31' })),
  };
}

/** The example order's installation: two engineers, 16 hours each, Pune, from Friday 27 Nov, due 4 Dec. */
export function installationTask(overrides: Partial<TaskToPlace> = {}): TaskToPlace {
  return {
    taskId: '9d2e4b7c-5a1f-4e3b-8c6d-2f7a1b3c4001',
    name: 'Install and commission machine',
    siteRegion: 'MH',
    siteTimezone: 'Asia/Kolkata',
    requiredSkills: ['installation', 'hydraulics'],
    workMinutes: 16 * 60,
    engineers: 2,
    earliestStart: '2026-11-27',
    dueDate: '2026-12-04',
    dueAt: null,
    ...overrides,
  };
}

export const at = (iso: string) => Date.parse(iso);

/** IST wall-clock on a date, as an instant: ist('2026-11-27', '10:00'). */
export const ist = (date: string, time: string) => Date.parse(`${date}T${time}:00+05:30`);

export function busy(kind: BusyInterval['kind'], from: string, to: string, ref = `${kind}-${from}`): BusyInterval {
  return { kind, start: Date.parse(from), end: Date.parse(to), ref };
}

export const NOW = at('2026-11-24T08:00:00Z');
const FROM = at('2026-11-16T00:00:00Z');
const TO = at('2027-03-31T00:00:00Z');

export function calendar(profile: EngineerProfile, rows: BusyInterval[] = [], from = FROM, to = TO): EngineerAvailability {
  return new EngineerAvailability(profile, rows, from, to);
}

/** Travel: 60 min within MH (by the matrix), 240 min MH↔KA. */
export const travel: TravelTimes = (from, to) => {
  if (from === to) return 60;
  const pair = [from, to].sort().join('-');
  return pair === 'KA-MH' ? 240 : null;
};

export function policy(overrides: Partial<PlacementPolicy> = {}): PlacementPolicy {
  return { ...DEFAULT_POLICY, ...overrides, weights: { ...DEFAULT_POLICY.weights, ...overrides.weights } };
}
