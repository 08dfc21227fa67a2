import { TaskDoneV1 } from '../events/task-done.v1.js';
import { frozenSchema, instant, object } from './schema-parts.js';
import { taskSnapshotSchema } from './task-snapshot.schema.js';

export const taskDoneV1Schema = frozenSchema(
  object(
    {
      task: taskSnapshotSchema,
      completedAt: instant,
    },
    ['task', 'completedAt'],
    { title: TaskDoneV1.type, description: 'Internal: a task was completed.' },
  ),
);
