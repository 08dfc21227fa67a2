import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '#platform';
import { CommitmentEntity } from '../projects/commitment.entity.js';
import { TaskEntity } from '../projects/task.entity.js';
import { toTaskView, type TaskView } from '../projects/dto/project.view.js';
import { EquipmentService } from '../equipment/equipment.service.js';
import { dateOf } from '../equipment/domain/calendar-dates.js';
import { TaskTransitionError, type HoldReason } from './domain/task-transitions.js';
import { TaskLifecycle } from './task-lifecycle.js';
import { TaskReadiness } from './task-readiness.js';
import { TaskActivityEntity } from './task-activity.entity.js';
import { activitiesBetween, taskStateOf, type TaskActivityAction, type TaskActivityEntry } from './domain/task-activity.js';

/** Who acts on a task by hand: the caller's subject and display name. */
export interface Actor {
  subject: string;
  name: string | null;
}

export interface TaskActivityView {
  taskId: string;
  /** Oldest first. */
  items: {
    at: string;
    actor: string;
    actorName: string | null;
    action: TaskActivityAction;
    /** The owner or status before. */
    from: string | null;
    /** The owner or status after. */
    to: string | null;
    note: string | null;
  }[];
}

/** What service managers (and, later, field-execution's events) do to tasks. */

/** How far ahead of this service's clock a completion may be dated (the caller's clock may run a little ahead). */
const COMPLETION_CLOCK_SKEW_MS = 5 * 60_000;
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: TaskLifecycle,
    private readonly readiness: TaskReadiness,
    private readonly equipment: EquipmentService,
    private readonly clock: Clock,
  ) {}

  hold(id: string, reason: HoldReason, note: string | null, scope: string | null, by: Actor): Promise<TaskView> {
    return this.act(id, scope, by, (tx, task) => this.lifecycle.hold(tx, task, reason, note));
  }

  release(id: string, scope: string | null, by: Actor): Promise<TaskView> {
    return this.act(id, scope, by, (tx, task) => this.lifecycle.release(tx, task));
  }

  start(id: string, scope: string | null, by: Actor): Promise<TaskView> {
    return this.act(id, scope, by, (tx, task) => this.lifecycle.start(tx, task));
  }

  /** Assign, reassign or clear (null) who owns the task. */
  assignOwner(id: string, owner: string | null, scope: string | null, by: Actor): Promise<TaskView> {
    return this.act(id, scope, by, async (tx, task) => {
      await this.lifecycle.assignOwner(tx, task, owner);
    });
  }

  complete(id: string, completedAt: Date | null, scope: string | null, by: Actor): Promise<TaskView> {
    const now = this.clock.now();
    // Work is recorded done when it was done, not ahead of now (a few minutes of clock drift allowed): a date in
    // the future would start warranty and free the work that waits for it before anything happened.
    if (completedAt && completedAt.getTime() > now.getTime() + COMPLETION_CLOCK_SKEW_MS) {
      throw new BadRequestException({ message: `completedAt ${completedAt.toISOString()} is in the future (now ${now.toISOString()})` });
    }
    return this.act(id, scope, by, (tx, task) => this.completeTask(tx, task, completedAt ?? now));
  }

  /** Who did what to a task by hand, oldest first; 404 for a task not there (or another customer's). */
  async activity(id: string, scope: string | null): Promise<TaskActivityView> {
    const task = await this.dataSource.getRepository(TaskEntity).findOne({ where: { id }, select: { id: true, customerId: true } });
    if (!task || (scope && task.customerId !== scope)) throw new NotFoundException({ message: `No task ${id}` });
    const rows = await this.dataSource.getRepository(TaskActivityEntity).find({ where: { taskId: id }, order: { id: 'ASC' } });
    return {
      taskId: id,
      items: rows.map((row) => ({
        at: row.at.toISOString(),
        actor: row.actor,
        actorName: row.actorName,
        action: row.action,
        from: row.fromValue,
        to: row.toValue,
        note: row.note,
      })),
    };
  }

  /** Done: the commitment follows; a finished installation starts warranty and frees the work that waited for it. */
  async completeTask(tx: EntityManager, task: TaskEntity, at: Date, followUpTaskId: string | null = null): Promise<void> {
    await this.lifecycle.complete(tx, task, at, followUpTaskId);
    if (!task.commitmentId) return;
    const commitment = await tx.findOneByOrFail(CommitmentEntity, { id: task.commitmentId });
    if (commitment.status !== 'done' || !commitment.serialNumber) return;
    if (commitment.kind === 'installation') await this.equipment.onInstallationDone(tx, commitment.serialNumber, dateOf(at));
    await this.readiness.onPrerequisiteDone(tx, commitment.projectId, commitment.serialNumber, dateOf(at));
  }

  /** A support visit the customer calls off. */
  async callOff(commitmentId: string, requestedDate: string | null, scope: string | null, by: Actor): Promise<TaskView[]> {
    return this.dataSource.transaction(async (tx) => {
      const commitment = await tx.findOne(CommitmentEntity, { where: { id: commitmentId }, lock: { mode: 'pessimistic_write' } });
      if (!commitment || (scope && !(await this.belongsTo(tx, commitment.projectId, scope)))) {
        throw new NotFoundException({ message: `No commitment ${commitmentId}` });
      }
      if (commitment.templateSnapshot.startsOn !== 'call_off') {
        throw new BadRequestException({ message: `Commitment ${commitmentId} (${commitment.sku}) is not called off by the customer; it starts on ${commitment.templateSnapshot.startsOn}` });
      }
      if (commitment.status !== 'promised') {
        throw new ConflictException({ message: `Commitment ${commitmentId} was already called off (it is ${commitment.status.replace('_', ' ')})` });
      }
      const before = new Map((await tx.find(TaskEntity, { where: { commitmentId: commitment.id } })).map((t) => [t.id, taskStateOf(t)]));
      const tasks = await this.readiness.callOff(tx, commitment, requestedDate);
      for (const task of tasks) {
        await this.record(tx, task, by, activitiesBetween(before.get(task.id)!, task, 'called_off', requestedDate ? `requested for ${requestedDate}` : null));
      }
      return tasks.map(toTaskView);
    });
  }

  private async act(id: string, scope: string | null, by: Actor, action: (tx: EntityManager, task: TaskEntity) => Promise<void>): Promise<TaskView> {
    return this.dataSource.transaction(async (tx) => {
      const task = await tx.findOne(TaskEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!task || (scope && task.customerId !== scope)) throw new NotFoundException({ message: `No task ${id}` });
      const before = taskStateOf(task);
      try {
        await action(tx, task);
      } catch (error) {
        if (error instanceof TaskTransitionError) throw new ConflictException({ message: error.message, status: task.status });
        throw error;
      }
      await this.record(tx, task, by, activitiesBetween(before, task));
      return toTaskView(task);
    });
  }

  /** Writes the task's activity in the action's transaction: it is there exactly when the change is. */
  private async record(tx: EntityManager, task: TaskEntity, by: Actor, entries: TaskActivityEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const at = this.clock.now();
    await tx.getRepository(TaskActivityEntity).insert(
      entries.map((entry) => ({ taskId: task.id, at, actor: by.subject, actorName: by.name, action: entry.action, fromValue: entry.from, toValue: entry.to, note: entry.note })),
    );
  }

  private async belongsTo(tx: EntityManager, projectId: string, customerId: string): Promise<boolean> {
    const [row] = await tx.query('SELECT 1 FROM service_project WHERE id = $1 AND customer_id = $2', [projectId, customerId]);
    return !!row;
  }
}
