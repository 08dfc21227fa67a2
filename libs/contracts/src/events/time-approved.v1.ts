import { IsOptional } from 'class-validator';
import { IsBooleanValue, IsInstant, IsNonEmptyString, IsOneOf, IsPositiveDecimal, IsUuid } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { FieldWorkVisitReference, IsInstantAfter } from './field-work.js';

/** What the engineer's time was spent on. */
export const TIME_ACTIVITIES = ['work', 'travel', 'training', 'waiting', 'documentation'] as const;
export type TimeActivity = (typeof TIME_ACTIVITIES)[number];

/** Hours carry 2 decimals: `"6.00"`, `"0.75"`. */
export const TIME_HOURS_DECIMALS = 2;

/**
 * Internal: a service manager approved an engineer's time entry. A correction
 * names the entry it replaces in `corrects`: billing reverses that one and
 * takes this one instead.
 */
export class TimeApprovedV1 extends FieldWorkVisitReference {
  static readonly type = 'psa.time.approved.v1';
  static readonly topic = Topics.fieldWork;

  @IsUuid()
  timeEntryId: string;

  @IsInstant()
  start: string;

  @IsInstant()
  @IsInstantAfter('start')
  end: string;

  /** end − start in hours, rounded half-up to 2 decimals, as a decimal string. */
  @IsPositiveDecimal(TIME_HOURS_DECIMALS)
  hours: string;

  @IsOneOf(TIME_ACTIVITIES)
  activity: TimeActivity;

  @IsBooleanValue()
  billable: boolean;

  /** Who approved it (the approver's user id). */
  @IsNonEmptyString()
  approvedBy: string;

  @IsInstant()
  approvedAt: string;

  /** The earlier entry this one corrects, or null. */
  @IsOptional()
  @IsUuid()
  corrects?: string | null;
}
