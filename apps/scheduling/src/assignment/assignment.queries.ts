import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SchedulingErrorCode, SchedulingException } from '../scheduling.exception.js';
import { AssignmentDecisionEntity } from './assignment-decision.entity.js';
import { BookingEntity } from './booking.entity.js';
import { toBookingView, toDecisionSummary, toDecisionView, toQueueEntryView, toTaskSummary } from './dto/assignment.view.js';
import { SchedulingTaskEntity } from './scheduling-task.entity.js';
import { UnassignedTaskEntity } from './unassigned-task.entity.js';

/** What dispatchers read: a task with its visit, bookings, the unassigned queue, decision records. */
@Injectable()
export class AssignmentQueries {
  constructor(private readonly dataSource: DataSource) {}

  async task(taskId: string) {
    const task = await this.dataSource.manager.findOneBy(SchedulingTaskEntity, { taskId });
    if (!task) throw new SchedulingException(SchedulingErrorCode.TASK_NOT_FOUND, `No task ${taskId}`);
    const [bookings, queued] = await Promise.all([
      this.dataSource.manager.find(BookingEntity, { where: { taskId }, order: { createdAt: 'DESC' } }),
      this.dataSource.manager.findOneBy(UnassignedTaskEntity, { taskId }),
    ]);
    const live = bookings.find((b) => b.status === 'proposed' || b.status === 'confirmed');
    return {
      ...toTaskSummary(task),
      booking: live ? toBookingView(live) : null,
      queue: queued ? toQueueEntryView(queued) : null,
      bookings: bookings.map(toBookingView),
    };
  }

  async booking(id: string, customerScope: string | null) {
    const booking = await this.dataSource.manager.findOneBy(BookingEntity, { id });
    if (booking && customerScope) {
      const task = await this.dataSource.manager.findOneBy(SchedulingTaskEntity, { taskId: booking.taskId });
      if (task?.customerId !== customerScope) throw new SchedulingException(SchedulingErrorCode.BOOKING_NOT_FOUND, `No booking ${id}`);
    }
    if (!booking) throw new SchedulingException(SchedulingErrorCode.BOOKING_NOT_FOUND, `No booking ${id}`);
    return toBookingView(booking);
  }

  /** The unassigned queue, most urgent first, with each task and why it waits. */
  async unassigned(region: string | undefined) {
    const rows: { task_id: string }[] = await this.dataSource.query(
      `SELECT u.task_id FROM unassigned_task u JOIN scheduling_task t ON t.task_id = u.task_id
        WHERE $1::text IS NULL OR t.site_region = $1
        ORDER BY COALESCE(t.snapshot->>'priority', 'P9'), COALESCE(t.snapshot->>'dueAt', (t.snapshot->>'dueDate') || 'T23:59:59Z', '9999'), u.queued_at
        LIMIT 500`,
      [region ?? null],
    );
    const ids = rows.map((r) => r.task_id);
    if (ids.length === 0) return { items: [] };
    const [entries, tasks] = await Promise.all([
      this.dataSource.manager.createQueryBuilder(UnassignedTaskEntity, 'u').where('u.task_id IN (:...ids)', { ids }).getMany(),
      this.dataSource.manager.createQueryBuilder(SchedulingTaskEntity, 't').where('t.task_id IN (:...ids)', { ids }).getMany(),
    ]);
    return {
      items: ids.map((id) => ({ task: toTaskSummary(tasks.find((t) => t.taskId === id)!), ...toQueueEntryView(entries.find((e) => e.taskId === id)!) })),
    };
  }

  /** Newest first, a page at a time (the id orders decisions taken at one instant). */
  async decisions(taskId: string | undefined, page: { limit?: number; offset?: number } = {}) {
    const decisions = await this.dataSource.manager.find(AssignmentDecisionEntity, {
      where: taskId ? { taskId } : {},
      order: { decidedAt: 'DESC', id: 'DESC' },
      skip: page.offset ?? 0,
      take: page.limit ?? 50,
    });
    return { items: decisions.map(toDecisionSummary) };
  }

  async decision(id: string) {
    const decision = await this.dataSource.manager.findOneBy(AssignmentDecisionEntity, { id });
    if (!decision) throw new SchedulingException(SchedulingErrorCode.DECISION_NOT_FOUND, `No decision ${id}`);
    return toDecisionView(decision);
  }
}
