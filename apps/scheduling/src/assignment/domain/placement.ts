import type { EngineerAvailability, PlanShape } from './engineer-availability.js';
import type {
  EngineerProfile,
  PlacementPolicy,
  PreferenceScores,
  PreferenceWeights,
  RuleResult,
  Segment,
  TaskToPlace,
  TravelTimes,
} from './model.js';
import { earlinessScore, loadScore, travelScore, weighted } from './preferences.js';
import { ReasonCode } from './reason-codes.js';
import { addDays, DAY_MS, MINUTE_MS, startOfLocalDay, toIso } from './zoned-time.js';

/**
 * Automatic placement: which engineers do a task, and when.
 *
 * 1. Screen every engineer on the rules that need no calendar: active, serves
 *    the site's region (engineers outside it are pruned right there), has every
 *    required skill, with a certificate valid on the day.
 * 2. For those who pass, find the earliest slot in their own calendar: within
 *    working hours in their zone, on no holiday, free of leave and bookings for
 *    the whole work plus travel to and from the site, starting no earlier than the
 *    task may start. First only slots that finish by the due date (or SLA target);
 *    if nobody has one, any slot within the policy's horizon (the visit is late).
 * 3. Score each candidate's slot on the weighted preferences (earliest start
 *    before the due date, least travel, lightest week) and rank. A crew must share
 *    one slot: slots of the candidates are tried as the crew's, earliest first, and
 *    the best-scoring engineers free in a slot make the crew.
 *
 * The result is a decision record (every engineer, every rule's result with a
 * reason code, every preference score) and ranked options: when the database
 * refuses the first (another booking won the race), the next one is tried.
 */

export interface TaskWindow {
  /** Work starts no earlier than this: now, or the start of the earliest-start day at the site. */
  notBefore: number;
  /** Finish by: end of the due date at the site, or the SLA target, whichever is earlier. */
  dueBy: number | null;
  /** The latest end of a visit the assigner considers at all. */
  horizonEnd: number;
}

export function taskWindow(task: TaskToPlace, policy: PlacementPolicy, now: number): TaskWindow {
  const zone = task.siteTimezone ?? 'UTC';
  const notBefore = task.earliestStart ? Math.max(now, startOfLocalDay(task.earliestStart, zone)) : now;
  const dueDateEnd = task.dueDate ? startOfLocalDay(addDays(task.dueDate, 1), zone) : null;
  const dueBy = dueDateEnd !== null && task.dueAt !== null ? Math.min(dueDateEnd, task.dueAt) : (dueDateEnd ?? task.dueAt);
  return { notBefore, dueBy, horizonEnd: notBefore + (policy.horizonDays + policy.maxVisitDays) * DAY_MS };
}

export interface ScreenedEngineer {
  profile: EngineerProfile;
  rules: RuleResult[];
  eligible: boolean;
  travelMinutes: number;
  /** Visits must end before this (the first certificate to lapse), ms; Infinity when none lapses. */
  certLimit: number;
  certDetail?: string;
}

export function travelMinutesFor(profile: EngineerProfile, siteRegion: string, travel: TravelTimes, policy: PlacementPolicy): number {
  const known = travel(profile.homeRegion, siteRegion);
  if (known !== null) return known;
  return profile.homeRegion === siteRegion ? policy.sameRegionTravelMinutes : policy.defaultTravelMinutes;
}

const skipped = (rule: RuleResult['rule']): RuleResult => ({ rule, result: 'skipped' });

/** What screening asks of a profile on every task, worked out once per profile (profiles are immutable). */
interface ProfileFacts {
  serves: ReadonlySet<string>;
  servesLabel: string;
  /** Skill → the instant its certificate stops being valid (the day after its last day, engineer's zone). */
  certEnds: ReadonlyMap<string, number>;
}

const factsOf = new WeakMap<EngineerProfile, ProfileFacts>();

function profileFacts(profile: EngineerProfile): ProfileFacts {
  let facts = factsOf.get(profile);
  if (!facts) {
    const serves = new Set([profile.homeRegion, ...profile.regions]);
    const certEnds = new Map<string, number>();
    for (const [skill, validUntil] of profile.skills) {
      if (validUntil) certEnds.set(skill, startOfLocalDay(addDays(validUntil, 1), profile.timezone));
    }
    facts = { serves, servesLabel: [...serves].join(', '), certEnds };
    factsOf.set(profile, facts);
  }
  return facts;
}

