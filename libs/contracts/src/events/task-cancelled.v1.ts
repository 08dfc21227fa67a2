import { IsInstant, IsNonEmptyString, NestedObject } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { TaskSnapshot } from './task-snapshot.js';

/** Internal: a task will not be done; scheduling frees its bookings. */
export class TaskCancelledV1 {
  static readonly type = 'psa.task.cancelled.v1';
  static readonly topic = Topics.serviceProjects;

  @NestedObject(() => TaskSnapshot)
  task: TaskSnapshot;

  @IsNonEmptyString()
  reason: string;

  @IsInstant()
  cancelledAt: string;
}
