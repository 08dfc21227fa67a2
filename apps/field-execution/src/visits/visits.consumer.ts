import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { CloudEvent, VisitCancelledV1, VisitRescheduledV1, VisitScheduledV1 } from '#contracts';
import { EventContext, OnEvent } from '#messaging';
import { VisitBookings } from './visit-bookings.service.js';

/** scheduling's bookings in: one visit per engineer, moved and cancelled with the booking. */
@Controller()
export class VisitsConsumer {
  constructor(private readonly bookings: VisitBookings) {}

  @OnEvent('psa.visit.scheduled.v1')
  onScheduled(@Payload() event: CloudEvent<VisitScheduledV1>, @Ctx() context: EventContext) {
    return this.bookings.booked(event.data, context);
  }

  @OnEvent('psa.visit.rescheduled.v1')
  onRescheduled(@Payload() event: CloudEvent<VisitRescheduledV1>, @Ctx() context: EventContext) {
    return this.bookings.booked(event.data, context);
  }

  @OnEvent('psa.visit.cancelled.v1')
  onCancelled(@Payload() event: CloudEvent<VisitCancelledV1>, @Ctx() context: EventContext) {
    return this.bookings.cancelled(event.data, event.data.reason, new Date(event.data.cancelledAt), context);
  }
}
