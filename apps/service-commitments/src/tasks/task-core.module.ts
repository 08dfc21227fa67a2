import { Module } from '@nestjs/common';
import { TaskEvents } from './task-events.js';
import { TaskLifecycle } from './task-lifecycle.js';
import { TaskReadiness } from './task-readiness.js';

/** Task status rules, readiness and task events: the base every capability here builds on. */
@Module({ providers: [TaskEvents, TaskLifecycle, TaskReadiness], exports: [TaskEvents, TaskLifecycle, TaskReadiness] })
export class TaskCoreModule {}
