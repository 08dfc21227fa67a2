import { Module } from '@nestjs/common';
import { AssignmentModule } from '../assignment/assignment.module.js';
import { AvailabilityEvents } from './availability-events.js';
import { CalendarsController } from './calendars.controller.js';
import { CalendarsService } from './calendars.service.js';
import { TimeFiller } from './time-filler.js';

/** Leave, public holidays, travel between regions. */
@Module({
  imports: [AssignmentModule],
  controllers: [CalendarsController],
  providers: [CalendarsService, TimeFiller, AvailabilityEvents],
  exports: [TimeFiller, AvailabilityEvents],
})
export class CalendarsModule {}
