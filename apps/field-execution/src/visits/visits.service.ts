import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { assertCanActAsEngineer, forbidden, ForbiddenCode, hasRole, type Principal } from '#auth';
import { Clock } from '#platform';
import { AuditTrail } from '../audit/audit-trail.js';
import { FieldWorkEvents } from '../core/field-work-events.js';
import { actorOf, VisitAccess } from '../core/visit-access.js';
import { FieldWorkError, FieldWorkErrorCode } from '../errors/field-work.error.js';
import { toExpenseViews } from '../expenses/dto/expense.view.js';
import { ExpenseEntity } from '../expenses/expense.entity.js';
import { toPartsConsumptionView } from '../parts/dto/parts-consumption.view.js';
import { PartsConsumptionEntity } from '../parts/parts-consumption.entity.js';
import { FIELD_STAFF } from '../staff-roles.js';
import { MachineCoverageEntity } from '../tasks/machine-coverage.entity.js';
import { TaskCopyEntity } from '../tasks/task-copy.entity.js';
import { toTimeEntryViews } from '../time/dto/time-entry.view.js';
import { CLOCK_SKEW_MS } from '../time/domain/time-entry-rules.js';
import { TimeEntryEntity } from '../time/time-entry.entity.js';
import { ChecklistTickEntity } from './checklist-tick.entity.js';
import { decideCompletion, missingForCompletion } from './domain/completion.js';
import { isOnDay, localDate } from './domain/visit-day.js';
import type { AddNoteInput, CheckInOutInput, CompleteVisitInput, TickChecklistInput, VisitDayQuery } from './dto/visit-actions.dto.js';
import type { CoverageView, EarlierVisitView, VisitDetailView, VisitSummaryView, VisitTaskView } from './dto/visit.view.js';
import { VisitCheckInEntity } from './visit-check-in.entity.js';
import { VisitNoteEntity } from './visit-note.entity.js';
import { VisitEntity } from './visit.entity.js';

const DAY_MS = 86_400_000;
/** Earlier visits shown with a visit: the machine's recent history. */
const EARLIER_VISITS = 10;

function taskView(task: TaskCopyEntity | null): VisitTaskView | null {
  return task
    ? { id: task.taskId, name: task.name, kind: task.kind, sku: task.sku, status: task.status, orderId: task.orderId, serviceRequestId: task.serviceRequestId }
    : null;
}

/** The site as scheduling booked it, else as the task knows it. */
function siteOf(visit: VisitEntity, task: TaskCopyEntity | null) {
  return visit.site ?? task?.site ?? null;
}

function summaryOf(visit: VisitEntity, task: TaskCopyEntity | null): VisitSummaryView {
  return {
    id: visit.id,
    bookingId: visit.bookingId,
    status: visit.status,
    bookingStatus: visit.bookingStatus,
    engineerId: visit.engineerId,
    engineerName: visit.engineerName,
    crew: visit.crewEngineerIds,
    customer: { id: visit.customerId, name: task?.customerName ?? null },
    site: siteOf(visit, task),
    scheduled: { start: visit.scheduledStart.toISOString(), end: visit.scheduledEnd.toISOString(), segments: visit.segments, travelMinutes: visit.travelMinutes },
    task: taskView(task),
    serialNumber: task?.serialNumber ?? null,
    startedAt: visit.startedAt?.toISOString() ?? null,
    completedAt: visit.completedAt?.toISOString() ?? null,
    outcome: visit.outcome,
  };
}

/**
 * The engineer's side of a visit: their day, a visit with everything needed on
 * site, check-in and check-out, notes, checklist ticks and completion.
 */
