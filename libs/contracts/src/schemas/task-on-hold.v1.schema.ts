import { TaskOnHoldV1 } from '../events/task-on-hold.v1.js';
import { TASK_HOLD_REASONS } from '../events/task-snapshot.js';
import { frozenSchema, instant, nonEmptyString, nullable, object, oneOf } from './schema-parts.js';
import { taskSnapshotSchema } from './task-snapshot.schema.js';

export const taskOnHoldV1Schema = frozenSchema(
  object(
    {
      task: taskSnapshotSchema,
      reason: oneOf(TASK_HOLD_REASONS),
      note: nullable(nonEmptyString),
      heldAt: instant,
    },
    ['task', 'reason', 'heldAt'],
    { title: TaskOnHoldV1.type, description: 'Internal: a task was put on hold; it is not to be scheduled until released.' },
  ),
);
