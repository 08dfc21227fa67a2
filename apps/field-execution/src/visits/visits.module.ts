import { Module } from '@nestjs/common';
import { VisitBookings } from './visit-bookings.service.js';
import { VisitsConsumer } from './visits.consumer.js';
import { VisitsController } from './visits.controller.js';
import { VisitsService } from './visits.service.js';

/** Visits from scheduling's bookings, and the engineer's work on them. */
@Module({ controllers: [VisitsController, VisitsConsumer], providers: [VisitBookings, VisitsService], exports: [VisitsService] })
export class VisitsModule {}
