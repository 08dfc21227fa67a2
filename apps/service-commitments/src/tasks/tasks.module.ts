import { Module } from '@nestjs/common';
import { EquipmentModule } from '../equipment/equipment.module.js';
import { TaskCoreModule } from './task-core.module.js';
import { TasksController } from './tasks.controller.js';
import { TasksService } from './tasks.service.js';
import { ScheduleConsumer } from './schedule.consumer.js';
import { ScheduleFollower } from './schedule-follower.js';
import { FieldWorkConsumer } from './field-work.consumer.js';
import { FieldWorkFollower } from './field-work-follower.js';

@Module({ imports: [TaskCoreModule, EquipmentModule], controllers: [TasksController, ScheduleConsumer, FieldWorkConsumer], providers: [TasksService, ScheduleFollower, FieldWorkFollower], exports: [TasksService] })
export class TasksModule {}
