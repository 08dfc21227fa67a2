/**
 * How long placing one task takes among 1,000 engineers with 90-day calendars.
 *
 *   npm run build && node dist/bench/scheduling-placement.bench.js [tasks=1000] [engineers=1000]
 *
 * A seeded, realistic roster: 12 regions (each engineer serves home plus one or
 * two neighbours), 10 skills with certificates (some lapsing inside the 90 days),
 * Monday–Friday or Monday–Saturday weeks in five time zones, three public
 * holidays per region, a fortnight's leave for one engineer in twelve, and
 * bookings filling about 60% of working time (full-day, half-day and part-day
 * rows, travel included; about 50,000 in all). Tasks: 1–3 skills, 2 to 24 hours
 * (so many run over several days), one in five for a crew of two, a due date a
 * week after the earliest start, in any of the twelve regions.
 *
 * Two figures per task: "placement" uses calendars precomputed per engineer
 * (sorted working windows and busy intervals), which is the target (p95 < 20 ms);
 * "cold" also builds the calendars of the engineers who pass the screen, as the
 * service does from the rows it loads for each task.
 */
import { performance } from 'node:perf_hooks';
import { EngineerAvailability } from '../apps/scheduling/src/assignment/domain/engineer-availability.js';
import { DEFAULT_POLICY, type BusyInterval, type EngineerProfile, type TaskToPlace, type WeeklyHours } from '../apps/scheduling/src/assignment/domain/model.js';
import { placeTask, screenEngineer, taskWindow } from '../apps/scheduling/src/assignment/domain/placement.js';
import { addDays, DAY_MS, HOUR_MS, localDateOf, startOfLocalDay, zonedInstant } from '../apps/scheduling/src/assignment/domain/zoned-time.js';

const TASKS = Number(process.argv[2] ?? 1000);
const ENGINEERS = Number(process.argv[3] ?? 1000);
const CALENDAR_DAYS = 90;
const NOW = Date.parse('2026-11-24T08:00:00Z');
const FIRST_DAY = '2026-11-24';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261124);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const chance = (p: number) => random() < p;

const REGIONS = ['MH', 'KA', 'TN', 'GJ', 'DL', 'UP', 'WB', 'TG', 'RJ', 'KL', 'PB', 'MP'];
const ZONES: Record<string, string> = { DL: 'Asia/Kolkata', PB: 'Asia/Kolkata' };
const SKILLS = ['installation', 'hydraulics', 'electrical', 'plc', 'calibration', 'training', 'maintenance', 'pneumatics', 'robotics', 'welding'];
const EXTRA_ZONES = ['Asia/Dubai', 'Europe/Berlin', 'Asia/Singapore', 'America/New_York'];

const week = (days: number[], start: string, end: string): WeeklyHours[] => days.map((day) => ({ day, start, end }));

function makeEngineer(i: number): EngineerProfile {
  const home = REGIONS[i % REGIONS.length];
  const neighbours = REGIONS.filter((r) => r !== home);
  const regions = [home, pick(neighbours), ...(chance(0.4) ? [pick(neighbours)] : [])];
  const skills = new Map<string, string | null>();
  while (skills.size < 3 + Math.floor(random() * 3)) {
    const lapses = chance(0.15);
    skills.set(pick(SKILLS), lapses ? addDays(FIRST_DAY, Math.floor(random() * CALENDAR_DAYS)) : chance(0.5) ? null : '2028-12-31');
  }
  return {
    id: `eng-${String(i).padStart(4, '0')}`,
    name: `Engineer ${i}`,
    active: chance(0.98),
    homeRegion: home,
    timezone: chance(0.9) ? (ZONES[home] ?? 'Asia/Kolkata') : pick(EXTRA_ZONES),
    regions: [...new Set(regions)],
    skills,
    weeklyHours: chance(0.8) ? week([1, 2, 3, 4, 5], '09:00', '18:00') : week([1, 2, 3, 4, 5, 6], '08:30', '16:30'),
  };
}

const holidaysByRegion = new Map(REGIONS.map((r) => [r, [5, 33, 61].map((d) => addDays(FIRST_DAY, d + Math.floor(random() * 20)))]));

/** Busy rows for 90 days: holidays, maybe leave, and bookings over about 60% of working time. */
function makeCalendarRows(e: EngineerProfile): BusyInterval[] {
  const rows: BusyInterval[] = [];
  const zone = e.timezone;
  const holidays = new Set(holidaysByRegion.get(e.homeRegion));
  for (const date of holidays) rows.push({ kind: 'holiday', start: startOfLocalDay(date, zone), end: startOfLocalDay(addDays(date, 1), zone), ref: `h-${date}` });
  let leaveFrom = -1;
  if (chance(1 / 12)) {
    leaveFrom = Math.floor(random() * (CALENDAR_DAYS - 14));
    rows.push({ kind: 'leave', start: startOfLocalDay(addDays(FIRST_DAY, leaveFrom), zone), end: startOfLocalDay(addDays(FIRST_DAY, leaveFrom + 14), zone), ref: `l-${e.id}` });
  }
  let n = 0;
  for (let d = 0; d < CALENDAR_DAYS; d++) {
    if (d >= leaveFrom && leaveFrom >= 0 && d < leaveFrom + 14) continue;
    const date = addDays(FIRST_DAY, d);
    const hours = e.weeklyHours.find((h) => h.day === ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1);
    if (!hours || holidays.has(date)) continue;
    const open = zonedInstant(date, Number(hours.start.slice(0, 2)) * 60 + Number(hours.start.slice(3)), zone);
    const close = zonedInstant(date, Number(hours.end.slice(0, 2)) * 60 + Number(hours.end.slice(3)), zone);
    const roll = random();
    if (roll < 0.35) rows.push({ kind: 'booking', start: open, end: close, ref: `b-${e.id}-${n++}` });
    else if (roll < 0.6) rows.push({ kind: 'booking', start: open, end: open + (close - open) / 2, ref: `b-${e.id}-${n++}` });
    else if (roll < 0.8) rows.push({ kind: 'booking', start: open + 2 * HOUR_MS, end: close - HOUR_MS, ref: `b-${e.id}-${n++}` });
  }
  return rows;
}

