import { IsOptional } from 'class-validator';
import { IsInstant, IsUuid, NestedObject } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { TaskSnapshot } from './task-snapshot.js';

/**
 * Internal: a task was completed; billing may invoice its milestone. A visit that
 * ended incomplete completes its task too, naming the follow-up task the work goes
 * on in: the milestone is earned when that follow-up is done, not now.
 */
export class TaskDoneV1 {
  static readonly type = 'psa.task.done.v1';
  static readonly topic = Topics.serviceProjects;

  @NestedObject(() => TaskSnapshot)
  task: TaskSnapshot;

  @IsInstant()
  completedAt: string;

  /** The visit ended incomplete: the work goes on in this follow-up task (same template task). */
  @IsOptional()
  @IsUuid()
  followUpTaskId?: string | null;
}
