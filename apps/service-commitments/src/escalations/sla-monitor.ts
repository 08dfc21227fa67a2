import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, In, LessThan, type EntityManager } from 'typeorm';
import { Topics } from '#contracts';
import { hashKey, Outbox } from '#messaging';
import { Clock, SERVICE_CONFIG, type ServiceConfig } from '#platform';
import { addDays, dateOf } from '../equipment/domain/calendar-dates.js';
import { TaskEntity } from '../projects/task.entity.js';
import { lastEventOf, restoreClock, siteDate, siteTimeZone } from '../service-requests/domain/request-clock.js';
import { ServiceRequestEntity } from '../service-requests/service-request.entity.js';
import { escalationsDue, nextEscalationAt, type EscalationLevel } from '../sla/domain/escalation.js';
import { composeNotification, initialDelivery, isDeliverable, MAX_DELIVERY_ATTEMPTS, routeEscalation } from './domain/escalation-routing.js';
import { OVERDUE_TRIGGER, overdueEscalationsDue, overdueStepOffsets } from './domain/overdue-tasks.js';
import { toEscalationView, type EscalationView } from './dto/escalation.view.js';
import { ESCALATION_CONFIG, type EscalationConfig } from './escalation.config.js';
import { EscalationEntity, type EscalationSubjectKind, type EscalationTarget, type EscalationTriggerKind } from './escalation.entity.js';
import { EscalationsService } from './escalations.service.js';
import { NotificationDelivery } from './notification-delivery.js';
import { NotificationEntity } from './notification.entity.js';

/** Service requests read per query; a run goes on reading until none is due. */
const SERVICE_REQUEST_BATCH = 200;
/** Overdue tasks read per query; a run goes on reading until none has a step due. */
const OVERDUE_BATCH = 500;
/** Webhook notifications (re)tried per run. */
const DELIVERY_BATCH = 100;
/** How long an evaluation asked for waits for one under way elsewhere. */
const WAIT_FOR_RUN_MS = 120_000;

export interface EvaluationReport {
  evaluatedAt: string;
  /** Requests with a step due by their `next_sla_check_at`, looked at in this run. */
  serviceRequestsChecked: number;
  tasksChecked: number;
  raised: EscalationView[];
  notifications: { sent: number; failed: number };
  /** Subjects that could not be evaluated this time (they are tried again next time). */
  errors: { subject: { kind: EscalationSubjectKind; id: string }; message: string }[];
}

interface Subject {
  kind: EscalationSubjectKind;
  id: string;
  customerId: string;
  projectId: string | null;
  serialNumber: string | null;
  /** Who is warned at the owner level; the service desk when null. */
  owner: string | null;
  /** For people: what is escalated. */
  title: string;
}

interface Step {
  level: EscalationLevel;
  target: EscalationTarget;
  trigger: EscalationTriggerKind;
  reason: string;
}

/**
 * Watches open service requests' SLA clocks and tasks' due dates, and raises
 * escalations up the chain: each step stored once, announced as
 * `psa.escalation.raised.v1` and notified, in one transaction per subject.
 *
 * One instance evaluates at a time (a transaction-scoped advisory lock), and the
 * escalation table's unique key on (subject, level, target, trigger) is the final
 * guard against a step being raised twice.
 */
