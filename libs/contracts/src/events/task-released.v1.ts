import { IsInstant, NestedObject } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { TaskSnapshot } from './task-snapshot.js';

/** Internal: a task on hold was released; `task.status` is the status it went back to. */
export class TaskReleasedV1 {
  static readonly type = 'psa.task.released.v1';
  static readonly topic = Topics.serviceProjects;

  @NestedObject(() => TaskSnapshot)
  task: TaskSnapshot;

  @IsInstant()
  releasedAt: string;
}
