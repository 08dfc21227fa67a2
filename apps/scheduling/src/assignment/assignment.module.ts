import { Module } from '@nestjs/common';
import { AssignmentController } from './assignment.controller.js';
import { AssignmentQueries } from './assignment.queries.js';
import { AssignmentService } from './assignment.service.js';
import { BookingWriter } from './booking-writer.js';
import { QueueSweep } from './queue-sweep.js';
import { RosterRepository } from './roster.repository.js';
import { TasksConsumer } from './tasks.consumer.js';
import { VisitEvents } from './visit-events.js';

/** Placing tasks: the consumer of task events, the assigner, bookings, the queue, decision records. */
@Module({
  controllers: [AssignmentController, TasksConsumer],
  providers: [AssignmentService, AssignmentQueries, BookingWriter, QueueSweep, RosterRepository, VisitEvents],
  exports: [AssignmentService, QueueSweep, RosterRepository],
})
export class AssignmentModule {}
