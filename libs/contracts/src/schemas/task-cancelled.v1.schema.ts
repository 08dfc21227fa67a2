import { TaskCancelledV1 } from '../events/task-cancelled.v1.js';
import { frozenSchema, instant, nonEmptyString, object } from './schema-parts.js';
import { taskSnapshotSchema } from './task-snapshot.schema.js';

export const taskCancelledV1Schema = frozenSchema(
  object(
    {
      task: taskSnapshotSchema,
      reason: nonEmptyString,
      cancelledAt: instant,
    },
    ['task', 'reason', 'cancelledAt'],
    { title: TaskCancelledV1.type, description: 'Internal: a task will not be done.' },
  ),
);