/** The rules that need no calendar, for one engineer. */
export function screenEngineer(
  profile: EngineerProfile,
  task: TaskToPlace,
  window: TaskWindow,
  travel: TravelTimes,
  policy: PlacementPolicy,
): ScreenedEngineer {
  const rules: RuleResult[] = [];
  const region = task.siteRegion;
  const facts = profileFacts(profile);
  rules.push(profile.active ? { rule: 'active', result: 'pass' } : { rule: 'active', result: 'fail', code: ReasonCode.INACTIVE, detail: 'switched off in the roster' });
  if (region === null || !facts.serves.has(region)) {
    // Pruned: nothing else is looked at for an engineer outside the region.
    rules.push(
      {
        rule: 'region',
        result: 'fail',
        code: region === null ? ReasonCode.SITE_REGION_UNKNOWN : ReasonCode.REGION_NOT_SERVED,
        detail: region === null ? 'the site has no region' : `serves ${facts.servesLabel}, not ${region}`,
      },
      skipped('skills'),
      skipped('certificates'),
      skipped('availability'),
    );
    return { profile, travelMinutes: 0, certLimit: Infinity, rules, eligible: false };
  }
  const travelMinutes = travelMinutesFor(profile, region, travel, policy);
  rules.push({ rule: 'region', result: 'pass', detail: `serves ${region}, ${travelMinutes} min travel each way` });

  const missing = task.requiredSkills.filter((skill) => !profile.skills.has(skill));
  rules.push(
    missing.length === 0
      ? { rule: 'skills', result: 'pass' }
      : { rule: 'skills', result: 'fail', code: ReasonCode.SKILL_MISSING, detail: `lacks ${missing.join(', ')}` },
  );

  const expired: string[] = [];
  let certLimit = Infinity;
  let certDetail: string | undefined;
  for (const skill of task.requiredSkills) {
    const ends = facts.certEnds.get(skill);
    if (ends === undefined) continue;
    // Valid on the day: a certificate whose last day is before the first possible day has lapsed.
    if (ends <= window.notBefore) {
      expired.push(`${skill} certificate expired ${profile.skills.get(skill)}`);
    } else if (ends < certLimit) {
      certLimit = ends;
      certDetail = `${skill} certificate valid until ${profile.skills.get(skill)}`;
    }
  }
  rules.push(
    expired.length === 0
      ? { rule: 'certificates', result: 'pass', ...(certDetail ? { detail: certDetail } : {}) }
      : { rule: 'certificates', result: 'fail', code: ReasonCode.CERT_EXPIRED, detail: expired.join('; ') },
  );
  const eligible = profile.active && missing.length === 0 && expired.length === 0;
  if (!eligible) rules.push(skipped('availability'));
  return { profile, travelMinutes, rules, eligible, certLimit, ...(certDetail ? { certDetail } : {}) };
}

/** One way to do the task: a crew (the first leads) and its work segments. */
export interface VisitOption {
  engineerIds: string[];
  segments: Segment[];
  /** Travel each way, by engineer. */
  travelMinutes: Record<string, number>;
  /** Mean of the crew's weighted preference scores. */
  score: number;
  /** Ends after the due date (nobody could do it in time). */
  late: boolean;
}

export interface SlotView {
  start: string;
  end: string;
  segments: { start: string; end: string }[];
}

export interface CandidateRecord {
  engineerId: string;
  name: string;
  eligible: boolean;
  rules: RuleResult[];
  /** The engineer's own earliest slot. */
  slot?: SlotView & { travelMinutes: number };
  scores?: PreferenceScores;
  /** 1 = chosen (for a crew: every member of the chosen crew). */
  rank?: number;
}

export interface OptionView extends SlotView {
  engineerIds: string[];
  travelMinutes: Record<string, number>;
  score: number;
  late: boolean;
}

