import { IsOptional } from 'class-validator';
import { IsInstant, IsNonEmptyString, IsOneOf, IsUuid, NestedObject } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { FieldWorkVisitReference, VisitSignOff } from './field-work.js';

/**
 * completed: every required checklist item ticked and the customer signed off.
 * incomplete: the engineer could not finish; `followUpReason` says why and a follow-up task is due.
 */
export const VISIT_OUTCOMES = ['completed', 'incomplete'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

/** Internal: an engineer closed a visit, signed off by the customer or incomplete with a reason. */
export class VisitCompletedV1 extends FieldWorkVisitReference {
  static readonly type = 'psa.visit.completed.v1';
  static readonly topic = Topics.fieldWork;

  @IsUuid()
  bookingId: string;

  @IsOptional()
  @IsUuid()
  serviceRequestId?: string | null;

  @IsInstant()
  completedAt: string;

  @IsOneOf(VISIT_OUTCOMES)
  outcome: VisitOutcome;

  /** Required for a completed visit (field-execution refuses completion without it); optional when incomplete. */
  @IsOptional()
  @NestedObject(() => VisitSignOff)
  signOff?: VisitSignOff | null;

  /** Why the work is not finished; set exactly when the outcome is incomplete. */
  @IsOptional()
  @IsNonEmptyString()
  followUpReason?: string | null;
}
