import { IsInstant, NestedObject } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { TaskSnapshot } from './task-snapshot.js';

/** Internal: a task was completed; billing may invoice its milestone. */
export class TaskDoneV1 {
  static readonly type = 'psa.task.done.v1';
  static readonly topic = Topics.serviceProjects;

  @NestedObject(() => TaskSnapshot)
  task: TaskSnapshot;

  @IsInstant()
  completedAt: string;
}
