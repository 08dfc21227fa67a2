import { IsOptional } from 'class-validator';
import { IsInstant, IsNonEmptyString, IsOneOf, NestedObject } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { TASK_HOLD_REASONS, TaskSnapshot, type TaskHoldReason } from './task-snapshot.js';

/** Internal: a task was put on hold; scheduling must not place it (and frees its bookings) until it is released. */
export class TaskOnHoldV1 {
  static readonly type = 'psa.task.on-hold.v1';
  static readonly topic = Topics.serviceProjects;

  @NestedObject(() => TaskSnapshot)
  task: TaskSnapshot;

  @IsOneOf(TASK_HOLD_REASONS)
  reason: TaskHoldReason;

  @IsOptional()
  @IsNonEmptyString()
  note?: string | null;

  @IsInstant()
  heldAt: string;
}
