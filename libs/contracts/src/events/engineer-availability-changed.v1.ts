import { IsOptional } from 'class-validator';
import {
  IsCalendarDate,
  IsInstant,
  IsIntegerAtLeast,
  IsNonEmptyString,
  IsOneOf,
  IsUuid,
  NestedList,
} from '../contract-validators.js';
import { Topics } from '../topics.js';

/** Why a day has the minutes it has: a working day, leave, a public holiday, or a day off by the calendar. */
export const AVAILABILITY_DAY_KINDS = ['working', 'leave', 'holiday', 'off'] as const;
export type AvailabilityDayKind = (typeof AVAILABILITY_DAY_KINDS)[number];

/** One calendar day of an engineer: the minutes the calendar offers after leave and holidays. */
export class EngineerAvailabilityDay {
  @IsCalendarDate()
  date: string;

  /** Calendar minutes minus leave and holidays; 0 on leave, holidays and days off. */
  @IsIntegerAtLeast(0)
  availableMinutes: number;

  @IsOneOf(AVAILABILITY_DAY_KINDS)
  kind: AvailabilityDayKind;
}

/**
 * Internal: an engineer's available time for some days as it now stands, after
 * the calendar, leave or holidays changed (or when an engineer is set up).
 * Analytics divides billable hours by these minutes (utilization). A later
 * event (by `changedAt`) replaces the minutes of the days it names. Keyed by engineerId.
 */
export class EngineerAvailabilityChangedV1 {
  static readonly type = 'psa.engineer.availability-changed.v1';
  static readonly topic = Topics.schedules;

  @IsUuid()
  engineerId: string;

  @IsNonEmptyString()
  name: string;

  /** The team the engineer belongs to, if any. */
  @IsOptional()
  @IsNonEmptyString()
  team?: string | null;

  /** The engineer's home region (the same words as a site's region). */
  @IsOptional()
  @IsNonEmptyString()
  region?: string | null;

  @NestedList(() => EngineerAvailabilityDay, { minItems: 1 })
  days: EngineerAvailabilityDay[];

  @IsInstant()
  changedAt: string;
}