@Injectable()
export class VisitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: VisitAccess,
    private readonly audit: AuditTrail,
    private readonly events: FieldWorkEvents,
    private readonly clock: Clock,
  ) {}

  /** Visits on a day of each site's calendar: an engineer's own; staff may name anyone's, or see all. */
  async day(query: VisitDayQuery, principal: Principal): Promise<VisitSummaryView[]> {
    const engineerId = this.engineerForDay(query.engineerId, principal);
    const midnight = Date.parse(`${query.date}T00:00:00Z`);
    // Sites are at most ±14 h from UTC: a day's visits start before the next UTC day ends and end after the previous one began.
    // As an overlap of periods, which the GiST index on the visit's period answers (a visit may run over several days).
    const visits = await this.dataSource
      .getRepository(VisitEntity)
      .createQueryBuilder('v')
      .where('tstzrange(v.scheduled_start, v.scheduled_end) && tstzrange(:from, :to)', { from: new Date(midnight - DAY_MS), to: new Date(midnight + 2 * DAY_MS) })
      .andWhere(engineerId ? 'v.engineerId = :engineerId' : 'TRUE', { engineerId })
      .orderBy('v.scheduledStart', 'ASC')
      .getMany();
    const tasks = await this.tasksOf(this.dataSource.manager, visits.map((v) => v.taskId));
    return visits
      .filter((v) => {
        const task = tasks.get(v.taskId) ?? null;
        const stretches = v.segments.length > 0 ? v.segments : [{ start: v.scheduledStart.toISOString(), end: v.scheduledEnd.toISOString() }];
        return isOnDay(stretches, query.date, siteOf(v, task)?.timezone);
      })
      .map((v) => summaryOf(v, tasks.get(v.taskId) ?? null));
  }

  async detail(id: string, principal: Principal): Promise<VisitDetailView> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => this.detailIn(tx, await this.access.visible(tx, id, principal)));
  }

  async checkIn(id: string, input: CheckInOutInput, principal: Principal): Promise<VisitDetailView> {
    return this.dataSource.transaction(async (tx) => {
      const visit = await this.access.forRecording(tx, id, principal);
      if (visit.status === 'completed' || visit.status === 'cancelled') {
        throw new FieldWorkError(FieldWorkErrorCode.VISIT_CLOSED, `The visit is ${visit.status}: no more check-ins`, { status: visit.status });
      }
      const open = await tx.findOneBy(VisitCheckInEntity, { visitId: visit.id, checkedOutAt: IsNull() });
      if (open) {
        throw new FieldWorkError(FieldWorkErrorCode.ALREADY_CHECKED_IN, `Checked in since ${open.checkedInAt.toISOString()}; check out first`);
      }
      const at = this.instant(input.at, 'at');
      const last = await tx.findOne(VisitCheckInEntity, { where: { visitId: visit.id }, order: { checkedInAt: 'DESC' } });
      if (last?.checkedOutAt && at < last.checkedOutAt) {
        throw new FieldWorkError(FieldWorkErrorCode.INVALID_TIME, `Check-in at ${at.toISOString()} is before the last check-out at ${last.checkedOutAt.toISOString()}`);
      }
      const location = input.location ? { lat: input.location.lat, lon: input.location.lon } : null;
      await tx.save(tx.create(VisitCheckInEntity, { visitId: visit.id, checkedInAt: at, checkInLocation: location }));
      const actor = actorOf(principal);
      if (principal.engineerId === visit.engineerId && principal.name) visit.engineerName = principal.name;
      const first = visit.startedAt === null;
      if (first) {
        visit.status = 'in_progress';
        visit.startedAt = at;
      }
      await tx.save(visit);
      if (first) await this.events.visitStarted(tx, visit, location);
      await this.audit.record(tx, actor, {
        visitId: visit.id,
        kind: 'visit',
        id: visit.id,
        action: first ? 'visit.started' : 'visit.checked_in',
        before: first ? { status: 'scheduled' } : null,
        after: { ...(first ? { status: 'in_progress' } : {}), checkedInAt: at, location },
      });
      return this.detailIn(tx, visit);
    });
  }

  async checkOut(id: string, input: CheckInOutInput, principal: Principal): Promise<VisitDetailView> {
    return this.dataSource.transaction(async (tx) => {
      const visit = await this.access.forRecording(tx, id, principal);
      const open = await tx.findOneBy(VisitCheckInEntity, { visitId: visit.id, checkedOutAt: IsNull() });
      if (!open) throw new FieldWorkError(FieldWorkErrorCode.NOT_CHECKED_IN, 'Not checked in on this visit');
      const at = this.instant(input.at, 'at');
      if (at < open.checkedInAt) {
        throw new FieldWorkError(FieldWorkErrorCode.INVALID_TIME, `Check-out at ${at.toISOString()} is before the check-in at ${open.checkedInAt.toISOString()}`);
      }
      const location = input.location ? { lat: input.location.lat, lon: input.location.lon } : null;
      Object.assign(open, { checkedOutAt: at, checkOutLocation: location });
      await tx.save(open);
      await this.audit.record(tx, actorOf(principal), { visitId: visit.id, kind: 'visit', id: visit.id, action: 'visit.checked_out', after: { checkedOutAt: at, location } });
      return this.detailIn(tx, visit);
    });
  }

  async addNote(id: string, input: AddNoteInput, principal: Principal): Promise<VisitDetailView> {
    return this.dataSource.transaction(async (tx) => {
      const visit = await this.access.forRecording(tx, id, principal);
      if (visit.status === 'cancelled') throw new FieldWorkError(FieldWorkErrorCode.VISIT_CLOSED, 'The visit is cancelled', { status: visit.status });
      const note = await tx.save(
        tx.create(VisitNoteEntity, { visitId: visit.id, text: input.text.trim(), author: principal.subject, authorName: principal.name ?? null, createdAt: this.clock.now() }),
      );
      await this.audit.record(tx, actorOf(principal), { visitId: visit.id, kind: 'visit', id: visit.id, action: 'visit.note_added', after: { noteId: note.id, text: note.text } });
      return this.detailIn(tx, visit);
    });
  }

  async tick(id: string, input: TickChecklistInput, principal: Principal): Promise<VisitDetailView> {
    return this.dataSource.transaction(async (tx) => {
      const visit = await this.access.forRecording(tx, id, principal);
      if (visit.status === 'completed' || visit.status === 'cancelled') {
        throw new FieldWorkError(FieldWorkErrorCode.VISIT_CLOSED, `The visit is ${visit.status}: its checklist is closed`, { status: visit.status });
      }
      const task = await tx.findOneBy(TaskCopyEntity, { taskId: visit.taskId });
      const item = input.item.trim();
      if (!task?.checklist.some((c) => c.item === item)) {
        throw new FieldWorkError(
          FieldWorkErrorCode.CHECKLIST_ITEM_UNKNOWN,
          task ? `"${item}" is not on the task's checklist` : "The task's checklist has not reached field-execution yet",
          { checklist: task?.checklist.map((c) => c.item) ?? null },
        );
      }
      const existing = await tx.findOneBy(ChecklistTickEntity, { visitId: visit.id, item });
      const actor = actorOf(principal);
      if (input.ticked && !existing) {
        const tick = await tx.save(tx.create(ChecklistTickEntity, { visitId: visit.id, item, tickedAt: this.clock.now(), tickedBy: principal.subject, note: input.note ?? null }));
        await this.audit.record(tx, actor, { visitId: visit.id, kind: 'visit', id: visit.id, action: 'checklist.ticked', after: { item, note: tick.note } });
      } else if (!input.ticked && existing) {
        await tx.delete(ChecklistTickEntity, { visitId: visit.id, item });
        await this.audit.record(tx, actor, { visitId: visit.id, kind: 'visit', id: visit.id, action: 'checklist.unticked', before: { item, tickedAt: existing.tickedAt, tickedBy: existing.tickedBy } });
      }
      return this.detailIn(tx, visit, { task });
    });
  }

  /**
   * Closes the visit: signed off with every required item ticked, or incomplete
   * with the reason for a follow-up. An open check-in is checked out at the same time.
   */
  async complete(id: string, input: CompleteVisitInput, principal: Principal): Promise<VisitDetailView> {
    return this.dataSource.transaction(async (tx) => {
      const visit = await this.access.forRecording(tx, id, principal);
      const task = await tx.findOneBy(TaskCopyEntity, { taskId: visit.taskId });
      const ticks = await tx.findBy(ChecklistTickEntity, { visitId: visit.id });
      const at = this.instant(input.at, 'at');
      const decision = decideCompletion(
        { status: visit.status, startedAt: visit.startedAt, checklist: task?.checklist ?? null, ticked: new Set(ticks.map((t) => t.item)) },
        {
          outcome: input.outcome,
          signOff: input.signOff ? { name: input.signOff.name, signedAt: input.signOff.signedAt ? this.instant(input.signOff.signedAt, 'signOff.signedAt') : null } : null,
          followUpReason: input.followUpReason ?? null,
          at,
        },
      );
      const open = await tx.findOneBy(VisitCheckInEntity, { visitId: visit.id, checkedOutAt: IsNull() });
      if (open) await tx.save(Object.assign(open, { checkedOutAt: at < open.checkedInAt ? open.checkedInAt : at }));
      const before = { status: visit.status };
      Object.assign(visit, {
        status: 'completed',
        outcome: decision.outcome,
        completedAt: decision.completedAt,
        signOffName: decision.signOff?.name ?? null,
        signedOffAt: decision.signOff?.signedAt ?? null,
        followUpReason: decision.followUpReason,
      });
      await tx.save(visit);
      await this.events.visitCompleted(tx, visit);
      await this.audit.record(tx, actorOf(principal), {
        visitId: visit.id,
        kind: 'visit',
        id: visit.id,
        action: 'visit.completed',
        before,
        after: { status: 'completed', ...decision },
      });
      return this.detailIn(tx, visit, { task });
    });
  }

  /** Everything about a visit, in one consistent read (its task's copy read again unless the caller has it). */
  async detailIn(tx: EntityManager, visit: VisitEntity, known?: { task: TaskCopyEntity | null }): Promise<VisitDetailView> {
    const task = known ? known.task : await tx.findOneBy(TaskCopyEntity, { taskId: visit.taskId });
    // One after another: a transaction is one connection.
    const ticks = await tx.findBy(ChecklistTickEntity, { visitId: visit.id });
    const checkIns = await tx.find(VisitCheckInEntity, { where: { visitId: visit.id }, order: { checkedInAt: 'ASC' } });
    const notes = await tx.find(VisitNoteEntity, { where: { visitId: visit.id }, order: { createdAt: 'ASC' } });
    const timeEntries = await tx.find(TimeEntryEntity, { where: { visitId: visit.id }, order: { startAt: 'ASC', createdAt: 'ASC' } });
    const expenses = await tx.find(ExpenseEntity, { where: { visitId: visit.id }, order: { createdAt: 'ASC' } });
    const parts = await tx.find(PartsConsumptionEntity, { where: { visitId: visit.id }, order: { consumedAt: 'ASC', issueId: 'ASC', lineNo: 'ASC' } });
    const tickOf = new Map(ticks.map((t) => [t.item, t]));
    const site = siteOf(visit, task);
    const signOff = visit.signOffName ? { name: visit.signOffName, signedAt: visit.signedOffAt!.toISOString() } : null;
    return {
      ...summaryOf(visit, task),
      projectId: visit.projectId,
      serviceRequestId: visit.serviceRequestId,
      orderId: task?.orderId ?? null,
      equipment: task?.serialNumber ? { serialNumber: task.serialNumber, coverage: await this.coverageOf(tx, task.serialNumber, localDate(visit.scheduledStart, site?.timezone)) } : null,
      checklist:
        task?.checklist.map((c) => {
          const tick = tickOf.get(c.item);
          return { ...c, ticked: !!tick, tickedAt: tick?.tickedAt.toISOString() ?? null, tickedBy: tick?.tickedBy ?? null, note: tick?.note ?? null };
        }) ?? null,
      checkIns: checkIns.map((c) => ({
        checkedInAt: c.checkedInAt.toISOString(),
        checkInLocation: c.checkInLocation,
        checkedOutAt: c.checkedOutAt?.toISOString() ?? null,
        checkOutLocation: c.checkOutLocation,
      })),
      notes: notes.map((n) => ({ id: n.id, text: n.text, author: n.author, authorName: n.authorName, createdAt: n.createdAt.toISOString() })),
      timeEntries: toTimeEntryViews(timeEntries),
      expenses: toExpenseViews(expenses),
      parts: parts.map(toPartsConsumptionView),
      completion: {
        missing:
          visit.status === 'completed' || visit.status === 'cancelled'
            ? []
            : missingForCompletion({ status: visit.status, startedAt: visit.startedAt, checklist: task?.checklist ?? null, ticked: new Set(tickOf.keys()) }, null),
        outcome: visit.outcome,
        completedAt: visit.completedAt?.toISOString() ?? null,
        signOff,
        followUpReason: visit.followUpReason,
      },
      cancellation: visit.cancelledAt ? { cancelledAt: visit.cancelledAt.toISOString(), reason: visit.cancellationReason } : null,
      earlierVisits: task?.serialNumber ? await this.earlierVisits(tx, visit, task.serialNumber) : [],
    };
  }

  private async coverageOf(tx: EntityManager, serialNumber: string, visitDay: string): Promise<CoverageView[]> {
    const rows = await tx.find(MachineCoverageEntity, { where: { serialNumber }, order: { kind: 'DESC', startsOn: 'ASC' } });
    return rows.map((c) => ({
      kind: c.kind,
      contractId: c.contractId,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      scope: c.scope,
      status: c.status,
      reason: c.reason,
      appliesOnVisitDay: c.status !== 'cancelled' && !!c.startsOn && c.startsOn <= visitDay && (!c.endsOn || visitDay <= c.endsOn),
    }));
  }

  /** Other visits to the same machine that happened (started or finished), newest first. */
  private async earlierVisits(tx: EntityManager, visit: VisitEntity, serialNumber: string): Promise<EarlierVisitView[]> {
    // The machine's tasks are read by the same statement, not loaded first.
    const visits = await tx
      .getRepository(VisitEntity)
      .createQueryBuilder('v')
      .where({ id: Not(visit.id), status: In(['in_progress', 'completed']) })
      .andWhere('v.taskId IN (SELECT t.task_id FROM task_copy t WHERE t.serial_number = :serialNumber)', { serialNumber })
      .andWhere('v.startedAt < :before', { before: visit.startedAt ?? visit.scheduledStart })
      .orderBy('v.startedAt', 'DESC')
      .limit(EARLIER_VISITS)
      .getMany();
    if (visits.length === 0) return [];
    const tasks = await this.tasksOf(tx, visits.map((v) => v.taskId));
    const notes = await tx.find(VisitNoteEntity, { where: { visitId: In(visits.map((v) => v.id)) }, order: { createdAt: 'ASC' } });
    return visits.map((v) => ({
      id: v.id,
      taskName: tasks.get(v.taskId)?.name ?? null,
      kind: tasks.get(v.taskId)?.kind ?? null,
      engineerId: v.engineerId,
      status: v.status,
      startedAt: v.startedAt?.toISOString() ?? null,
      completedAt: v.completedAt?.toISOString() ?? null,
      outcome: v.outcome,
      followUpReason: v.followUpReason,
      notes: notes.filter((n) => n.visitId === v.id).map((n) => n.text),
    }));
  }

  private async tasksOf(tx: EntityManager, taskIds: string[]): Promise<Map<string, TaskCopyEntity>> {
    if (taskIds.length === 0) return new Map();
    const tasks = await tx.findBy(TaskCopyEntity, { taskId: In([...new Set(taskIds)]) });
    return new Map(tasks.map((t) => [t.taskId, t]));
  }

  /** An engineer's day is their own; staff may ask for anyone's (or everyone's). */
  private engineerForDay(requested: string | undefined, principal: Principal): string | null {
    if (hasRole(principal, ...FIELD_STAFF)) return requested ?? null;
    const own = principal.engineerId;
    if (!own) throw forbidden(ForbiddenCode.OTHER_ENGINEER, 'This token names no engineer (engineer_id): it has no visits');
    if (requested && requested !== own) assertCanActAsEngineer(principal, requested);
    return own;
  }

  /** A time given by the device, or now; never in the future beyond clock drift. */
  private instant(value: string | undefined, field: string): Date {
    const now = this.clock.now();
    if (value === undefined) return now;
    const at = new Date(value);
    if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw new FieldWorkError(FieldWorkErrorCode.INVALID_TIME, `${field} ${value} is in the future`);
    }
    return at;
  }
}
