import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutgoingEvent } from '#messaging';
import { Clock } from '#platform';
import { CommitmentEntity } from '../projects/commitment.entity.js';
import { TaskEntity } from '../projects/task.entity.js';
import { ownerChanges } from './domain/task-owner.js';
import { commitmentStatusOf, nextStatus, type HoldReason } from './domain/task-transitions.js';
import { TaskEvents } from './task-events.js';

/**
 * Every change of a task's status goes through here: the rule is checked, the
 * commitment follows its tasks, and the event is written in the same transaction.
 */
@Injectable()
export class TaskLifecycle {
  constructor(
    private readonly events: TaskEvents,
    private readonly clock: Clock,
  ) {}

  /** `into`: where the caller gathers its events to write them together (see TaskEvents.emit). */
  async makeReady(tx: EntityManager, task: TaskEntity, window: { earliestStart: string; dueDate: string | null }, into?: OutgoingEvent[]): Promise<void> {
    task.status = nextStatus('ready', task.status);
    task.earliestStart = window.earliestStart;
    task.dueDate = window.dueDate;
    await this.save(tx, task, ['status', 'earliestStart', 'dueDate']);
    await this.events.emit(tx, 'ready', task, {}, into);
  }

  async hold(tx: EntityManager, task: TaskEntity, reason: HoldReason, note: string | null): Promise<void> {
    const before = task.status;
    task.status = nextStatus('hold', task.status);
    task.statusBeforeHold = before;
    task.holdReason = reason;
    task.holdNote = note;
    await this.save(tx, task, ['status', 'statusBeforeHold', 'holdReason', 'holdNote']);
    await this.events.emit(tx, 'on-hold', task, { reason, note });
  }

  async release(tx: EntityManager, task: TaskEntity): Promise<void> {
    task.status = nextStatus('release', task.status, task.statusBeforeHold);
    task.statusBeforeHold = null;
    task.holdReason = null;
    task.holdNote = null;
    await this.save(tx, task, ['status', 'statusBeforeHold', 'holdReason', 'holdNote']);
    await this.events.emit(tx, 'released', task);
  }

  async schedule(tx: EntityManager, task: TaskEntity): Promise<void> {
    task.status = nextStatus('schedule', task.status);
    await this.save(tx, task, ['status']);
  }

  /** Scheduling cancelled the booking: the task waits for another one. */
  async unschedule(tx: EntityManager, task: TaskEntity): Promise<void> {
    task.status = nextStatus('unschedule', task.status);
    await this.save(tx, task, ['status']);
  }

  async start(tx: EntityManager, task: TaskEntity, at: Date = this.clock.now()): Promise<void> {
    task.status = nextStatus('start', task.status);
    task.startedAt = at;
    await this.save(tx, task, ['status', 'startedAt']);
    await this.events.emit(tx, 'changed', task, { changes: ['status'] });
  }

  /** Done; `followUpTaskId` when a visit ended incomplete and the work goes on in a follow-up. */
  async complete(tx: EntityManager, task: TaskEntity, at: Date = this.clock.now(), followUpTaskId: string | null = null): Promise<void> {
    task.status = nextStatus('complete', task.status);
    task.completedAt = at;
    task.startedAt ??= at;
    await this.save(tx, task, ['status', 'completedAt', 'startedAt']);
    await this.events.emit(tx, 'done', task, followUpTaskId ? { followUpTaskId } : {});
  }

  async cancel(tx: EntityManager, task: TaskEntity, reason: string): Promise<void> {
    task.status = nextStatus('cancel', task.status);
    task.cancellationReason = reason;
    await this.save(tx, task, ['status', 'cancellationReason']);
    await this.events.emit(tx, 'cancelled', task, { reason });
  }

  async changeWindow(tx: EntityManager, task: TaskEntity, window: { earliestStart?: string | null; dueDate?: string | null; plannedDate?: string | null }) {
    const changes = Object.entries(window)
      .filter(([key, value]) => value !== undefined && (task as unknown as Record<string, unknown>)[key] !== value)
      .map(([key]) => key);
    if (changes.length === 0) return;
    Object.assign(task, Object.fromEntries(Object.entries(window).filter(([, v]) => v !== undefined)));
    await tx.save(task);
    if (task.status !== 'promised') await this.events.emit(tx, 'changed', task, { changes });
  }

  /**
   * Who in the service team owns the task (null: nobody). Its status stays; the
   * change goes out as `psa.task.changed.v1` (changes: owner), also while promised,
   * so reports by owner see it. The same owner again changes nothing and says nothing.
   */
  async assignOwner(tx: EntityManager, task: TaskEntity, owner: string | null): Promise<boolean> {
    if (!ownerChanges(task, owner)) return false;
    task.owner = owner;
    await tx.save(task);
    await this.events.emit(tx, 'changed', task, { changes: ['owner'] });
    return true;
  }

  /** The commitment's status follows its tasks. */
  async syncCommitment(tx: EntityManager, commitmentId: string): Promise<CommitmentEntity['status']> {
    const tasks = await tx.find(TaskEntity, { where: { commitmentId }, select: { status: true } });
    const status = commitmentStatusOf(tasks.map((t) => t.status));
    await tx.update(CommitmentEntity, { id: commitmentId }, { status });
    return status;
  }

  /**
   * Writes the fields the change made, in one statement (TypeORM's save reads
   * the row back first to find them: two round trips and a diff per task, the
   * most of a burst of dispatches' work). A task not in the table yet is saved whole.
   */
  private async save(tx: EntityManager, task: TaskEntity, changed: (keyof TaskEntity & string)[]): Promise<void> {
    const fields = Object.fromEntries(changed.map((field) => [field, task[field]]));
    const { affected } = task.id ? await tx.update(TaskEntity, { id: task.id }, fields) : { affected: 0 };
    if (!affected) await tx.save(task);
    if (task.commitmentId) await this.syncCommitment(tx, task.commitmentId);
  }
}
