import { CommitmentCancelledV1 } from '../events/commitment-cancelled.v1.js';
import { frozenSchema, instant, nonEmptyString, nullable, object, uuid } from './schema-parts.js';

export const commitmentCancelledV1Schema = frozenSchema(
  object(
    {
      commitmentId: uuid,
      projectId: uuid,
      orderId: nonEmptyString,
      orderLineId: nonEmptyString,
      reason: nullable(nonEmptyString),
      cancelledAt: instant,
    },
    ['commitmentId', 'projectId', 'orderId', 'orderLineId', 'cancelledAt'],
    { title: CommitmentCancelledV1.type, description: 'Internal: one commitment will not be delivered.' },
  ),
);
