import { TaskReleasedV1 } from '../events/task-released.v1.js';
import { frozenSchema, instant, object } from './schema-parts.js';
import { taskSnapshotSchema } from './task-snapshot.schema.js';

export const taskReleasedV1Schema = frozenSchema(
  object(
    {
      task: taskSnapshotSchema,
      releasedAt: instant,
    },
    ['task', 'releasedAt'],
    { title: TaskReleasedV1.type, description: 'Internal: a task on hold was released; task.status is the status it went back to.' },
  ),
);
