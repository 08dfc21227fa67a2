import { TaskChangedV1 } from '../events/task-changed.v1.js';
import { frozenSchema, instant, object, stringList } from './schema-parts.js';
import { taskSnapshotSchema } from './task-snapshot.schema.js';

export const taskChangedV1Schema = frozenSchema(
  object(
    {
      task: taskSnapshotSchema,
      changes: { ...stringList({ minItems: 1, unique: true }), description: 'Names of the task fields that changed, e.g. dueDate.' },
      changedAt: instant,
    },
    ['task', 'changes', 'changedAt'],
    { title: TaskChangedV1.type, description: 'Internal: a task changed; task is how it stands now.' },
  ),
);
