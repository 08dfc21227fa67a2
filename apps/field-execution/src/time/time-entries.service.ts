import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '#auth';
import { Clock } from '#platform';
import type { ApprovalQueueQuery } from '../approvals/dto/approval.dto.js';
import { assertEditable } from '../approvals/domain/approval.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { EntryApprovals, type ApprovableKind } from '../approvals/entry-approvals.js';
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
    private readonly approvals: EntryApprovals,
  ) {}

  private readonly kind: ApprovableKind<TimeEntryEntity, TimeEntryView> = {
    label: 'time entry',
    auditKind: 'time_entry',
    entity: TimeEntryEntity,
    notFound: FieldWorkErrorCode.TIME_ENTRY_NOT_FOUND,
    audited: auditedFields,
    view: (entry) => toTimeEntryView(entry),
    approved: (tx, entry) => this.events.timeApproved(tx, entry),
  };

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
      const { entry, visit } = await this.approvals.find(tx, this.kind, id, principal, 'record');
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
      const { entry: original, visit } = await this.approvals.find(tx, this.kind, id, principal, 'record');
      await this.approvals.assertCorrectable(tx, this.kind, original);
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
      await this.approvals.auditCorrection(tx, this.kind, principal, visit, original, correction);
      return toTimeEntryView(correction);
    });
  }

  async approve(id: string, principal: Principal): Promise<TimeEntryView> {
    return this.approvals.decideOn(this.kind, id, principal, 'approve', null);
  }

  async reject(id: string, reason: string, principal: Principal): Promise<TimeEntryView> {
    return this.approvals.decideOn(this.kind, id, principal, 'reject', reason);
  }

  /** What waits for a decision (or was decided), oldest first. */
  queue(query: ApprovalQueueQuery): Promise<TimeEntryView[]> {
    return this.approvals.queue(this.kind, query);
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
