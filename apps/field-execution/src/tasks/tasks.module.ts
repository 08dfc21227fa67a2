import { Module } from '@nestjs/common';
import { TaskCopies } from './task-copies.service.js';
import { TasksConsumer } from './tasks.consumer.js';

/** The copy of service-commitments' tasks and machine coverage that visits show. */
@Module({ controllers: [TasksConsumer], providers: [TaskCopies], exports: [TaskCopies] })
export class TasksModule {}
