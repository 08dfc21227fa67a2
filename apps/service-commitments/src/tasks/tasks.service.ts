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

/** What service managers (and, later, field-execution's events) do to tasks. */
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: TaskLifecycle,
    private readonly readiness: TaskReadiness,
    private readonly equipment: EquipmentService,
    private readonly clock: Clock,
  ) {}

  hold(id: string, reason: HoldReason, note: string | null, scope: string | null): Promise<TaskView> {
    return this.act(id, scope, (tx, task) => this.lifecycle.hold(tx, task, reason, note));
  }

  release(id: string, scope: string | null): Promise<TaskView> {
    return this.act(id, scope, (tx, task) => this.lifecycle.release(tx, task));
  }

  start(id: string, scope: string | null): Promise<TaskView> {
    return this.act(id, scope, (tx, task) => this.lifecycle.start(tx, task));
  }

  /** Assign, reassign or clear (null) who owns the task. */
  assignOwner(id: string, owner: string | null, scope: string | null): Promise<TaskView> {
    return this.act(id, scope, async (tx, task) => {
      await this.lifecycle.assignOwner(tx, task, owner);
    });
  }

  complete(id: string, completedAt: Date | null, scope: string | null): Promise<TaskView> {
    return this.act(id, scope, (tx, task) => this.completeTask(tx, task, completedAt ?? this.clock.now()));
  }

  /** Done: the commitment follows; a finished installation starts warranty and frees the work that waited for it. */
  async completeTask(tx: EntityManager, task: TaskEntity, at: Date): Promise<void> {
    await this.lifecycle.complete(tx, task, at);
    if (!task.commitmentId) return;
    const commitment = await tx.findOneByOrFail(CommitmentEntity, { id: task.commitmentId });
    if (commitment.status !== 'done' || !commitment.serialNumber) return;
    if (commitment.kind === 'installation') await this.equipment.onInstallationDone(tx, commitment.serialNumber, dateOf(at));
    await this.readiness.onPrerequisiteDone(tx, commitment.projectId, commitment.serialNumber, dateOf(at));
  }

  /** A support visit the customer calls off. */
  async callOff(commitmentId: string, requestedDate: string | null, scope: string | null): Promise<TaskView[]> {
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
      const tasks = await this.readiness.callOff(tx, commitment, requestedDate);
      return tasks.map(toTaskView);
    });
  }

  private async act(id: string, scope: string | null, action: (tx: EntityManager, task: TaskEntity) => Promise<void>): Promise<TaskView> {
    return this.dataSource.transaction(async (tx) => {
      const task = await tx.findOne(TaskEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!task || (scope && task.customerId !== scope)) throw new NotFoundException({ message: `No task ${id}` });
      try {
        await action(tx, task);
      } catch (error) {
        if (error instanceof TaskTransitionError) throw new ConflictException({ message: error.message, status: task.status });
        throw error;
      }
      return toTaskView(task);
    });
  }

  private async belongsTo(tx: EntityManager, projectId: string, customerId: string): Promise<boolean> {
    const [row] = await tx.query('SELECT 1 FROM service_project WHERE id = $1 AND customer_id = $2', [projectId, customerId]);
    return !!row;
  }
}
