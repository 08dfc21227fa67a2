import { Module } from '@nestjs/common';
import { ProjectCopies } from './project-copies.service.js';
import { TaskCopies } from './task-copies.service.js';
import { TasksConsumer } from './tasks.consumer.js';

/** The copy of service-commitments' projects, tasks and machine coverage that visits show and parts are recorded against. */
@Module({ controllers: [TasksConsumer], providers: [TaskCopies, ProjectCopies], exports: [TaskCopies] })
export class TasksModule {}