export interface DecisionRecord {
  taskId: string;
  decidedAt: string;
  outcome: 'placed' | 'unplaced';
  /** Which search decided: slots finishing by the due date, or (nobody could) the whole horizon. */
  phase: 'before_due' | 'horizon';
  window: { notBefore: string; dueBy: string | null; searchedUntil: string };
  crewSize: number;
  workMinutes: number;
  weights: PreferenceWeights;
  chosen: OptionView | null;
  alternatives: OptionView[];
  /** Why engineers were excluded, with how many each (for an unplaced task: why nobody). */
  reasons: { code: ReasonCode; engineers: number }[];
  candidates: CandidateRecord[];
}

export interface Placement {
  record: DecisionRecord;
  /** Ranked: chosen first, then the alternatives to try if the database refuses. */
  options: VisitOption[];
}

export interface PlacementInput {
  task: TaskToPlace;
  engineers: readonly EngineerProfile[];
  /** Calendars of the engineers who pass the screen (only those are asked for). */
  calendars: (engineerId: string) => EngineerAvailability | undefined;
  travel: TravelTimes;
  policy: PlacementPolicy;
  now: number;
  /** Screen results from an earlier `screenEngineer` pass, to avoid screening twice. */
  screened?: readonly ScreenedEngineer[];
}

export function shapeOf(task: TaskToPlace, travelMinutes: number, policy: PlacementPolicy): PlanShape {
  return {
    workMs: task.workMinutes * MINUTE_MS,
    travelMs: travelMinutes * MINUTE_MS,
    minSegmentMs: policy.minSegmentMinutes * MINUTE_MS,
    maxDays: policy.maxVisitDays,
  };
}

export interface Available {
  screened: ScreenedEngineer;
  calendar: EngineerAvailability;
  plan: Segment[];
}

/** Crew search: at most this many candidates lend their slots as the crew's common slot. */
const CREW_SLOT_SOURCES = 25;

