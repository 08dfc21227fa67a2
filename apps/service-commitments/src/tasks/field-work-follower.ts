import { Injectable } from '@nestjs/common';
import type { EventContext } from '#messaging';
import { TaskEntity } from '../projects/task.entity.js';
import { addDays, dateOf } from '../equipment/domain/calendar-dates.js';
import { TaskLifecycle } from './task-lifecycle.js';
import { TasksService } from './tasks.service.js';

export interface VisitProgress {
  visitId: string;
  taskId: string;
  startedAt?: string;
  completedAt?: string;
  outcome?: 'completed' | 'incomplete';
  followUpReason?: string | null;
}

/** Days a follow-up visit is due after the incomplete one. */
const FOLLOW_UP_DUE_DAYS = 3;

/**
 * Task progress from field-execution: a visit started puts its task in
 * progress; a visit completed and signed off finishes it; an incomplete visit
 * leaves a follow-up task with the reason.
 */
@Injectable()
export class FieldWorkFollower {
  constructor(
    private readonly lifecycle: TaskLifecycle,
    private readonly tasks: TasksService,
  ) {}

  async started(visit: VisitProgress, context: EventContext): Promise<void> {
    const task = await this.task(visit, context);
    if (!task || (task.status !== 'ready' && task.status !== 'scheduled')) return context.ignore();
    await this.lifecycle.start(context.tx, task, new Date(visit.startedAt!));
  }

  async completed(visit: VisitProgress, context: EventContext): Promise<void> {
    const task = await this.task(visit, context);
    if (!task || task.status === 'done' || task.status === 'cancelled') return context.ignore();
    const at = new Date(visit.completedAt!);
    if (task.status === 'ready' || task.status === 'scheduled') await this.lifecycle.start(context.tx, task, at);
    // The follow-up first: the commitment is not done while it is open (no warranty start on a half installation).
    // Its done event names the follow-up, so a fixed fee is earned once, when the follow-up is done.
    const followUp = visit.outcome === 'incomplete' ? await this.followUp(context, task, visit.followUpReason ?? 'Visit could not be completed', at) : null;
    await this.tasks.completeTask(context.tx, task, at, followUp?.id ?? null);
  }

  private async followUp(context: EventContext, task: TaskEntity, reason: string, at: Date): Promise<TaskEntity> {
    const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = task;
    const followUp = await context.tx.save(
      context.tx.create(TaskEntity, {
        ...copy,
        name: `Follow-up: ${task.name.replace(/^Follow-up: /, '')} (${reason})`.slice(0, 500),
        status: 'promised',
        startedAt: null,
        completedAt: null,
        holdReason: null,
        holdNote: null,
        statusBeforeHold: null,
        cancellationReason: null,
      }),
    );
    const today = dateOf(at);
    await this.lifecycle.makeReady(context.tx, followUp, { earliestStart: today, dueDate: addDays(today, FOLLOW_UP_DUE_DAYS) });
    return followUp;
  }

  private task(visit: VisitProgress, context: EventContext): Promise<TaskEntity | null> {
    return context.tx.findOne(TaskEntity, { where: { id: visit.taskId }, lock: { mode: 'pessimistic_write' } });
  }
}
