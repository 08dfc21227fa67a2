import { IsInstant, NestedObject } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { TaskSnapshot } from './task-snapshot.js';

/** Internal: a task can now be scheduled (its machine arrived, the customer called it off, a breakdown was raised). */
export class TaskReadyV1 {
  static readonly type = 'psa.task.ready.v1';
  static readonly topic = Topics.serviceProjects;

  @NestedObject(() => TaskSnapshot)
  task: TaskSnapshot;

  @IsInstant()
  readyAt: string;
}