/** Places one task; pure: the same input gives the same decision. */
export function placeTask(input: PlacementInput): Placement {
  const { task, travel, policy, now } = input;
  const window = taskWindow(task, policy, now);
  const screened = input.screened ?? input.engineers.map((e) => screenEngineer(e, task, window, travel, policy));
  const eligible = screened.filter((s) => s.eligible);
  const calendarOf = (id: string): EngineerAvailability => {
    const calendar = input.calendars(id);
    if (!calendar) throw new Error(`No calendar loaded for eligible engineer ${id}`);
    return calendar;
  };
  const horizonMs = policy.horizonDays * DAY_MS;
  const phases: { phase: DecisionRecord['phase']; until: number }[] =
    window.dueBy !== null && window.dueBy > window.notBefore
      ? [
          { phase: 'before_due', until: window.dueBy },
          { phase: 'horizon', until: window.horizonEnd },
        ]
      : [{ phase: 'horizon', until: window.horizonEnd }];

  let result: Placement | undefined;
  for (const { phase, until } of phases) {
    const availability = new Map<string, RuleResult>();
    const available: Available[] = [];
    for (const s of eligible) {
      const calendar = calendarOf(s.profile.id);
      const shape = shapeOf(task, s.travelMinutes, policy);
      const [plan] = calendar.plans(window.notBefore, Math.min(until, s.certLimit), shape, 1);
      if (plan) {
        available.push({ screened: s, calendar, plan });
        availability.set(s.profile.id, { rule: 'availability', result: 'pass' });
      } else {
        availability.set(s.profile.id, whyNoSlot(s, calendar, window.notBefore, until, shape));
      }
    }
    const scores = new Map<string, PreferenceScores>();
    const score = (a: { screened: ScreenedEngineer; calendar: EngineerAvailability }, start: number) =>
      weighted(
        {
          earliest: earlinessScore(start, window.notBefore, window.dueBy, horizonMs),
          travel: travelScore(a.screened.travelMinutes, policy),
          load: loadScore(a.calendar.weeklyLoad(start)),
        },
        policy.weights,
      );
    const late = phase === 'horizon' && window.dueBy !== null;
    const crewRules = new Map<string, RuleResult>();
    let options: VisitOption[];
    if (task.engineers <= 1) {
      for (const a of available) scores.set(a.screened.profile.id, score(a, a.plan[0].start));
      options = available
        .map((a) => ({
          engineerIds: [a.screened.profile.id],
          segments: a.plan,
          travelMinutes: { [a.screened.profile.id]: a.screened.travelMinutes },
          score: scores.get(a.screened.profile.id)!.total,
          late: late && a.plan[a.plan.length - 1].end > window.dueBy!,
          name: a.screened.profile.name,
        }))
        .sort((x, y) => y.score - x.score || x.segments[0].start - y.segments[0].start || x.name.localeCompare(y.name) || x.engineerIds[0].localeCompare(y.engineerIds[0]))
        .slice(0, policy.alternatives + 1)
        .map(({ name: _name, ...option }) => option);
    } else {
      options = crewOptions(task, window, until, available, policy, score, late);
      const chosen = options[0];
      for (const a of available) {
        const id = a.screened.profile.id;
        if (!chosen) {
          crewRules.set(id, { rule: 'crew', result: 'fail', code: ReasonCode.NOT_AVAILABLE_WITH_CREW, detail: `no slot shared by ${task.engineers} qualified engineers` });
          continue;
        }
        const fit = chosen.engineerIds.includes(id) ? ({ ok: true } as const) : a.calendar.fits(chosen.segments, a.screened.travelMinutes * MINUTE_MS);
        const inTime = chosen.segments[chosen.segments.length - 1].end <= a.screened.certLimit;
        if (fit.ok && inTime) {
          crewRules.set(id, { rule: 'crew', result: 'pass', ...(chosen.engineerIds.includes(id) ? {} : { detail: 'free in the crew slot; others scored higher' }) });
          scores.set(id, score(a, chosen.segments[0].start));
        } else {
          crewRules.set(id, {
            rule: 'crew',
            result: 'fail',
            code: ReasonCode.NOT_AVAILABLE_WITH_CREW,
            detail: fit.ok ? (a.screened.certDetail ?? 'certificate lapses during the visit') : fit.detail,
          });
        }
      }
    }
    const last = phase === phases[phases.length - 1].phase;
    if (options.length === 0 && !last) continue;
    const ownSlot = new Map(available.map((a) => [a.screened.profile.id, a.plan]));
    const rankOf = new Map<string, number>();
    options.forEach((o, i) => o.engineerIds.forEach((id) => rankOf.has(id) || rankOf.set(id, i + 1)));
    const candidates = screened.map((s): CandidateRecord => {
      const id = s.profile.id;
      if (!s.eligible) return { engineerId: id, name: s.profile.name, eligible: false, rules: s.rules };
      const own = ownSlot.get(id);
      const rules = [...s.rules, availability.get(id)!, ...(crewRules.has(id) ? [crewRules.get(id)!] : [])];
      const rank = rankOf.get(id);
      return {
        engineerId: id,
        name: s.profile.name,
        eligible: rules.every((r) => r.result === 'pass'),
        rules,
        ...(own ? { slot: { ...slotView(own), travelMinutes: s.travelMinutes } } : {}),
        ...(scores.has(id) ? { scores: scores.get(id)! } : {}),
        ...(rank !== undefined ? { rank } : {}),
      };
    });
    result = {
      options,
      record: {
        taskId: task.taskId,
        decidedAt: toIso(now),
        outcome: options.length > 0 ? 'placed' : 'unplaced',
        phase,
        window: { notBefore: toIso(window.notBefore), dueBy: window.dueBy === null ? null : toIso(window.dueBy), searchedUntil: toIso(until) },
        crewSize: task.engineers,
        workMinutes: task.workMinutes,
        weights: { ...policy.weights },
        chosen: options[0] ? optionView(options[0]) : null,
        alternatives: options.slice(1).map(optionView),
        reasons: reasonSummary(candidates, task, options.length > 0, available.length),
        candidates,
      },
    };
    break;
  }
  return result!;
}

