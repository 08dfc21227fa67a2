import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Topics, type VisitBooking } from '#contracts';
import { Outbox } from '#messaging';
import { Clock } from '#platform';
import type { BookingEntity } from './booking.entity.js';
import type { SchedulingTaskEntity } from './scheduling-task.entity.js';

export interface PreviousVisit {
  engineerIds: string[];
  start: string;
  end: string;
}

/** psa.visit.* through the outbox, in the booking's transaction; keyed by task so a task's visits stay in order. */
@Injectable()
export class VisitEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  static visitOf(booking: BookingEntity, task: SchedulingTaskEntity): VisitBooking {
    const lead = booking.engineerIds[0];
    return {
      bookingId: booking.id,
      taskId: booking.taskId,
      projectId: task.projectId,
      serviceRequestId: task.serviceRequestId,
      customerId: task.customerId,
      engineerIds: booking.engineerIds,
      start: booking.startsAt.toISOString(),
      end: booking.endsAt.toISOString(),
      segments: booking.segments,
      travelMinutes: booking.travelMinutes[lead] ?? 0,
      site: task.snapshot.site ?? null,
      status: booking.status === 'confirmed' ? 'confirmed' : 'proposed',
    };
  }

  static previousOf(booking: BookingEntity): PreviousVisit {
    return { engineerIds: [...booking.engineerIds], start: booking.startsAt.toISOString(), end: booking.endsAt.toISOString() };
  }

  scheduled(tx: EntityManager, booking: BookingEntity, task: SchedulingTaskEntity): Promise<unknown> {
    return this.emit(tx, 'psa.visit.scheduled.v1', booking, { ...VisitEvents.visitOf(booking, task), reason: booking.overrideReason, scheduledAt: this.now() });
  }

  rescheduled(tx: EntityManager, booking: BookingEntity, task: SchedulingTaskEntity, previous: PreviousVisit, reason: string): Promise<unknown> {
    return this.emit(tx, 'psa.visit.rescheduled.v1', booking, { ...VisitEvents.visitOf(booking, task), previous, reason, rescheduledAt: this.now() });
  }

  cancelled(tx: EntityManager, booking: BookingEntity, task: SchedulingTaskEntity, reason: string): Promise<unknown> {
    return this.emit(tx, 'psa.visit.cancelled.v1', booking, { ...VisitEvents.visitOf(booking, task), reason, cancelledAt: this.now() });
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private emit(tx: EntityManager, type: string, booking: BookingEntity, data: object): Promise<unknown> {
    return this.outbox.add(tx, { topic: Topics.schedules, key: booking.taskId, type, subject: booking.id, data });
  }
}
