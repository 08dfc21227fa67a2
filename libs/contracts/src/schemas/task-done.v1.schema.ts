import { TaskDoneV1 } from '../events/task-done.v1.js';
import { frozenSchema, instant, nullable, object, uuid } from './schema-parts.js';
import { taskSnapshotSchema } from './task-snapshot.schema.js';

export const taskDoneV1Schema = frozenSchema(
  object(
    {
      task: taskSnapshotSchema,
      completedAt: instant,
      followUpTaskId: {
        ...nullable(uuid),
        description: 'The visit ended incomplete: the work goes on in this follow-up task, and a milestone it names is earned when the follow-up is done.',
      },
    },
    ['task', 'completedAt'],
    { title: TaskDoneV1.type, description: 'Internal: a task was completed (or closed by an incomplete visit, with followUpTaskId).' },
  ),
);
