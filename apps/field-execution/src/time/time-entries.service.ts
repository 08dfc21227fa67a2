import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '#auth';
import { Clock } from '#platform';
import type { ApprovalQueueQuery } from '../approvals/dto/approval.dto.js';
import { assertCorrectable, assertEditable, decide } from '../approvals/domain/approval.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { FieldWorkEvents } from '../core/field-work-events.js';
import { actorOf, VisitAccess } from '../core/visit-access.js';
import { FieldWorkError, FieldWorkErrorCode } from '../errors/field-work.error.js';
import type { VisitEntity } from '../visits/visit.entity.js';
import { checkTimeRange, hoursBetween } from './domain/time-entry-rules.js';
import type { CorrectTimeInput, EditTimeInput, RecordTimeInput } from './dto/time-entry.dto.js';
import { toTimeEntryView, toTimeEntryViews, type TimeEntryView } from './dto/time-entry.view.js';
import { TimeEntryEntity } from './time-entry.entity.js';

/** The fields of an entry as the audit trail shows them. */
function auditedFields(entry: TimeEntryEntity) {
  return { start: entry.startAt, end: entry.endAt, hours: entry.hours, activity: entry.activity, billable: entry.billable, note: entry.note, status: entry.status };
}

/**
 * Engineers' time on visits: recorded, edited while waiting, approved or
 * rejected by a service manager, corrected by new entries. No engineer is in
 * two places at once: an entry may not overlap the engineer's other live time.
 */