function whyNoSlot(s: ScreenedEngineer, calendar: EngineerAvailability, notBefore: number, until: number, shape: PlanShape): RuleResult {
  const span = `between ${toIso(notBefore)} and ${toIso(until)}`;
  if (calendar.hasNoWorkingTime(notBefore, until)) {
    return { rule: 'availability', result: 'fail', code: ReasonCode.NO_WORKING_HOURS, detail: `no working hours ${span}` };
  }
  if (s.certLimit < until && calendar.plans(notBefore, until, shape, 1).length > 0) {
    return { rule: 'availability', result: 'fail', code: ReasonCode.CERT_EXPIRED, detail: `${s.certDetail}: no free slot before it lapses` };
  }
  const limit = Math.min(until, s.certLimit);
  if (calendar.onLeaveDuring(notBefore, limit) && calendar.plans(notBefore, limit, shape, 1, true).length > 0) {
    return { rule: 'availability', result: 'fail', code: ReasonCode.ON_LEAVE, detail: `on leave when free ${span}` };
  }
  const hours = Math.round((shape.workMs / 3_600_000) * 100) / 100;
  return {
    rule: 'availability',
    result: 'fail',
    code: ReasonCode.NO_FREE_SLOT,
    detail: `no free ${hours} h plus ${shape.travelMs / MINUTE_MS} min travel each way ${span}`,
  };
}

export function crewOptions(
  task: TaskToPlace,
  window: TaskWindow,
  until: number,
  available: Available[],
  policy: PlacementPolicy,
  score: (a: Available, start: number) => PreferenceScores,
  late: boolean,
): VisitOption[] {
  if (available.length < task.engineers) return [];
  const sources = [...available].sort((x, y) => x.plan[0].start - y.plan[0].start).slice(0, CREW_SLOT_SOURCES);
  const seen = new Set<string>();
  const slots: { segments: Segment[]; source: Available }[] = [];
  for (const source of sources) {
    const shape = shapeOf(task, source.screened.travelMinutes, policy);
    for (const segments of source.calendar.plans(window.notBefore, Math.min(until, source.screened.certLimit), shape, policy.crewSlotsPerEngineer)) {
      const key = segments.map((s) => `${s.start}-${s.end}`).join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      slots.push({ segments, source });
    }
  }
  slots.sort((x, y) => x.segments[0].start - y.segments[0].start);
  const options: VisitOption[] = [];
  for (const { segments, source } of slots) {
    const end = segments[segments.length - 1].end;
    const free = available.filter(
      (a) => a === source || (end <= a.screened.certLimit && a.calendar.fits(segments, a.screened.travelMinutes * MINUTE_MS).ok),
    );
    if (free.length < task.engineers) continue;
    const crew = free
      .map((a) => ({ a, s: score(a, segments[0].start) }))
      .sort((x, y) => y.s.total - x.s.total || x.a.screened.profile.name.localeCompare(y.a.screened.profile.name) || x.a.screened.profile.id.localeCompare(y.a.screened.profile.id))
      .slice(0, task.engineers);
    options.push({
      engineerIds: crew.map((m) => m.a.screened.profile.id),
      segments,
      travelMinutes: Object.fromEntries(crew.map((m) => [m.a.screened.profile.id, m.a.screened.travelMinutes])),
      score: Math.round((crew.reduce((sum, m) => sum + m.s.total, 0) / crew.length) * 1000) / 1000,
      late: late && end > (window.dueBy ?? Infinity),
    });
    if (options.length > policy.alternatives) break;
  }
  return options.sort((x, y) => y.score - x.score || x.segments[0].start - y.segments[0].start);
}

function reasonSummary(candidates: CandidateRecord[], task: TaskToPlace, placed: boolean, available: number): DecisionRecord['reasons'] {
  const counts = new Map<ReasonCode, number>();
  for (const c of candidates) {
    const failed = c.rules.find((r) => r.result === 'fail');
    if (failed?.code) counts.set(failed.code, (counts.get(failed.code) ?? 0) + 1);
  }
  const reasons = [...counts].map(([code, engineers]) => ({ code, engineers })).sort((a, b) => b.engineers - a.engineers || a.code.localeCompare(b.code));
  if (!placed && task.engineers > 1 && task.siteRegion !== null) reasons.unshift({ code: ReasonCode.NOT_ENOUGH_ENGINEERS, engineers: available });
  return reasons;
}

export function slotView(segments: readonly Segment[]): SlotView {
  return {
    start: toIso(segments[0].start),
    end: toIso(segments[segments.length - 1].end),
    segments: segments.map((s) => ({ start: toIso(s.start), end: toIso(s.end) })),
  };
}

export function optionView(option: VisitOption): OptionView {
  return { ...slotView(option.segments), engineerIds: option.engineerIds, travelMinutes: option.travelMinutes, score: option.score, late: option.late };
}
