import {
  COMMITMENT_STATUSES,
  SERVICE_KINDS,
  SERVICE_PROJECT_STATUSES,
  ServiceProjectCreatedV1,
} from '../events/service-project-created.v1.js';
import {
  countryCode,
  frozenSchema,
  instant,
  integerAtLeast,
  list,
  nonEmptyString,
  nullable,
  object,
  oneOf,
  timeZone,
  uuid,
  type JsonSchema,
} from './schema-parts.js';

/** The project's site as far as it is known; task snapshots reuse it. */
export const serviceProjectSiteSchema: JsonSchema = nullable(
  object(
    {
      id: nullable({ ...nonEmptyString, description: "Null when the order named no site: the customer's default site." }),
      name: nullable(nonEmptyString),
      address: nullable(nonEmptyString),
      city: nullable(nonEmptyString),
      region: nullable(nonEmptyString),
      country: nullable(countryCode),
      timezone: nullable(timeZone),
    },
    [],
  ),
);

export const serviceProjectCreatedV1Schema = frozenSchema(
  object(
    {
      projectId: uuid,
      orderId: nonEmptyString,
      source: { ...nonEmptyString, description: 'CloudEvent source of the ERP that sent the order.' },
      customer: object({ id: nonEmptyString, name: nonEmptyString }, ['id', 'name']),
      site: serviceProjectSiteSchema,
      status: oneOf(SERVICE_PROJECT_STATUSES),
      commitments: list(
        object(
          {
            commitmentId: uuid,
            orderLineId: nonEmptyString,
            sku: nonEmptyString,
            kind: {
              ...nonEmptyString,
              description: `The catalogue's kind of service: today one of ${SERVICE_KINDS.join(', ')}; more may come.`,
            },
            unitIndex: { ...integerAtLeast(1), description: '1-based unit of the order line.' },
            status: oneOf(COMMITMENT_STATUSES),
          },
          ['commitmentId', 'orderLineId', 'sku', 'kind', 'unitIndex', 'status'],
        ),
        { description: 'One per service unit; commitmentId values are unique.' },
      ),
      createdAt: instant,
    },
    ['projectId', 'orderId', 'source', 'customer', 'status', 'commitments', 'createdAt'],
    {
      title: ServiceProjectCreatedV1.type,
      description: 'Internal: service-commitments opened a service project for an ERP order.',
    },
  ),
);
