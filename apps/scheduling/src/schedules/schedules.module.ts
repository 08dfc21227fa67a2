import { Module } from '@nestjs/common';
import { AssignmentModule } from '../assignment/assignment.module.js';
import { SchedulesController } from './schedules.controller.js';
import { SchedulesService } from './schedules.service.js';

/** Reading the schedule: per engineer, per region, workload. */
@Module({ imports: [AssignmentModule], controllers: [SchedulesController], providers: [SchedulesService] })
export class SchedulesModule {}
