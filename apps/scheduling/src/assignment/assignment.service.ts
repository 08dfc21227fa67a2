import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { TaskSnapshot } from '#contracts';
import { Clock } from '#platform';
import { SCHEDULING_CONFIG, type SchedulingConfig } from '../scheduling.config.js';
import { SchedulingErrorCode, SchedulingException } from '../scheduling.exception.js';
import { AssignmentDecisionEntity, type DecisionKind } from './assignment-decision.entity.js';
import { BookingEntity } from './booking.entity.js';
import { BookingWriter, type TimeConflict } from './booking-writer.js';
import { checkAssignment } from './domain/manual-assignment.js';
import type { EngineerProfile, TaskToPlace } from './domain/model.js';
import { optionView, placeTask, screenEngineer, taskWindow, type DecisionRecord, type Placement, type VisitOption } from './domain/placement.js';
import { ReasonCode } from './domain/reason-codes.js';
import { DAY_MS } from './domain/zoned-time.js';
import { bookingNoLongerFits, visitAlreadyBegun } from './domain/booking-review.js';
import { RosterRepository } from './roster.repository.js';
import { SchedulingTaskEntity } from './scheduling-task.entity.js';
import { isSchedulable, taskToPlace } from './task-to-place.js';
import { UnassignedTaskEntity, type QueueReason } from './unassigned-task.entity.js';
import { VisitEvents } from './visit-events.js';

/** Rounds of "decide, then book" before a task goes to the queue when every option lost its race. */
const BOOKING_ROUNDS = 3;

/** The queue sweep waits at most this long between attempts at one task (an hour). */
export const QUEUE_RETRY_MAX_WAIT_SECONDS = 3600;

export interface ManualAssignment {
  engineerIds: string[];
  /** Work starts (instant); without it, the crew's earliest common slot. */
  start: string | null;
  overrideReason: string | null;
}

export interface Actor {
  subject: string;
}

/**
 * Turns tasks into booked visits: automatically when a task becomes ready (and
 * again whenever something frees or adds capacity), or as a dispatcher chooses,
 * always under the same hard rules and the database's no-overlap constraint.
 * Every method works in the transaction it is given or opens one: the booking,
 * its rows of time, the decision record and the psa.visit.* event commit together.
 */
@Injectable()
export class AssignmentService {
  private readonly log = new Logger(AssignmentService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly roster: RosterRepository,
    private readonly bookings: BookingWriter,
    private readonly events: VisitEvents,
    private readonly clock: Clock,
    @Inject(SCHEDULING_CONFIG) private readonly config: SchedulingConfig,
  ) {}

  // ---------------------------------------------------------------- task events

  /** A task is ready (or released, or a breakdown came in): book it unless it already is. */
  async taskReady(tx: EntityManager, snapshot: TaskSnapshot): Promise<void> {
    const { task, previous } = await this.keep(tx, snapshot);
    const live = await this.bookings.liveFor(tx, task.taskId);
    if (live) {
      await this.review(tx, task, live, previous, ['ready']);
      return;
    }
    if (isSchedulable(task.status)) await this.placeAndBook(tx, task);
  }

  /** A task's details changed: move its visit if the booking no longer fits it. */
  async taskChanged(tx: EntityManager, snapshot: TaskSnapshot, changes: string[]): Promise<void> {
    if (snapshot.status === 'on_hold') return this.taskStopped(tx, snapshot, `Task on hold: ${snapshot.holdReason ?? 'no reason given'}`);
    if (snapshot.status === 'cancelled') return this.taskStopped(tx, snapshot, 'Task cancelled');
    if (snapshot.status === 'done') return this.taskDone(tx, snapshot);
    const { task, previous } = await this.keep(tx, snapshot);
    if (!isSchedulable(task.status)) return;
    const live = await this.bookings.liveFor(tx, task.taskId);
    if (live) await this.review(tx, task, live, previous, changes);
    else await this.placeAndBook(tx, task);
  }

  /** On hold or cancelled: its visit is called off, and queued work may take the freed time. */
  async taskStopped(tx: EntityManager, snapshot: TaskSnapshot, reason: string): Promise<void> {
    const { task } = await this.keep(tx, snapshot);
    await tx.delete(UnassignedTaskEntity, { taskId: task.taskId });
    const live = await this.bookings.liveFor(tx, task.taskId);
    if (!live) return;
    await this.bookings.end(tx, live, 'cancelled', reason);
    await this.events.cancelled(tx, live, task, reason);
    await this.retryQueue(tx, await this.regionsServedBy(tx, live.engineerIds));
  }

