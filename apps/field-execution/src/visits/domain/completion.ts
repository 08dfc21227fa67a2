import { FieldWorkError, FieldWorkErrorCode } from '../../errors/field-work.error.js';
import type { VisitStatus } from './booking-plan.js';

export const VISIT_OUTCOMES = ['completed', 'incomplete'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

export interface ChecklistItem {
  item: string;
  kind: string;
  required: boolean;
}

export interface SignOff {
  name: string;
  signedAt: Date;
}

export interface CompletionRequest {
  outcome: VisitOutcome;
  signOff: { name?: string | null; signedAt?: Date | null } | null;
  followUpReason: string | null;
  at: Date;
}

export interface VisitForCompletion {
  status: VisitStatus;
  startedAt: Date | null;
  /** The task's checklist; null while field-execution has not received the task. */
  checklist: readonly ChecklistItem[] | null;
  /** Items ticked on this visit. */
  ticked: ReadonlySet<string>;
}

/** Required checklist items not ticked yet, in checklist order. */
export function openRequiredItems(checklist: readonly ChecklistItem[], ticked: ReadonlySet<string>): ChecklistItem[] {
  return checklist.filter((item) => item.required && !ticked.has(item.item));
}

/**
 * What still stands between a visit and a signed-off completion, in words an
 * engineer acts on. Empty when it can be completed.
 */
export function missingForCompletion(visit: VisitForCompletion, signOff: CompletionRequest['signOff']): string[] {
  const missing: string[] = [];
  if (visit.checklist === null) {
    missing.push("the task's checklist (field-execution has not received the task from service-commitments yet)");
  } else {
    for (const item of openRequiredItems(visit.checklist, visit.ticked)) missing.push(`checklist: ${item.item} (${item.kind}) not ticked`);
  }
  if (!signOff) missing.push("customer sign-off (the customer's name and when they signed)");
  else if (!signOff.name?.trim()) missing.push("customer sign-off: the customer's name");
  return missing;
}

/** Refuses what the visit's state does not allow, whatever is ticked. */
export function assertOpenAndStarted(visit: { status: VisitStatus; startedAt: Date | null }): void {
  if (visit.status === 'completed' || visit.status === 'cancelled') {
    throw new FieldWorkError(FieldWorkErrorCode.VISIT_CLOSED, `The visit is ${visit.status}`, { status: visit.status });
  }
  if (visit.status !== 'in_progress' || !visit.startedAt) {
    throw new FieldWorkError(FieldWorkErrorCode.NOT_CHECKED_IN, 'Check in on site before completing the visit', { status: visit.status });
  }
}

export interface CompletionDecision {
  outcome: VisitOutcome;
  completedAt: Date;
  signOff: SignOff | null;
  followUpReason: string | null;
}

/**
 * Completed means every required checklist item ticked and the customer's
 * sign-off (name and time); incomplete means a reason for the follow-up, and a
 * sign-off if the customer gave one. Throws with everything missing at once.
 */
export function decideCompletion(visit: VisitForCompletion, request: CompletionRequest): CompletionDecision {
  assertOpenAndStarted(visit);
  if (request.at < visit.startedAt!) {
    throw new FieldWorkError(FieldWorkErrorCode.INVALID_TIME, `Completion at ${request.at.toISOString()} is before the check-in at ${visit.startedAt!.toISOString()}`);
  }
  const signedAt = request.signOff?.signedAt ?? request.at;
  if (request.signOff && signedAt < visit.startedAt!) {
    throw new FieldWorkError(FieldWorkErrorCode.INVALID_TIME, `Signed at ${signedAt.toISOString()}, before the check-in at ${visit.startedAt!.toISOString()}`);
  }
  const signOff = request.signOff?.name?.trim() ? { name: request.signOff.name.trim(), signedAt } : null;
  if (request.outcome === 'incomplete') {
    const reason = request.followUpReason?.trim();
    if (!reason) {
      throw new FieldWorkError(FieldWorkErrorCode.FOLLOW_UP_REASON_REQUIRED, 'An incomplete visit needs the reason a follow-up visit is needed');
    }
    return { outcome: 'incomplete', completedAt: request.at, signOff, followUpReason: reason };
  }
  const missing = missingForCompletion(visit, request.signOff);
  if (missing.length > 0) {
    throw new FieldWorkError(
      FieldWorkErrorCode.VISIT_NOT_READY,
      `The visit cannot be completed; missing: ${missing.join('; ')}`,
      { missing },
    );
  }
  return { outcome: 'completed', completedAt: request.at, signOff, followUpReason: null };
}
