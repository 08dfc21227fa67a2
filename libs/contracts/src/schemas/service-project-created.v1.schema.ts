import {
  BILLING_POLICY_KINDS,
  COMMITMENT_STATUSES,
  CONTRACT_FEE_SCHEDULES,
  SERVICE_KINDS,
  SERVICE_PROJECT_STATUSES,
  ServiceProjectCreatedV1,
} from '../events/service-project-created.v1.js';
import {
  countryCode,
  currencyCode,
  frozenSchema,
  instant,
  integerAtLeast,
  list,
  nonEmptyString,
  nullable,
  object,
  oneOf,
  stringList,
  timeZone,
  unitPrice,
  uuid,
  uuidList,
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

/** The template snapshot's billing policy of a commitment. */
export const commitmentBillingPolicySchema: JsonSchema = nullable(
  object(
    {
      kind: oneOf(BILLING_POLICY_KINDS),
      milestones: nullable(
        list(object({ taskKey: nonEmptyString, percent: { ...unitPrice, description: 'Percent of the unit price; milestones add up to 100.' } }, ['taskKey', 'percent'])),
      ),
      notToExceed: nullable({ ...unitPrice, description: 'time_and_materials: a cap on what the commitment may bill.' }),
      schedule: nullable(oneOf(CONTRACT_FEE_SCHEDULES)),
    },
    ['kind'],
  ),
);

/** The properties of a service project as it stands (created and changed events). */
export const serviceProjectFactsProperties = {
  projectId: uuid,
  orderId: nonEmptyString,
  source: { ...nonEmptyString, description: 'CloudEvent source of the ERP that sent the order.' },
  customer: object({ id: nonEmptyString, name: nonEmptyString }, ['id', 'name']),
  site: serviceProjectSiteSchema,
  currency: nullable(currencyCode),
  customerPoNumber: nullable(nonEmptyString),
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
        description: nullable(nonEmptyString),
        unitPrice: nullable(unitPrice),
        billing: commitmentBillingPolicySchema,
        forLineId: nullable(nonEmptyString),
        serialNumber: nullable(nonEmptyString),
        taskKeys: nullable(stringList()),
        taskIds: nullable({ ...uuidList({ unique: true }), description: "The unit's task ids, one per taskKeys item in the same order (only with taskKeys)." }),
      },
      ['commitmentId', 'orderLineId', 'sku', 'kind', 'unitIndex', 'status'],
    ),
    { description: 'One per service unit; commitmentId values are unique.' },
  ),
  createdAt: instant,
};

export const serviceProjectFactsRequired = ['projectId', 'orderId', 'source', 'customer', 'status', 'commitments', 'createdAt'];

export const serviceProjectCreatedV1Schema = frozenSchema(
  object(
    serviceProjectFactsProperties,
    serviceProjectFactsRequired,
    {
      title: ServiceProjectCreatedV1.type,
      description: 'Internal: service-commitments opened a service project for an ERP order.',
    },
  ),
);
