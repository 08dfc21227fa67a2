import { ServiceProjectChangedV1 } from '../events/service-project-changed.v1.js';
import { frozenSchema, instant, integerAtLeast, object } from './schema-parts.js';
import { serviceProjectFactsProperties, serviceProjectFactsRequired } from './service-project-created.v1.schema.js';

export const serviceProjectChangedV1Schema = frozenSchema(
  object(
    {
      ...serviceProjectFactsProperties,
      revision: { ...integerAtLeast(1), description: 'The order revision applied.' },
      changedAt: instant,
    },
    [...serviceProjectFactsRequired, 'revision', 'changedAt'],
    {
      title: ServiceProjectChangedV1.type,
      description:
        'Internal: the ERP changed the order and the project now stands as this says, every commitment with its terms (added ones included; cancelled ones came first as psa.commitment.cancelled.v1).',
    },
  ),
);
