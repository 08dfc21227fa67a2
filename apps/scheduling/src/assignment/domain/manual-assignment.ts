import type { EngineerAvailability } from './engineer-availability.js';
import type { BusyInterval, EngineerProfile, PlacementPolicy, PreferenceScores, Segment, TaskToPlace, TravelTimes } from './model.js';
import {
  crewOptions,
  screenEngineer,
  shapeOf,
  slotView,
  taskWindow,
  type Available,
  type CandidateRecord,
  type VisitOption,
} from './placement.js';
import { earlinessScore, loadScore, travelScore, weighted } from './preferences.js';
import { ReasonCode } from './reason-codes.js';
import { DAY_MS, MINUTE_MS, toIso } from './zoned-time.js';

/**
 * A dispatcher's choice, checked against the same hard rules as the automatic
 * assigner: the engineers (the first leads) and, optionally, when. Without a
 * start, the crew's earliest common slot is taken. Preferences are scored but
 * never block: choosing other engineers than the assigner would is an override,
 * which the service records with the dispatcher's reason.
 */
export interface ManualAssignmentInput {
  task: TaskToPlace;
  members: readonly EngineerProfile[];
  calendars: (engineerId: string) => EngineerAvailability | undefined;
  travel: TravelTimes;
  policy: PlacementPolicy;
  now: number;
  /** Work starts at (ms); null: the earliest slot the whole crew shares. */
  start: number | null;
}

export interface Violation {
  /** Null for what concerns the task or the crew as a whole. */
  engineerId: string | null;
  code: ReasonCode;
  detail: string;
  conflict?: BusyInterval;
}

export interface ManualCheck {
  ok: boolean;
  option: VisitOption | null;
  violations: Violation[];
  candidates: CandidateRecord[];
}

export function checkAssignment(input: ManualAssignmentInput): ManualCheck {
  const { task, members, travel, policy, now } = input;
  const window = taskWindow(task, policy, now);
  const screened = members.map((m) => screenEngineer(m, task, window, travel, policy));
  const violations: Violation[] = [];
  for (const s of screened) {
    for (const rule of s.rules) {
      if (rule.result === 'fail') violations.push({ engineerId: s.profile.id, code: rule.code!, detail: rule.detail ?? rule.rule });
    }
  }
  if (members.length < task.engineers) {
    violations.push({ engineerId: null, code: ReasonCode.NOT_ENOUGH_ENGINEERS, detail: `the task needs ${task.engineers} engineers, ${members.length} chosen` });
  }
  const calendars = new Map<string, EngineerAvailability>();
  for (const m of members) {
    const calendar = input.calendars(m.id);
    if (!calendar) throw new Error(`No calendar loaded for engineer ${m.id}`);
    calendars.set(m.id, calendar);
  }

  let segments: Segment[] | null = null;
  if (input.start !== null) {
    if (input.start < window.notBefore) {
      violations.push({ engineerId: null, code: ReasonCode.BEFORE_EARLIEST_START, detail: `the task may start from ${toIso(window.notBefore)}` });
    }
    const lead = screened[0];
    const planned = calendars.get(lead.profile.id)!.planFrom(input.start, shapeOf(task, lead.travelMinutes, policy));
    if ('code' in planned) violations.push({ engineerId: lead.profile.id, code: planned.code, detail: planned.detail });
    else segments = planned.segments;
  } else if (violations.length === 0) {
    const available: Available[] = [];
    const horizonEnd = window.horizonEnd;
    for (const s of screened) {
      const calendar = calendars.get(s.profile.id)!;
      const [plan] = calendar.plans(window.notBefore, Math.min(horizonEnd, s.certLimit), shapeOf(task, s.travelMinutes, policy), 1);
      if (plan) available.push({ screened: s, calendar, plan });
      else violations.push({ engineerId: s.profile.id, code: ReasonCode.NO_FREE_SLOT, detail: `no free slot before ${toIso(horizonEnd)}` });
    }
    if (violations.length === 0) {
      const crewTask = { ...task, engineers: members.length };
      const [best] = crewOptions(crewTask, window, horizonEnd, available, policy, (a, start) => scoreAt(a.screened.travelMinutes, a.calendar, start), false);
      if (best) segments = best.segments;
      else violations.push({ engineerId: null, code: ReasonCode.NOT_AVAILABLE_WITH_CREW, detail: `no slot the ${members.length} engineers share before ${toIso(horizonEnd)}` });
    }
  }

  function scoreAt(travelMinutes: number, calendar: EngineerAvailability, start: number): PreferenceScores {
    return weighted(
      {
        earliest: earlinessScore(start, window.notBefore, window.dueBy, policy.horizonDays * DAY_MS),
        travel: travelScore(travelMinutes, policy),
        load: loadScore(calendar.weeklyLoad(start)),
      },
      policy.weights,
    );
  }

  const availability = new Map<string, CandidateRecord['rules'][number]>();
  if (segments) {
    const end = segments[segments.length - 1].end;
    for (const s of screened) {
      const fit = calendars.get(s.profile.id)!.fits(segments, s.travelMinutes * MINUTE_MS);
      if (!fit.ok) {
        violations.push({ engineerId: s.profile.id, code: fit.code, detail: fit.detail, ...(fit.conflict ? { conflict: fit.conflict } : {}) });
        availability.set(s.profile.id, { rule: 'availability', result: 'fail', code: fit.code, detail: fit.detail });
      } else if (end > s.certLimit) {
        const detail = `${s.certDetail}, the visit ends ${toIso(end)}`;
        violations.push({ engineerId: s.profile.id, code: ReasonCode.CERT_EXPIRED, detail });
        availability.set(s.profile.id, { rule: 'availability', result: 'fail', code: ReasonCode.CERT_EXPIRED, detail });
      } else {
        availability.set(s.profile.id, { rule: 'availability', result: 'pass' });
      }
    }
  }

  const scores = segments ? screened.map((s) => scoreAt(s.travelMinutes, calendars.get(s.profile.id)!, segments![0].start)) : [];
  const candidates = screened.map((s, i): CandidateRecord => {
    const rules = [...s.rules.filter((r) => r.rule !== 'availability'), availability.get(s.profile.id) ?? { rule: 'availability', result: 'skipped' }];
    return {
      engineerId: s.profile.id,
      name: s.profile.name,
      eligible: rules.every((r) => r.result === 'pass'),
      rules,
      ...(segments ? { slot: { ...slotView(segments), travelMinutes: s.travelMinutes }, scores: scores[i], rank: 1 } : {}),
    };
  });
  const option: VisitOption | null = segments
    ? {
        engineerIds: members.map((m) => m.id),
        segments,
        travelMinutes: Object.fromEntries(screened.map((s) => [s.profile.id, s.travelMinutes])),
        score: Math.round((scores.reduce((sum, x) => sum + x.total, 0) / scores.length) * 1000) / 1000,
        late: window.dueBy !== null && segments[segments.length - 1].end > window.dueBy,
      }
    : null;
  return { ok: violations.length === 0 && option !== null, option, violations, candidates };
}
