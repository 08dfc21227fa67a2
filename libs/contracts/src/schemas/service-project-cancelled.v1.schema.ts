import { ServiceProjectCancelledV1 } from '../events/service-project-cancelled.v1.js';
import { frozenSchema, instant, nonEmptyString, nullable, object, uuid } from './schema-parts.js';

export const serviceProjectCancelledV1Schema = frozenSchema(
  object(
    { projectId: uuid, orderId: nonEmptyString, reason: nullable(nonEmptyString), cancelledAt: instant },
    ['projectId', 'orderId', 'cancelledAt'],
    {
      title: ServiceProjectCancelledV1.type,
      description: 'Internal: the whole order was cancelled, so its project and unstarted commitments are.',
    },
  ),
);
