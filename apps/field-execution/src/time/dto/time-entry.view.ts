import type { TimeEntryEntity } from '../time-entry.entity.js';

export interface TimeEntryView {
  id: string;
  visitId: string;
  taskId: string;
  engineerId: string;
  start: string;
  end: string;
  /** end − start, 2 decimals. */
  hours: string;
  activity: string;
  billable: boolean;
  note: string | null;
  status: string;
  /** The entry this one corrects. */
  corrects: string | null;
  correctionReason: string | null;
  /** The live correction of this entry, if any. */
  correctedBy: string | null;
  /** Replaced by an approved correction: it no longer counts. */
  superseded: boolean;
  recordedBy: string;
  decidedBy: string | null;
  decidedAt: string | null;
  rejectionReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toTimeEntryView(entry: TimeEntryEntity, correction: { id: string; status: string } | null = null): TimeEntryView {
  return {
    id: entry.id,
    visitId: entry.visitId,
    taskId: entry.taskId,
    engineerId: entry.engineerId,
    start: entry.startAt.toISOString(),
    end: entry.endAt.toISOString(),
    hours: entry.hours,
    activity: entry.activity,
    billable: entry.billable,
    note: entry.note,
    status: entry.status,
    corrects: entry.corrects,
    correctionReason: entry.correctionReason,
    correctedBy: correction?.id ?? null,
    superseded: correction?.status === 'approved',
    recordedBy: entry.recordedBy,
    decidedBy: entry.decidedBy,
    decidedAt: entry.decidedAt?.toISOString() ?? null,
    rejectionReason: entry.rejectionReason,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
  };
}

/** Views of a set of entries that may correct one another: each learns its live correction. */
export function toTimeEntryViews(entries: readonly TimeEntryEntity[]): TimeEntryView[] {
  const liveCorrection = new Map(entries.filter((e) => e.corrects && e.status !== 'rejected').map((e) => [e.corrects!, e]));
  return entries.map((e) => toTimeEntryView(e, liveCorrection.get(e.id) ?? null));
}
