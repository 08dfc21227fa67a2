import { TaskReadyV1 } from '../events/task-ready.v1.js';
import { frozenSchema, instant, object } from './schema-parts.js';
import { taskSnapshotSchema } from './task-snapshot.schema.js';

export const taskReadyV1Schema = frozenSchema(
  object(
    {
      task: taskSnapshotSchema,
      readyAt: instant,
    },
    ['task', 'readyAt'],
    { title: TaskReadyV1.type, description: 'Internal: a task can now be scheduled.' },
  ),
);