function makeTask(i: number): TaskToPlace {
  const skills = new Set<string>();
  const wanted = 1 + Math.floor(random() * 3);
  while (skills.size < wanted) skills.add(pick(SKILLS));
  const earliest = addDays(FIRST_DAY, Math.floor(random() * 30));
  return {
    taskId: `task-${i}`,
    name: `Task ${i}`,
    siteRegion: pick(REGIONS),
    siteTimezone: 'Asia/Kolkata',
    requiredSkills: [...skills],
    workMinutes: pick([2, 4, 4, 8, 8, 16, 24]) * 60,
    engineers: chance(0.2) ? 2 : 1,
    earliestStart: earliest,
    dueDate: addDays(earliest, 7),
    dueAt: null,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (x: number) => `${x.toFixed(2)} ms`;

const travel = (from: string, to: string) => (from === to ? 45 : Math.abs(REGIONS.indexOf(from) - REGIONS.indexOf(to)) * 40 + 60);

const engineers = Array.from({ length: ENGINEERS }, (_, i) => makeEngineer(i));
const rows = new Map(engineers.map((e) => [e.id, makeCalendarRows(e)]));
const from = startOfLocalDay(FIRST_DAY, 'Asia/Kolkata') - 7 * DAY_MS;
const to = from + (CALENDAR_DAYS + 21) * DAY_MS;

let started = performance.now();
const calendars = new Map(engineers.map((e) => [e.id, new EngineerAvailability(e, rows.get(e.id)!, from, to)]));
const precomputeMs = performance.now() - started;
const bookingRows = [...rows.values()].reduce((n, r) => n + r.filter((x) => x.kind === 'booking').length, 0);

const tasks = Array.from({ length: TASKS }, (_, i) => makeTask(i));
const policy = DEFAULT_POLICY;

// Warm-up (JIT), not measured.
for (const task of tasks.slice(0, 50)) placeTask({ task, engineers, calendars: (id) => calendars.get(id), travel, policy, now: NOW });

const warm: number[] = [];
const cold: number[] = [];
let placed = 0;
let late = 0;
let candidates = 0;
for (const task of tasks) {
  started = performance.now();
  const { record } = placeTask({ task, engineers, calendars: (id) => calendars.get(id), travel, policy, now: NOW });
  warm.push(performance.now() - started);
  if (record.outcome === 'placed') placed++;
  if (record.chosen?.late) late++;
  candidates += record.candidates.filter((c) => c.rules.some((r) => r.rule === 'availability' && r.result !== 'skipped')).length;

  started = performance.now();
  const window = taskWindow(task, policy, NOW);
  const screened = engineers.map((e) => screenEngineer(e, task, window, travel, policy));
  const fresh = new Map(screened.filter((s) => s.eligible).map((s) => [s.profile.id, new EngineerAvailability(s.profile, rows.get(s.profile.id)!, from, to)]));
  placeTask({ task, engineers, calendars: (id) => fresh.get(id), travel, policy, now: NOW, screened });
  cold.push(performance.now() - started);
}
warm.sort((a, b) => a - b);
cold.sort((a, b) => a - b);

console.log(`scheduling placement benchmark (node ${process.version})`);
console.log(`  roster: ${ENGINEERS} engineers, ${CALENDAR_DAYS}-day calendars, ${bookingRows} bookings, ${localDateOf(from, 'UTC')} … ${localDateOf(to, 'UTC')}`);
console.log(`  calendars precomputed once in ${ms(precomputeMs)}`);
console.log(`  tasks: ${TASKS} (${placed} placed, ${late} of them late, ${TASKS - placed} unplaced; ${(candidates / TASKS).toFixed(1)} engineers per task past the screen)`);
console.log(`  placement (precomputed calendars): p50 ${ms(percentile(warm, 50))}  p95 ${ms(percentile(warm, 95))}  p99 ${ms(percentile(warm, 99))}  max ${ms(warm[warm.length - 1])}`);
console.log(`  cold (building screened calendars): p50 ${ms(percentile(cold, 50))}  p95 ${ms(percentile(cold, 95))}  p99 ${ms(percentile(cold, 99))}  max ${ms(cold[cold.length - 1])}`);
const target = percentile(warm, 95) < 20;
console.log(`  target p95 < 20 ms: ${target ? 'met' : 'NOT met'}`);
