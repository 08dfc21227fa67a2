import type { ReasonCode } from './reason-codes.js';

/** One stretch of an engineer's working week, in the engineer's own time zone. */
export interface WeeklyHours {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  day: number;
  /** 'HH:MM' local. */
  start: string;
  /** 'HH:MM' local, after start; '24:00' is midnight. */
  end: string;
}

/** Monday to Friday, 09:00–18:00: the roster's default working week. */
export const STANDARD_WEEK: readonly WeeklyHours[] = Object.freeze(
  [1, 2, 3, 4, 5].map((day) => Object.freeze({ day, start: '09:00', end: '18:00' })),
);

/** What the rules need to know about an engineer, apart from the calendar. */
export interface EngineerProfile {
  id: string;
  name: string;
  active: boolean;
  homeRegion: string;
  timezone: string;
  /** Regions the engineer serves (the home region among them). */
  regions: readonly string[];
  /** Skill → last day the certificate is valid ('YYYY-MM-DD', inclusive, engineer's zone), null when it does not expire. */
  skills: ReadonlyMap<string, string | null>;
  weeklyHours: readonly WeeklyHours[];
}

export type BusyKind = 'booking' | 'leave' | 'holiday';

/** A row of the engineer's time: a booking segment (travel included), leave, or a public holiday. */
export interface BusyInterval {
  start: number;
  end: number;
  kind: BusyKind;
  /** The booking, leave or holiday it belongs to. */
  ref: string;
}

/** The task as scheduling places it (from the task snapshot). */
export interface TaskToPlace {
  taskId: string;
  name: string;
  siteRegion: string | null;
  /** The site's zone: dates of the task (earliest start, due date) are site dates. Null: UTC. */
  siteTimezone: string | null;
  requiredSkills: readonly string[];
  /** Work per engineer, in minutes. */
  workMinutes: number;
  /** Crew size. */
  engineers: number;
  earliestStart: string | null;
  dueDate: string | null;
  /** A breakdown's SLA resolution target (instant, ms). */
  dueAt: number | null;
}

/** How much each preference counts; any non-negative numbers, normalised when scoring. */
export interface PreferenceWeights {
  earliest: number;
  travel: number;
  load: number;
}

export interface PlacementPolicy {
  weights: PreferenceWeights;
  /** How far past the earliest start the assigner looks when nothing fits before the due date. */
  horizonDays: number;
  /** Travel each way within one region when the matrix does not say. */
  sameRegionTravelMinutes: number;
  /** Travel each way between two regions the matrix does not know. */
  defaultTravelMinutes: number;
  /** Travel at which the travel preference scores 0. */
  maxTravelMinutes: number;
  /** A day's share of a multi-day visit is at least this much work (else the visit starts the next day). */
  minSegmentMinutes: number;
  /** A visit longer than this many working days is never planned. */
  maxVisitDays: number;
  /** Crew search: how many alternative slots per engineer are tried as the crew's common slot. */
  crewSlotsPerEngineer: number;
  /** Ranked alternatives kept in a decision (the next candidates when the database refuses the first). */
  alternatives: number;
}

export const DEFAULT_POLICY: Readonly<PlacementPolicy> = Object.freeze({
  weights: Object.freeze({ earliest: 0.5, travel: 0.3, load: 0.2 }),
  horizonDays: 90,
  sameRegionTravelMinutes: 60,
  defaultTravelMinutes: 180,
  maxTravelMinutes: 240,
  minSegmentMinutes: 60,
  maxVisitDays: 10,
  crewSlotsPerEngineer: 3,
  alternatives: 5,
});

/** Travel minutes each way from an engineer's home region to a site's region, or null when unknown. */
export type TravelTimes = (fromRegion: string, toRegion: string) => number | null;

/** A visit's work on site: one segment per working day, in ms. */
export interface Segment {
  start: number;
  end: number;
}

/** One way of doing the task: who, when (work segments), and each member's travel. */
export interface Plan {
  engineerIds: string[];
  segments: Segment[];
  /** Travel each way per member, by engineer id. */
  travelMinutes: Record<string, number>;
}

export type RuleName = 'active' | 'region' | 'skills' | 'certificates' | 'availability' | 'crew';

export interface RuleResult {
  rule: RuleName;
  /** 'skipped': not looked at, because an earlier rule already excluded the engineer. */
  result: 'pass' | 'fail' | 'skipped';
  code?: ReasonCode;
  detail?: string;
}

export interface PreferenceScores {
  earliest: number;
  travel: number;
  load: number;
  /** Weighted mean of the three, 0…1. */
  total: number;
}
