import { FieldWorkError, FieldWorkErrorCode } from '../../errors/field-work.error.js';

/**
 * How time entries and expenses are decided. An entry waits as `submitted`
 * (the engineer may still edit it); a service manager approves or rejects it,
 * after which it is locked. What was wrong with a decided entry is put right by
 * a correction: a new entry that names the one it corrects, decided in its turn.
 */
export const ENTRY_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export interface DecidableEntry {
  id: string;
  status: EntryStatus;
}

export type EntryKind = 'time entry' | 'expense';

export function assertEditable(kind: EntryKind, entry: DecidableEntry): void {
  if (entry.status !== 'submitted') {
    throw new FieldWorkError(
      FieldWorkErrorCode.ENTRY_LOCKED,
      `The ${kind} is ${entry.status} and locked; record a correction that references it instead`,
      { status: entry.status },
    );
  }
}

export interface Decision {
  status: Extract<EntryStatus, 'approved' | 'rejected'>;
  reason: string | null;
}

export function decide(kind: EntryKind, entry: DecidableEntry, verdict: 'approve' | 'reject', reason?: string | null): Decision {
  if (entry.status !== 'submitted') {
    throw new FieldWorkError(FieldWorkErrorCode.ENTRY_NOT_PENDING, `The ${kind} is already ${entry.status}`, { status: entry.status });
  }
  if (verdict === 'approve') return { status: 'approved', reason: null };
  const why = reason?.trim();
  // The DTO requires it too; the rule holds whoever calls.
  if (!why) throw new FieldWorkError(FieldWorkErrorCode.REASON_REQUIRED, `Rejecting a ${kind} needs a reason`);
  return { status: 'rejected', reason: why };
}

/**
 * A correction replaces a decided entry. A submitted one is edited instead; one
 * that already has a live correction (waiting or approved) is corrected through
 * that correction, so each entry has at most one live successor.
 */
export function assertCorrectable(kind: EntryKind, original: DecidableEntry, liveCorrection: DecidableEntry | null): void {
  if (original.status === 'submitted') {
    throw new FieldWorkError(FieldWorkErrorCode.CORRECTION_NOT_ALLOWED, `The ${kind} is not decided yet: edit it instead of correcting it`, {
      status: original.status,
    });
  }
  if (liveCorrection) {
    throw new FieldWorkError(
      FieldWorkErrorCode.CORRECTION_NOT_ALLOWED,
      `The ${kind} is already corrected by ${liveCorrection.id} (${liveCorrection.status}); correct that one instead`,
      { correctedBy: liveCorrection.id },
    );
  }
}
