import { Injectable } from '@nestjs/common';
import type { EventContext } from '#messaging';
import { TaskEntity } from '../projects/task.entity.js';
import { TaskLifecycle } from './task-lifecycle.js';

export interface VisitFact {
  bookingId: string;
  taskId: string;
  engineerIds: string[];
  start: string;
  end: string;
}

/**
 * Keeps each task's status in step with scheduling's bookings. A booking for a
 * task that has moved on (cancelled, done, on hold) changes nothing here:
 * scheduling learns of that from the task's own events and frees the slot.
 */
@Injectable()
export class ScheduleFollower {
  constructor(private readonly lifecycle: TaskLifecycle) {}

  async scheduled(visit: VisitFact, context: EventContext): Promise<void> {
    const task = await context.tx.findOne(TaskEntity, { where: { id: visit.taskId }, lock: { mode: 'pessimistic_write' } });
    if (!task || (task.status !== 'ready' && task.status !== 'scheduled')) return context.ignore();
    await this.lifecycle.schedule(context.tx, task);
  }

  async cancelled(visit: VisitFact, context: EventContext): Promise<void> {
    const task = await context.tx.findOne(TaskEntity, { where: { id: visit.taskId }, lock: { mode: 'pessimistic_write' } });
    if (!task || task.status !== 'scheduled') return context.ignore();
    await this.lifecycle.unschedule(context.tx, task);
  }
}
