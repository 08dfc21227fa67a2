import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { CloudEvent } from '#contracts';
import { EventContext, OnEvent } from '#messaging';
import { ScheduleFollower, type VisitFact } from './schedule-follower.js';

/** Scheduling's bookings in: tasks follow them (scheduled, back to ready). */
@Controller()
export class ScheduleConsumer {
  constructor(private readonly follower: ScheduleFollower) {}

  @OnEvent('psa.visit.scheduled.v1')
  onVisitScheduled(@Payload() event: CloudEvent<VisitFact>, @Ctx() context: EventContext) {
    return this.follower.scheduled(event.data, context);
  }

  @OnEvent('psa.visit.rescheduled.v1')
  onVisitRescheduled(@Payload() event: CloudEvent<VisitFact>, @Ctx() context: EventContext) {
    return this.follower.scheduled(event.data, context);
  }

  @OnEvent('psa.visit.cancelled.v1')
  onVisitCancelled(@Payload() event: CloudEvent<VisitFact>, @Ctx() context: EventContext) {
    return this.follower.cancelled(event.data, context);
  }
}
