import { ServiceProjectChangedV1 } from '../events/service-project-changed.v1.js';
import { frozenSchema, instant, integerAtLeast, object } from './schema-parts.js';
import { serviceProjectFactsProperties, serviceProjectFactsRequired } from './service-project-created.v1.schema.js';

export const serviceProjectChangedV1Schema = frozenSchema(
  object(
    {
      ...serviceProjectFactsProperties,
      revision: { ...integerAtLeast(0), description: 'The order revision the project reflects (0: the order as created, when the project changed for another reason, such as its site set from the customer master).' },
      changedAt: instant,
    },
    [...serviceProjectFactsRequired, 'revision', 'changedAt'],
    {
      title: ServiceProjectChangedV1.type,
      description:
        'Internal: the ERP changed the order (or the service desk set the site of a project whose order named none) and the project now stands as this says, every commitment with its terms (added ones included; cancelled ones came first as psa.commitment.cancelled.v1).',
    },
  ),
);