@Injectable()
export class TimeEntriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: VisitAccess,
    private readonly audit: AuditTrail,
    private readonly events: FieldWorkEvents,
    private readonly clock: Clock,
  ) {}

  async record(visitId: string, input: RecordTimeInput, principal: Principal): Promise<TimeEntryView> {
    return this.dataSource.transaction(async (tx) => {
      const visit = await this.access.forRecording(tx, visitId, principal);
      this.assertRecordable(visit);
      const entry = tx.create(TimeEntryEntity, {
        ...this.onVisit(visit),
        ...this.timeOf(input),
        recordedBy: principal.subject,
        status: 'submitted',
      });
      await this.assertNoOverlap(tx, entry, []);
      await tx.save(entry);
      await this.audit.record(tx, actorOf(principal), { visitId: visit.id, kind: 'time_entry', id: entry.id, action: 'time_entry.recorded', after: auditedFields(entry) });
      return toTimeEntryView(entry);
    });
  }

  async list(visitId: string, principal: Principal): Promise<TimeEntryView[]> {
    return this.dataSource.transaction(async (tx) => {
      const visit = await this.access.visible(tx, visitId, principal);
      return toTimeEntryViews(await tx.find(TimeEntryEntity, { where: { visitId: visit.id }, order: { startAt: 'ASC', createdAt: 'ASC' } }));
    });
  }

  async edit(id: string, input: EditTimeInput, principal: Principal): Promise<TimeEntryView> {
    return this.dataSource.transaction(async (tx) => {
      const { entry, visit } = await this.entryFor(tx, id, principal, 'record');
      assertEditable('time entry', entry);
      const before = auditedFields(entry);
      const merged = {
        start: input.start ?? entry.startAt.toISOString(),
        end: input.end ?? entry.endAt.toISOString(),
        activity: input.activity ?? entry.activity,
        billable: input.billable ?? entry.billable,
        note: input.note === undefined ? entry.note : input.note,
      } as RecordTimeInput;
      Object.assign(entry, this.timeOf(merged));
      await this.assertNoOverlap(tx, entry, [entry.id, entry.corrects]);
      await tx.save(entry);
      await this.audit.record(tx, actorOf(principal), { visitId: visit.id, kind: 'time_entry', id: entry.id, action: 'time_entry.edited', before, after: auditedFields(entry) });
      return toTimeEntryView(entry);
    });
  }

  /** A new entry replacing a decided one; the original stays as it was, with its decision. */
  async correct(id: string, input: CorrectTimeInput, principal: Principal): Promise<TimeEntryView> {
    return this.dataSource.transaction(async (tx) => {
      const { entry: original, visit } = await this.entryFor(tx, id, principal, 'record');
      const live = await tx
        .getRepository(TimeEntryEntity)
        .createQueryBuilder('t')
        .where('t.corrects = :id AND t.status <> :rejected', { id: original.id, rejected: 'rejected' })
        .getOne();
      assertCorrectable('time entry', original, live);
      const correction = tx.create(TimeEntryEntity, {
        ...this.onVisit(visit),
        ...this.timeOf(input),
        corrects: original.id,
        correctionReason: input.reason.trim(),
        recordedBy: principal.subject,
        status: 'submitted',
      });
      await this.assertNoOverlap(tx, correction, [original.id]);
      await tx.save(correction);
      await this.audit.record(tx, actorOf(principal), {
        visitId: visit.id,
        kind: 'time_entry',
        id: correction.id,
        action: 'time_entry.correction_recorded',
        before: { corrects: original.id, ...auditedFields(original) },
        after: auditedFields(correction),
        reason: correction.correctionReason,
      });
      await this.audit.record(tx, actorOf(principal), {
        visitId: visit.id,
        kind: 'time_entry',
        id: original.id,
        action: 'time_entry.corrected',
        after: { correctedBy: correction.id },
        reason: correction.correctionReason,
      });
      return toTimeEntryView(correction);
    });
  }

  async approve(id: string, principal: Principal): Promise<TimeEntryView> {
    return this.decideOn(id, principal, 'approve', null);
  }

  async reject(id: string, reason: string, principal: Principal): Promise<TimeEntryView> {
    return this.decideOn(id, principal, 'reject', reason);
  }

  /** What waits for a decision (or was decided), oldest first. */
  async queue(query: ApprovalQueueQuery): Promise<TimeEntryView[]> {
    const entries = await this.dataSource.getRepository(TimeEntryEntity).find({
      where: { status: query.status ?? 'submitted', ...(query.engineerId ? { engineerId: query.engineerId } : {}), ...(query.visitId ? { visitId: query.visitId } : {}) },
      order: { createdAt: 'ASC' },
      take: 500,
    });
    return entries.map((e) => toTimeEntryView(e));
  }

  private async decideOn(id: string, principal: Principal, verdict: 'approve' | 'reject', reason: string | null): Promise<TimeEntryView> {
    return this.dataSource.transaction(async (tx) => {
      const { entry, visit } = await this.entryFor(tx, id, principal, 'read');
      const decision = decide('time entry', entry, verdict, reason);
      const before = auditedFields(entry);
      Object.assign(entry, { status: decision.status, rejectionReason: decision.reason, decidedBy: principal.subject, decidedAt: this.clock.now() });
      await tx.save(entry);
      if (decision.status === 'approved') await this.events.timeApproved(tx, entry);
      await this.audit.record(tx, actorOf(principal), {
        visitId: visit.id,
        kind: 'time_entry',
        id: entry.id,
        action: `time_entry.${decision.status}`,
        before,
        after: auditedFields(entry),
        reason: decision.reason,
      });
      return toTimeEntryView(entry);
    });
  }

  /** The entry, locked, if the caller may see its visit (and, to record, act as its engineer). */
  private async entryFor(tx: EntityManager, id: string, principal: Principal, purpose: 'read' | 'record') {
    const entry = await tx.findOne(TimeEntryEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!entry) throw new FieldWorkError(FieldWorkErrorCode.TIME_ENTRY_NOT_FOUND, `No time entry ${id}`);
    try {
      const visit = purpose === 'record' ? await this.access.forRecording(tx, entry.visitId, principal) : await this.access.visible(tx, entry.visitId, principal);
      return { entry, visit };
    } catch (error) {
      if (error instanceof FieldWorkError && error.code === FieldWorkErrorCode.VISIT_NOT_FOUND) {
        throw new FieldWorkError(FieldWorkErrorCode.TIME_ENTRY_NOT_FOUND, `No time entry ${id}`);
      }
      throw error;
    }
  }

  private assertRecordable(visit: VisitEntity): void {
    if (visit.status === 'cancelled') throw new FieldWorkError(FieldWorkErrorCode.VISIT_CLOSED, 'The visit is cancelled: no time is recorded on it', { status: visit.status });
  }

  private onVisit(visit: VisitEntity) {
    return { visitId: visit.id, taskId: visit.taskId, projectId: visit.projectId, customerId: visit.customerId, engineerId: visit.engineerId };
  }

  private timeOf(input: RecordTimeInput) {
    const range = { start: new Date(input.start), end: new Date(input.end) };
    checkTimeRange(range, this.clock.now());
    return { startAt: range.start, endAt: range.end, hours: hoursBetween(range), activity: input.activity, billable: input.billable, note: input.note?.trim() || null };
  }

  /**
   * The engineer's other live time that overlaps: not rejected, not replaced by an
   * approved correction, and not the entries named in `besides` (itself, what it corrects).
   * Serialised per engineer so two requests cannot both pass.
   */
  private async assertNoOverlap(tx: EntityManager, entry: TimeEntryEntity, besides: (string | null | undefined)[]): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('time_entry'), hashtext($1))`, [entry.engineerId]);
    const excluded = besides.filter((id): id is string => !!id);
    const clash = await tx
      .getRepository(TimeEntryEntity)
      .createQueryBuilder('t')
      .where('t.engineerId = :engineer AND t.status <> :rejected', { engineer: entry.engineerId, rejected: 'rejected' })
      .andWhere('t.startAt < :end AND t.endAt > :start', { start: entry.startAt, end: entry.endAt })
      .andWhere(excluded.length > 0 ? 't.id NOT IN (:...excluded)' : 'TRUE', { excluded })
      .andWhere(`NOT EXISTS (SELECT 1 FROM time_entry c WHERE c.corrects = t.id AND c.status = 'approved')`)
      .orderBy('t.startAt', 'ASC')
      .getOne();
    if (clash) {
      throw new FieldWorkError(
        FieldWorkErrorCode.TIME_OVERLAP,
        `Overlaps time entry ${clash.id} (${clash.startAt.toISOString()} to ${clash.endAt.toISOString()}, ${clash.status})`,
        { overlapsWith: clash.id },
      );
    }
  }
}