  /**
   * Done. Usually its visit did it (the visit started, then completed) and the
   * booking stays as the record of it. But a task can be done straight from
   * scheduled (the fault fixed remotely, completed by hand): a visit still ahead
   * is then called off as for a cancelled task, and queued work may take the
   * time. One that has begun stays (see visitAlreadyBegun).
   */
  async taskDone(tx: EntityManager, snapshot: TaskSnapshot, completedAt?: string): Promise<void> {
    const { task, previous } = await this.keep(tx, snapshot);
    await tx.delete(UnassignedTaskEntity, { taskId: task.taskId });
    const live = await this.bookings.liveFor(tx, task.taskId);
    if (!live) return;
    const begun = visitAlreadyBegun(bookedVisit(live), previous?.status ?? null, this.clock.now().getTime());
    if (begun) {
      this.log.log({ msg: 'task done; its visit stays', taskId: task.taskId, bookingId: live.id, why: begun });
      return;
    }
    const reason = `Task done before the visit (completed ${completedAt ?? this.clock.now().toISOString()}); the visit is not needed`;
    await this.bookings.end(tx, live, 'cancelled', reason);
    await this.events.cancelled(tx, live, task, reason);
    await this.retryQueue(tx, await this.regionsServedBy(tx, live.engineerIds));
  }

  // ---------------------------------------------------------------- automatic placement

  /** Places the task and books it, trying the next option whenever the database refuses one; queues it otherwise. */
  async placeAndBook(tx: EntityManager, task: SchedulingTaskEntity, existing?: BookingEntity, rescheduleReason?: string): Promise<BookingEntity | null> {
    const toPlace = taskToPlace(task.snapshot);
    let reasons: QueueReason[] = [];
    let decisionId: string | null = null;
    for (let round = 1; round <= BOOKING_ROUNDS; round++) {
      const placement = await this.place(tx, toPlace);
      decisionId = (await this.record(tx, placement.record, 'auto', 'auto', null)).id;
      reasons = placement.record.reasons;
      if (placement.options.length === 0) break;
      let lost = 0;
      for (const option of placement.options) {
        const previous = existing ? VisitEvents.previousOf(existing) : null;
        const result = await this.bookings.book(tx, task.taskId, option, { assignedBy: 'auto', overrideReason: null, decisionId, status: 'proposed', at: this.clock.now() }, existing);
        if (result.ok) {
          await tx.delete(UnassignedTaskEntity, { taskId: task.taskId });
          if (previous) await this.events.rescheduled(tx, result.booking, task, previous, rescheduleReason ?? 'Rescheduled');
          else await this.events.scheduled(tx, result.booking, task);
          return result.booking;
        }
        lost++;
        this.log.log({ msg: 'slot taken while booking; trying the next option', taskId: task.taskId, engineerIds: option.engineerIds, conflict: result.conflict });
      }
      reasons = [{ code: ReasonCode.NOT_FREE, engineers: lost }];
    }
    if (existing) {
      await this.bookings.end(tx, existing, 'cancelled', `${rescheduleReason ?? 'Rescheduled'}; no engineer free any more`);
      await this.events.cancelled(tx, existing, task, `${rescheduleReason ?? 'Rescheduled'}; no engineer free any more`);
    }
    await this.enqueue(tx, task.taskId, reasons, decisionId, true);
    return null;
  }

  /** The decision for one task from the database's current roster and calendars. */
  private async place(tx: EntityManager, toPlace: TaskToPlace, exclude?: (p: EngineerProfile) => boolean): Promise<Placement> {
    const policy = this.config.policy;
    const now = this.clock.now().getTime();
    // One after the other: a transaction is one connection, which runs one query at a time.
    const profiles = await this.roster.profiles(tx);
    const travel = await this.roster.travel(tx);
    const engineers = exclude ? profiles.filter((p) => !exclude(p)) : profiles;
    const window = taskWindow(toPlace, policy, now);
    const screened = engineers.map((e) => screenEngineer(e, toPlace, window, travel, policy));
    const eligible = screened.filter((s) => s.eligible).map((s) => s.profile);
    const calendars = await this.roster.calendars(tx, eligible, window.notBefore - 7 * DAY_MS, window.horizonEnd + 7 * DAY_MS);
    return placeTask({ task: toPlace, engineers, calendars: (id) => calendars.get(id), travel, policy, now, screened });
  }

