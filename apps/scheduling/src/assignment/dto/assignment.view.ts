import type { AssignmentDecisionEntity } from '../assignment-decision.entity.js';
import type { BookingEntity, BookingSegment, BookingStatus } from '../booking.entity.js';
import type { TimeConflict } from '../booking-writer.js';
import type { SchedulingTaskEntity } from '../scheduling-task.entity.js';
import type { QueueReason, UnassignedTaskEntity } from '../unassigned-task.entity.js';

export interface BookingView {
  id: string;
  taskId: string;
  status: BookingStatus;
  engineerIds: string[];
  start: string;
  end: string;
  segments: BookingSegment[];
  travelMinutes: Record<string, number>;
  assignedBy: string;
  overrideReason: string | null;
  decisionId: string | null;
  endReason: string | null;
  confirmedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toBookingView(b: BookingEntity): BookingView {
  return {
    id: b.id,
    taskId: b.taskId,
    status: b.status,
    engineerIds: b.engineerIds,
    start: b.startsAt.toISOString(),
    end: b.endsAt.toISOString(),
    segments: b.segments,
    travelMinutes: b.travelMinutes,
    assignedBy: b.assignedBy,
    overrideReason: b.overrideReason,
    decisionId: b.decisionId,
    endReason: b.endReason,
    confirmedAt: b.confirmedAt?.toISOString() ?? null,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

export interface QueueEntryView {
  taskId: string;
  reasons: QueueReason[];
  autoRetry: boolean;
  attempts: number;
  queuedAt: string;
  lastAttemptAt: string;
  lastDecisionId: string | null;
}

export function toQueueEntryView(u: UnassignedTaskEntity): QueueEntryView {
  return {
    taskId: u.taskId,
    reasons: u.reasons,
    autoRetry: u.autoRetry,
    attempts: u.attempts,
    queuedAt: u.queuedAt.toISOString(),
    lastAttemptAt: u.lastAttemptAt.toISOString(),
    lastDecisionId: u.lastDecisionId,
  };
}

export interface TaskSummaryView {
  taskId: string;
  name: string;
  kind: string;
  status: string;
  customerId: string;
  customerName: string;
  siteRegion: string | null;
  requiredSkills: string[];
  estimatedHours: string;
  engineers: number;
  earliestStart: string | null;
  dueDate: string | null;
  dueAt: string | null;
  priority: string | null;
}

export function toTaskSummary(t: SchedulingTaskEntity): TaskSummaryView {
  const s = t.snapshot;
  return {
    taskId: t.taskId,
    name: s.name,
    kind: s.kind,
    status: t.status,
    customerId: t.customerId,
    customerName: s.customerName,
    siteRegion: t.siteRegion,
    requiredSkills: s.requiredSkills,
    estimatedHours: s.estimatedHours,
    engineers: s.engineers,
    earliestStart: s.earliestStart ?? null,
    dueDate: s.dueDate ?? null,
    dueAt: s.dueAt ?? null,
    priority: s.priority ?? null,
  };
}

export interface DecisionSummaryView {
  id: string;
  taskId: string;
  kind: string;
  outcome: string;
  actor: string;
  overrideReason: string | null;
  decidedAt: string;
  chosen: AssignmentDecisionEntity['record']['chosen'];
  reasons: AssignmentDecisionEntity['record']['reasons'];
}

export function toDecisionSummary(d: AssignmentDecisionEntity): DecisionSummaryView {
  return {
    id: d.id,
    taskId: d.taskId,
    kind: d.kind,
    outcome: d.outcome,
    actor: d.actor,
    overrideReason: d.overrideReason,
    decidedAt: d.decidedAt.toISOString(),
    chosen: d.record.chosen,
    reasons: d.record.reasons,
  };
}

export function toDecisionView(d: AssignmentDecisionEntity) {
  return { ...toDecisionSummary(d), record: d.record };
}

export type ConflictView = TimeConflict;