@Injectable()
export class SlaMonitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SlaMonitor.name);
  private readonly lockKey: number;
  private timer?: NodeJS.Timeout;
  /** Runs in this process, one after the other. */
  private queue: Promise<unknown> = Promise.resolve();
  private backgroundRunPending = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly delivery: NotificationDelivery,
    private readonly escalations: EscalationsService,
    @Inject(ESCALATION_CONFIG) private readonly config: EscalationConfig,
    @Inject(SERVICE_CONFIG) service: ServiceConfig,
  ) {
    this.lockKey = hashKey(`sla-monitor:${service.serviceName}`);
  }

  onApplicationBootstrap(): void {
    if (this.config.evaluationIntervalMs <= 0) return;
    this.timer = setInterval(() => void this.evaluateInBackground(), this.config.evaluationIntervalMs);
    this.timer.unref();
  }

  /** Before the database goes away: no new runs, and the one under way finishes. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.queue.catch(() => undefined);
  }

  /**
   * Evaluates now (by default the clock's time once the lock is held), waiting for
   * a run under way here or on another instance to finish first.
   */
  evaluate(now?: Date): Promise<EvaluationReport> {
    return this.serialized(async () => (await this.underLock('wait', () => this.evaluateHoldingLock(now ?? this.clock.now())))!);
  }

  /** The periodic run: skipped when another instance is evaluating or a run here is still queued. */
  private async evaluateInBackground(): Promise<void> {
    if (this.backgroundRunPending) return;
    this.backgroundRunPending = true;
    try {
      const report = await this.serialized(() => this.underLock('skip', () => this.evaluateHoldingLock(this.clock.now())));
      if (report && (report.raised.length > 0 || report.errors.length > 0)) {
        this.logger.log({ msg: 'SLA evaluation', raised: report.raised.length, errors: report.errors.length, notifications: report.notifications });
      }
    } catch (error) {
      this.logger.error({ msg: 'SLA evaluation failed; trying again next interval', error: (error as Error).message });
    } finally {
      this.backgroundRunPending = false;
    }
  }

  private serialized<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(run);
    this.queue = next;
    return next;
  }

  /** Holds the advisory lock in a transaction of its own for the length of the run; PostgreSQL frees it if this instance dies. */
  private async underLock<T>(mode: 'wait' | 'skip', run: () => Promise<T>): Promise<T | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      if (mode === 'wait') {
        // A caller waits for a run under way, not for one that hangs.
        await runner.query(`SET LOCAL lock_timeout = '${WAIT_FOR_RUN_MS}ms'`);
        await runner.query('SELECT pg_advisory_xact_lock($1)', [this.lockKey]);
      } else {
        const [{ locked }] = await runner.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [this.lockKey]);
        if (!locked) {
          await runner.rollbackTransaction();
          return null;
        }
      }
      try {
        return await run();
      } finally {
        // Nothing was written in this transaction: committing only lets go of the lock.
        await runner.commitTransaction().catch(() => undefined);
      }
    } finally {
      // A lock wait that timed out leaves the transaction aborted; never pool a connection like that.
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  private async evaluateHoldingLock(now: Date): Promise<EvaluationReport> {
    const report: EvaluationReport = {
      evaluatedAt: now.toISOString(),
      serviceRequestsChecked: 0,
      tasksChecked: 0,
      raised: [],
      notifications: { sent: 0, failed: 0 },
      errors: [],
    };
    for await (const id of this.serviceRequestsDue(now)) {
      await this.guarded(report, { kind: 'service_request', id }, () => this.evaluateServiceRequest(id, now, report));
      report.serviceRequestsChecked++;
    }
    for await (const id of this.overdueTasksDue(now)) {
      await this.guarded(report, { kind: 'task', id }, () => this.evaluateTask(id, now, report));
      report.tasksChecked++;
    }
    await this.deliverNotifications(report);
    return report;
  }

  /** One bad subject must not stop the others from being escalated. */
  private async guarded(report: EvaluationReport, subject: EvaluationReport['errors'][number]['subject'], run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.logger.error({ msg: 'could not evaluate escalations', subject, error: (error as Error).message });
      report.errors.push({ subject, message: (error as Error).message });
    }
  }

  /**
   * Requests whose next SLA step is due by `now`, most overdue first, a batch at a time until
   * none is left: a backlog drains in one run. Only these can have a step to raise: the instant
   * is `nextEscalationAt` (the first at which `escalationsDue` has one), kept with the request
   * wherever its clock or its raised steps change, so the requests in between, on hold or
   * fully escalated are never read. Each is read once per run, after the last one read (by
   * instant, then id): one whose instant does not move on (it failed, or changed after `now`)
   * waits for the next run instead of being read again.
   */
  private async *serviceRequestsDue(now: Date): AsyncGenerator<string> {
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const batch: { id: string; at: string }[] = await this.dataSource.query(
        `SELECT id, next_sla_check_at::text AS at FROM service_request
          WHERE next_sla_check_at <= $1 ${after ? 'AND (next_sla_check_at, id) > ($3::timestamptz, $4::uuid)' : ''}
          ORDER BY next_sla_check_at, id LIMIT $2`,
        after ? [now, SERVICE_REQUEST_BATCH, after.at, after.id] : [now, SERVICE_REQUEST_BATCH],
      );
      for (const row of batch) yield row.id;
      if (batch.length < SERVICE_REQUEST_BATCH) return;
      after = batch[batch.length - 1];
    }
  }

  private async evaluateServiceRequest(id: string, now: Date, report: EvaluationReport): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const request = await tx.findOne(ServiceRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!request) return;
      if (request.status === 'resolved') return this.nextCheck(tx, id, null);
      const clock = restoreClock(request.slaClock, request.slaCoverage);
      // A request changed after `now` (a lagging clock elsewhere) is judged on the next run.
      if (now.getTime() < lastEventOf(clock).getTime()) return;
      const already = await this.escalations.slaStepsRaised(tx, id);
      const steps = escalationsDue(clock.status(now), already, now);
      // Later than `now` (or none) once this run's steps are raised, so the request drops out of the runs until then.
      await this.nextCheck(tx, id, nextEscalationAt(clock, [...already, ...steps], now));
      if (steps.length === 0) return;
      const task = await tx.findOne(TaskEntity, { where: { serviceRequestId: id }, select: { id: true, owner: true } });
      const subject: Subject = {
        kind: 'service_request',
        id,
        customerId: request.customerId,
        projectId: request.projectId,
        serialNumber: request.serialNumber,
        owner: task?.owner ?? null,
        title: `Service request ${id} (${request.priority}) on ${request.serialNumber}`,
      };
      for (const step of steps) await this.raise(tx, subject, step, now, report);
    });
  }

  /** A plain update: the request itself did not change, so neither does its `updated_at`. */
  private async nextCheck(tx: EntityManager, id: string, at: Date | null): Promise<void> {
    await tx.query(`UPDATE service_request SET next_sla_check_at = $2 WHERE id = $1`, [id, at]);
  }

  /**
   * Open tasks with a step of the overdue chain due, earliest due date first, a batch at a
   * time until none is left. A step is due once the site's today reaches the due date plus
   * its offset and it was not raised yet; no site is a day ahead of UTC, so UTC's tomorrow
   * is the latest today anywhere. Tasks escalated as far as their lateness goes are not
   * read, however many there are, so they cannot keep newer overdue work from being seen.
   * Each is read once per run, after the last one read (by due date, then id).
   */
  private async *overdueTasksDue(now: Date): AsyncGenerator<string> {
    const latestSiteToday = addDays(dateOf(now), 1);
    const steps = overdueStepOffsets();
    const batchSize = this.config.overdueBatchSize ?? OVERDUE_BATCH;
    let after: { dueDate: string; id: string } | null = null;
    for (;;) {
      const rows: { id: string; due_date: string }[] = await this.dataSource.query(
        `SELECT t.id, to_char(t.due_date, 'YYYY-MM-DD') AS due_date FROM task t
          WHERE t.status NOT IN ('done', 'cancelled') AND t.due_date IS NOT NULL AND t.due_date < $1::date
            AND t.service_request_id IS NULL
            AND ($5::date IS NULL OR (t.due_date, t.id) > ($5::date, $6::uuid))
            AND EXISTS (
              SELECT 1 FROM unnest($2::text[], $3::int[]) AS step(level, days_after_due_date)
               WHERE t.due_date + step.days_after_due_date <= $1::date
                 AND NOT EXISTS (SELECT 1 FROM escalation e WHERE e.subject_id = t.id AND e.level = step.level AND e.trigger = $4))
          ORDER BY t.due_date, t.id LIMIT $7`,
        [latestSiteToday, steps.map((s) => s.level), steps.map((s) => s.daysAfterDueDate), OVERDUE_TRIGGER, after?.dueDate ?? null, after?.id ?? null, batchSize],
      );
      for (const row of rows) yield row.id;
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1];
      after = { dueDate: last.due_date, id: last.id };
    }
  }

  /**
   * Breakdown tasks are left out above: their request's SLA clock escalates them,
   * and a due date derived from the same deadline would only say it twice.
   */
  private async evaluateTask(id: string, now: Date, report: EvaluationReport): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const task = await tx.findOne(TaskEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!task) return;
      const [site]: { timezone: string | null; order_id: string | null }[] = task.projectId
        ? await tx.query(`SELECT site->>'timezone' AS timezone, order_id FROM service_project WHERE id = $1`, [task.projectId])
        : [];
      const today = siteDate(now, siteTimeZone(site?.timezone));
      const raised = await tx.find(EscalationEntity, { where: { subjectId: id, trigger: OVERDUE_TRIGGER }, select: { level: true } });
      const steps = overdueEscalationsDue(task, today, raised.map((e) => e.level));
      if (steps.length === 0) return;
      const subject: Subject = {
        kind: 'task',
        id,
        customerId: task.customerId,
        projectId: task.projectId,
        serialNumber: task.serialNumber,
        owner: task.owner,
        title: `Task '${task.name}'${site?.order_id ? ` of order ${site.order_id}` : ''}`,
      };
      for (const step of steps) await this.raise(tx, subject, step, now, report);
    });
  }

  /** Stores one step, announces it and writes its notification; a step already stored is left alone. */
  private async raise(tx: EntityManager, subject: Subject, step: Step, now: Date, report: EvaluationReport): Promise<void> {
    const route = routeEscalation(step.level, subject.owner, this.config);
    const inserted: { id: string }[] = await tx.query(
      `INSERT INTO escalation (subject_kind, subject_id, customer_id, level, target, trigger, reason, recipient, raised_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (subject_id, level, target, trigger) DO NOTHING RETURNING id`,
      [subject.kind, subject.id, subject.customerId, step.level, step.target, step.trigger, step.reason, route.recipient, now],
    );
    if (inserted.length === 0) return;
    const escalation = await tx.findOneByOrFail(EscalationEntity, { id: inserted[0].id });

    await this.outbox.add(tx, {
      topic: Topics.serviceProjects,
      key: subject.projectId ?? subject.serialNumber ?? subject.id,
      type: 'psa.escalation.raised.v1',
      subject: subject.id,
      data: {
        escalationId: escalation.id,
        subject: { kind: subject.kind, id: subject.id },
        customerId: subject.customerId,
        projectId: subject.projectId,
        serialNumber: subject.serialNumber,
        level: escalation.level,
        target: escalation.target,
        trigger: escalation.trigger,
        reason: escalation.reason,
        recipient: escalation.recipient,
        raisedAt: escalation.raisedAt.toISOString(),
      },
    });

    const message = composeNotification({ ...step, customerId: subject.customerId, raisedAt: now, subjectTitle: subject.title });
    const delivery = initialDelivery(route.channel);
    await tx.insert(NotificationEntity, {
      escalationId: escalation.id,
      recipient: route.recipient,
      channel: route.channel,
      destination: route.destination,
      subject: message.subject,
      body: message.body,
      status: delivery.status,
      attempts: 0,
      lastError: delivery.lastError,
      sentAt: null,
    });
    report.raised.push(toEscalationView(escalation));
  }

  /** Webhooks are called after their escalation committed; failures are tried again next run, up to the cap. */
  private async deliverNotifications(report: EvaluationReport): Promise<void> {
    const due = await this.dataSource.manager.find(NotificationEntity, {
      where: { channel: 'webhook', status: In(['pending', 'failed']), attempts: LessThan(MAX_DELIVERY_ATTEMPTS) },
      relations: { escalation: true },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: DELIVERY_BATCH,
    });
    for (const notification of due.filter(isDeliverable)) {
      const outcome = await this.delivery.deliver(notification, notification.escalation);
      const attempts = notification.attempts + 1;
      if (outcome.ok) {
        await this.dataSource.manager.update(NotificationEntity, { id: notification.id }, { status: 'sent', attempts, lastError: null, sentAt: this.clock.now() });
        report.notifications.sent++;
      } else {
        const lastError = attempts >= MAX_DELIVERY_ATTEMPTS ? `${outcome.error}; gave up after ${attempts} attempts` : outcome.error;
        await this.dataSource.manager.update(NotificationEntity, { id: notification.id }, { status: 'failed', attempts, lastError });
        report.notifications.failed++;
        this.logger.warn({ msg: 'escalation notification not delivered', notificationId: notification.id, attempts, error: outcome.error });
      }
    }
  }
}