  /**
   * Tries the queue: tasks that may be retried, in the regions given (all when
   * null), most urgent first. Locked rows are skipped: another transaction is
   * already on them (the queue sweep comes back to any left behind).
   * With `dueBy`, only tasks whose wait since their last attempt is over: the
   * sweep interval after the first attempt, doubling with each further attempt,
   * at most QUEUE_RETRY_MAX_WAIT_SECONDS.
   */
  async retryQueue(tx: EntityManager, regions: string[] | null, due?: { at: Date; waitSeconds: number }): Promise<number> {
    if (this.config.queueRetryLimit === 0 || (regions && regions.length === 0)) return 0;
    const rows: { task_id: string }[] = await tx.query(
      `SELECT u.task_id FROM unassigned_task u JOIN scheduling_task t ON t.task_id = u.task_id
        WHERE u.auto_retry AND ($1::text[] IS NULL OR t.site_region = ANY($1::text[]))
          AND ($3::timestamptz IS NULL
               OR u.last_attempt_at + make_interval(secs => least($4::float8 * power(2, least(u.attempts - 1, 30)), $5::float8)) <= $3::timestamptz)
        ORDER BY COALESCE(t.snapshot->>'priority', 'P9'),
                 COALESCE(t.snapshot->>'dueAt', (t.snapshot->>'dueDate') || 'T23:59:59Z', '9999'),
                 u.queued_at
        LIMIT $2
        FOR UPDATE OF u, t SKIP LOCKED`,
      [regions, this.config.queueRetryLimit, due?.at ?? null, due?.waitSeconds ?? 0, QUEUE_RETRY_MAX_WAIT_SECONDS],
    );
    let placed = 0;
    for (const { task_id } of rows) {
      const task = await tx.findOneByOrFail(SchedulingTaskEntity, { taskId: task_id });
      if (await this.placeAndBook(tx, task)) placed++;
    }
    return placed;
  }

  async regionsServedBy(tx: EntityManager, engineerIds: string[]): Promise<string[]> {
    const rows: { region: string }[] = await tx.query(
      `SELECT home_region AS region FROM engineer WHERE id = ANY($1::uuid[])
       UNION SELECT region FROM engineer_region WHERE engineer_id = ANY($1::uuid[])`,
      [engineerIds],
    );
    return rows.map((r) => r.region);
  }

  // ---------------------------------------------------------------- people's choices

