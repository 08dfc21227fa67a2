/**
 * Why field work refused an action. Domain rules throw these (plain errors, no
 * Nest); `FieldWorkErrorFilter` maps each code to an HTTP status.
 */
export const FieldWorkErrorCode = {
  /** No such visit, or one the caller may not see (an engineer learns nothing of another engineer's visit). */
  VISIT_NOT_FOUND: 'VISIT_NOT_FOUND',
  TIME_ENTRY_NOT_FOUND: 'TIME_ENTRY_NOT_FOUND',
  EXPENSE_NOT_FOUND: 'EXPENSE_NOT_FOUND',
  /** The visit was cancelled or is completed: nothing more is recorded on site. */
  VISIT_CLOSED: 'VISIT_CLOSED',
  /** Checked in already and not checked out. */
  ALREADY_CHECKED_IN: 'ALREADY_CHECKED_IN',
  /** Check-out or completion without a check-in. */
  NOT_CHECKED_IN: 'NOT_CHECKED_IN',
  /** Completion refused: `missing` lists every checklist item and sign-off detail still open. */
  VISIT_NOT_READY: 'VISIT_NOT_READY',
  /** An incomplete visit needs the reason a follow-up is needed. */
  FOLLOW_UP_REASON_REQUIRED: 'FOLLOW_UP_REASON_REQUIRED',
  /** A tick for an item that is not on the task's checklist. */
  CHECKLIST_ITEM_UNKNOWN: 'CHECKLIST_ITEM_UNKNOWN',
  /** A time that is in the future, or before what it follows (check-out before check-in). */
  INVALID_TIME: 'INVALID_TIME',
  /** The engineer already has time recorded for part of this period. */
  TIME_OVERLAP: 'TIME_OVERLAP',
  /** Approved or rejected: locked. Corrections are new entries that reference it. */
  ENTRY_LOCKED: 'ENTRY_LOCKED',
  /** Approve or reject an entry that is not waiting for a decision. */
  ENTRY_NOT_PENDING: 'ENTRY_NOT_PENDING',
  /** Correct only a decided entry that nothing else corrects yet (correct the latest). */
  CORRECTION_NOT_ALLOWED: 'CORRECTION_NOT_ALLOWED',
  /** An amount that is not a positive decimal with at most the currency's minor units. */
  INVALID_AMOUNT: 'INVALID_AMOUNT',
  /** The expense is in another currency than the order's: the rate is needed. */
  EXCHANGE_RATE_REQUIRED: 'EXCHANGE_RATE_REQUIRED',
  /** A rate for an expense in the order's own currency (other than 1). */
  EXCHANGE_RATE_NOT_APPLICABLE: 'EXCHANGE_RATE_NOT_APPLICABLE',
  /** A rejection without a reason. */
  REASON_REQUIRED: 'REASON_REQUIRED',
  /** The service report exists only for a completed visit. */
  REPORT_NOT_AVAILABLE: 'REPORT_NOT_AVAILABLE',
} as const;
export type FieldWorkErrorCode = (typeof FieldWorkErrorCode)[keyof typeof FieldWorkErrorCode];

export class FieldWorkError extends Error {
  constructor(
    readonly code: FieldWorkErrorCode,
    message: string,
    /** What is missing or in the way, for the caller to show (e.g. open checklist items). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'FieldWorkError';
  }
}
