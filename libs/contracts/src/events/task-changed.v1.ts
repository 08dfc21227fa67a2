import { IsInstant, IsStringList, NestedObject } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { TaskSnapshot } from './task-snapshot.js';

/** Internal: a task's window, status or details changed; `task` is how it stands now. */
export class TaskChangedV1 {
  static readonly type = 'psa.task.changed.v1';
  static readonly topic = Topics.serviceProjects;

  @NestedObject(() => TaskSnapshot)
  task: TaskSnapshot;

  /** Names of the task fields that changed, e.g. `dueDate`, `earliestStart`, `status`. */
  @IsStringList({ minItems: 1, unique: true })
  changes: string[];

  @IsInstant()
  changedAt: string;
}