  /** A dispatcher assigns (or reassigns) a task to engineers, under the same rules. */
  assign(taskId: string, input: ManualAssignment, actor: Actor): Promise<{ booking: BookingEntity; decisionId: string; override: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      const task = await this.lockTask(tx, taskId);
      if (!isSchedulable(task.status)) {
        throw new SchedulingException(SchedulingErrorCode.INVALID_STATE, `Task ${taskId} is ${task.status}; only ready work can be assigned`, { status: task.status });
      }
      const existing = await this.bookings.liveFor(tx, taskId);
      const previous = existing ? VisitEvents.previousOf(existing) : null;
      if (existing) await this.bookings.releaseTime(tx, existing.id);

      const toPlace = taskToPlace(task.snapshot);
      const policy = this.config.policy;
      const now = this.clock.now().getTime();
      const members = await this.roster.profiles(tx, input.engineerIds);
      const missing = input.engineerIds.filter((id) => !members.some((m) => m.id === id));
      if (missing.length > 0) throw new SchedulingException(SchedulingErrorCode.ENGINEER_NOT_FOUND, `No engineer ${missing.join(', ')}`);
      const ordered = input.engineerIds.map((id) => members.find((m) => m.id === id)!);
      const window = taskWindow(toPlace, policy, now);
      const calendars = await this.roster.calendars(tx, ordered, window.notBefore - 7 * DAY_MS, Math.max(window.horizonEnd, input.start ? Date.parse(input.start) : 0) + 14 * DAY_MS);
      const travel = await this.roster.travel(tx);
      const check = checkAssignment({
        task: toPlace,
        members: ordered,
        calendars: (id) => calendars.get(id),
        travel,
        policy,
        now,
        start: input.start ? Date.parse(input.start) : null,
      });
      if (!check.ok || !check.option) {
        const taken = check.violations.find((v) => v.conflict && v.conflict.kind === 'booking');
        if (taken) {
          const conflict = await this.bookings.conflictWith(tx, [taken.engineerId!], [`[${new Date(taken.conflict!.start).toISOString()},${new Date(taken.conflict!.end).toISOString()})`]);
          throw slotTaken(conflict, check.violations);
        }
        throw new SchedulingException(SchedulingErrorCode.RULES_VIOLATED, `The choice breaks ${check.violations.map((v) => v.code).join(', ')}`, { violations: check.violations });
      }

      const recommended = await this.place(tx, toPlace);
      const best = recommended.options[0];
      const override = !best || !sameVisit(best, check.option);
      if (override && !input.overrideReason) {
        throw new SchedulingException(
          SchedulingErrorCode.OVERRIDE_REASON_REQUIRED,
          'The assigner would choose otherwise; give an overrideReason to overrule its preferences',
          { recommended: recommended.record.chosen },
        );
      }
      const record: DecisionRecord & { manual: object } = {
        ...recommended.record,
        manual: {
          chosen: optionView(check.option),
          candidates: check.candidates,
          override,
          overrideReason: input.overrideReason,
          by: actor.subject,
        },
      };
      const decision = await this.record(tx, record, 'manual', actor.subject, input.overrideReason, 'assigned');
      const result = await this.bookings.book(
        tx,
        taskId,
        check.option,
        { assignedBy: actor.subject, overrideReason: input.overrideReason, decisionId: decision.id, status: 'proposed', at: this.clock.now() },
        existing ?? undefined,
      );
      if (!result.ok) throw slotTaken(result.conflict, []);
      await tx.delete(UnassignedTaskEntity, { taskId });
      if (previous) {
        await this.events.rescheduled(tx, result.booking, task, previous, input.overrideReason ? `Reassigned: ${input.overrideReason}` : 'Reassigned by a dispatcher');
        await this.retryQueue(tx, await this.regionsServedBy(tx, previous.engineerIds.filter((id) => !result.booking.engineerIds.includes(id))));
      } else {
        await this.events.scheduled(tx, result.booking, task);
      }
      return { booking: result.booking, decisionId: decision.id, override };
    });
  }

  /** Places a task now, as the assigner would (a queued task, or one a dispatcher unassigned). */
  autoAssign(taskId: string): Promise<BookingEntity | null> {
    return this.dataSource.transaction(async (tx) => {
      const task = await this.lockTask(tx, taskId);
      if (!isSchedulable(task.status)) {
        throw new SchedulingException(SchedulingErrorCode.INVALID_STATE, `Task ${taskId} is ${task.status}; only ready work can be assigned`, { status: task.status });
      }
      const live = await this.bookings.liveFor(tx, taskId);
      if (live) throw new SchedulingException(SchedulingErrorCode.INVALID_STATE, `Task ${taskId} is already booked (booking ${live.id}); reassign it instead`, { bookingId: live.id });
      return this.placeAndBook(tx, task);
    });
  }

  /** A dispatcher takes a task off its engineers: it waits in the queue for a person; the freed time goes to queued work. */
  unassign(bookingId: string, reason: string, actor: Actor): Promise<BookingEntity> {
    return this.endBooking(bookingId, 'cancelled', `Unassigned by ${actor.subject}: ${reason}`, ReasonCode.UNASSIGNED_BY_DISPATCHER, null);
  }

  /** The customer (or the dispatcher for them) declines a proposed visit. */
  decline(bookingId: string, reason: string, customerScope: string | null): Promise<BookingEntity> {
    return this.endBooking(bookingId, 'declined', `Declined by the customer: ${reason}`, ReasonCode.DECLINED_BY_CUSTOMER, customerScope);
  }

  /** The customer (or the dispatcher for them) confirms a proposed visit. */
  confirm(bookingId: string, customerScope: string | null): Promise<BookingEntity> {
    return this.dataSource.transaction(async (tx) => {
      const { booking, task } = await this.lockBooking(tx, bookingId, customerScope);
      if (booking.status === 'confirmed') return booking;
      if (booking.status !== 'proposed') {
        throw new SchedulingException(SchedulingErrorCode.INVALID_STATE, `Booking ${bookingId} is ${booking.status}`, { status: booking.status });
      }
      booking.status = 'confirmed';
      booking.confirmedAt = this.clock.now();
      const saved = await tx.save(BookingEntity, booking);
      await tx.query(`UPDATE engineer_time SET status = 'confirmed' WHERE booking_id = $1 AND status = 'proposed'`, [bookingId]);
      await this.events.scheduled(tx, saved, task);
      return saved;
    });
  }

  /**
   * Visits of an engineer that must move (leave over them, engineer switched
   * off): their time is freed, `meanwhile` runs (e.g. the leave is written), then
   * each is placed again under the rules as they now stand, or cancelled and queued.
   */
  async displace(
    tx: EntityManager,
    engineerId: string,
    range: { from: Date; to: Date | null },
    reason: string,
    meanwhile: () => Promise<void> = async () => undefined,
  ): Promise<BookingEntity[]> {
    let query = tx
      .createQueryBuilder(BookingEntity, 'b')
      .where(`b.status IN ('proposed', 'confirmed')`)
      .andWhere(`b.engineer_ids ? :engineerId`, { engineerId })
      .andWhere('b.ends_at > :from', { from: range.from });
    if (range.to) query = query.andWhere('b.starts_at < :to', { to: range.to });
    const affected = await query.orderBy('b.starts_at').setLock('pessimistic_write').getMany();
    for (const booking of affected) await this.bookings.releaseTime(tx, booking.id);
    await meanwhile();
    for (const booking of affected) {
      const task = await this.lockTask(tx, booking.taskId);
      await this.placeAndBook(tx, task, booking, reason);
    }
    return affected;
  }

  /**
   * Bookings of an engineer that overlap a stretch of time. Needs no index of its own: PostgreSQL
   * turns the EXISTS into a lookup of the engineer's time in the stretch (the exclusion constraint's
   * GiST index on engineer and period, live rows only), then reads those bookings by key.
   */
  async bookingsOverlapping(tx: EntityManager, engineerId: string, from: Date, to: Date): Promise<BookingEntity[]> {
    return tx
      .createQueryBuilder(BookingEntity, 'b')
      .where(`b.status IN ('proposed', 'confirmed')`)
      .andWhere(`EXISTS (SELECT 1 FROM engineer_time t WHERE t.booking_id = b.id AND t.engineer_id = :engineerId AND t.status <> 'cancelled' AND t.period && tstzrange(:from, :to))`, { engineerId, from, to })
      .orderBy('b.starts_at')
      .getMany();
  }

  // ---------------------------------------------------------------- helpers

  private async endBooking(bookingId: string, status: 'cancelled' | 'declined', reason: string, queueCode: ReasonCode, customerScope: string | null): Promise<BookingEntity> {
    return this.dataSource.transaction(async (tx) => {
      const { booking, task } = await this.lockBooking(tx, bookingId, customerScope);
      if (booking.status !== 'proposed' && !(status === 'cancelled' && booking.status === 'confirmed')) {
        throw new SchedulingException(SchedulingErrorCode.INVALID_STATE, `Booking ${bookingId} is ${booking.status}`, { status: booking.status });
      }
      const ended = await this.bookings.end(tx, booking, status, reason);
      await this.events.cancelled(tx, ended, task, reason);
      await this.enqueue(tx, task.taskId, [{ code: queueCode, engineers: 0 }], null, false);
      await this.retryQueue(tx, await this.regionsServedBy(tx, booking.engineerIds));
      return ended;
    });
  }

  private async lockBooking(tx: EntityManager, bookingId: string, customerScope: string | null): Promise<{ booking: BookingEntity; task: SchedulingTaskEntity }> {
    const found = await tx.findOneBy(BookingEntity, { id: bookingId });
    if (!found) throw new SchedulingException(SchedulingErrorCode.BOOKING_NOT_FOUND, `No booking ${bookingId}`);
    const task = await this.lockTask(tx, found.taskId);
    if (customerScope && task.customerId !== customerScope) throw new SchedulingException(SchedulingErrorCode.BOOKING_NOT_FOUND, `No booking ${bookingId}`);
    const booking = await tx.findOne(BookingEntity, { where: { id: bookingId }, lock: { mode: 'pessimistic_write' } });
    return { booking: booking!, task };
  }

  async lockTask(tx: EntityManager, taskId: string): Promise<SchedulingTaskEntity> {
    const task = await tx.findOne(SchedulingTaskEntity, { where: { taskId }, lock: { mode: 'pessimistic_write' } });
    if (!task) throw new SchedulingException(SchedulingErrorCode.TASK_NOT_FOUND, `No task ${taskId} (scheduling learns tasks from psa.task.* events)`);
    return task;
  }

  /** Keeps the latest snapshot of a task (locked for the rest of the transaction) and returns the one before. */
  private async keep(tx: EntityManager, snapshot: TaskSnapshot): Promise<{ task: SchedulingTaskEntity; previous: TaskSnapshot | null }> {
    const existing = await tx.findOne(SchedulingTaskEntity, { where: { taskId: snapshot.taskId }, lock: { mode: 'pessimistic_write' } });
    const fields = {
      taskId: snapshot.taskId,
      projectId: snapshot.projectId ?? null,
      serviceRequestId: snapshot.serviceRequestId ?? null,
      customerId: snapshot.customerId,
      siteRegion: snapshot.site?.region ?? null,
      status: snapshot.status,
      snapshot,
    };
    if (existing) {
      const previous = existing.snapshot;
      Object.assign(existing, fields);
      return { task: await tx.save(SchedulingTaskEntity, existing), previous };
    }
    await tx.createQueryBuilder().insert().into(SchedulingTaskEntity).values(fields).orIgnore().execute();
    return { task: await tx.findOneOrFail(SchedulingTaskEntity, { where: { taskId: snapshot.taskId }, lock: { mode: 'pessimistic_write' } }), previous: null };
  }

  /** Whether a booked visit still does for the task as it now stands; if not, it is placed again. */
  private async review(tx: EntityManager, task: SchedulingTaskEntity, booking: BookingEntity, previous: TaskSnapshot | null, changes: string[]): Promise<void> {
    const why = bookingNoLongerFits(taskToPlace(task.snapshot), previous ? taskToPlace(previous) : null, bookedVisit(booking), this.config.policy);
    if (why.length === 0) return;
    const reason = `Task changed (${changes.join(', ') || 'details'}): ${why.join('; ')}`;
    await this.bookings.releaseTime(tx, booking.id);
    await this.placeAndBook(tx, task, booking, reason);
  }

  private async enqueue(tx: EntityManager, taskId: string, reasons: QueueReason[], decisionId: string | null, autoRetry: boolean): Promise<void> {
    const now = this.clock.now();
    await tx.query(
      `INSERT INTO unassigned_task (task_id, reasons, auto_retry, attempts, last_decision_id, queued_at, last_attempt_at)
       VALUES ($1, $2, $3, 1, $4, $5, $5)
       ON CONFLICT (task_id) DO UPDATE SET reasons = EXCLUDED.reasons, auto_retry = EXCLUDED.auto_retry,
         attempts = unassigned_task.attempts + 1, last_decision_id = COALESCE(EXCLUDED.last_decision_id, unassigned_task.last_decision_id),
         last_attempt_at = EXCLUDED.last_attempt_at`,
      [taskId, JSON.stringify(reasons), autoRetry, decisionId, now],
    );
  }

  private record(tx: EntityManager, record: DecisionRecord, kind: DecisionKind, actor: string, overrideReason: string | null, outcome?: string): Promise<AssignmentDecisionEntity> {
    return tx.save(
      AssignmentDecisionEntity,
      tx.create(AssignmentDecisionEntity, {
        taskId: record.taskId,
        kind,
        outcome: outcome ?? record.outcome,
        actor,
        overrideReason,
        record,
        decidedAt: this.clock.now(),
      }),
    );
  }
}

function bookedVisit(booking: BookingEntity) {
  return { engineerIds: booking.engineerIds, segments: booking.segments.map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end) })) };
}

function sameVisit(a: VisitOption, b: VisitOption): boolean {
  return a.segments[0].start === b.segments[0].start && a.engineerIds.length === b.engineerIds.length && a.engineerIds.every((id) => b.engineerIds.includes(id));
}

function slotTaken(conflict: TimeConflict | null, violations: unknown[]): SchedulingException {
  const what = conflict ? `${conflict.kind}${conflict.bookingId ? ` ${conflict.bookingId}` : ''} of engineer ${conflict.engineerId}, ${conflict.start}–${conflict.end}` : 'another booking';
  return new SchedulingException(SchedulingErrorCode.SLOT_TAKEN, `The slot is taken: it overlaps ${what}`, { conflict, ...(violations.length ? { violations } : {}) });
}
