import {
  SERVICE_REQUEST_COVERAGE_KINDS,
  SERVICE_REQUEST_DESCRIPTION_MAX_LENGTH,
  SLA_COVERAGES,
  ServiceRequestRaisedV1,
} from '../events/service-request-raised.v1.js';
import { frozenSchema, instant, nonEmptyString, nonEmptyStringUpTo, nullable, object, oneOf, uuid } from './schema-parts.js';
import { prioritySchema, taskSnapshotSchema } from './task-snapshot.schema.js';

export const serviceRequestRaisedV1Schema = frozenSchema(
  object(
    {
      requestId: uuid,
      projectId: nullable({ ...uuid, description: "The machine's service project; null for a machine ServiceLoop did not sell." }),
      customerId: nonEmptyString,
      serialNumber: nonEmptyString,
      priority: prioritySchema,
      description: nonEmptyStringUpTo(SERVICE_REQUEST_DESCRIPTION_MAX_LENGTH),
      coverage: object(
        {
          kind: oneOf(SERVICE_REQUEST_COVERAGE_KINDS),
          contractId: nullable({ ...uuid, description: 'The AMC contract; null for warranty or none.' }),
          reason: { ...nonEmptyString, description: 'Why this coverage applies, in words for people.' },
        },
        ['kind', 'reason'],
        { description: 'The coverage decided when the request was raised.' },
      ),
      sla: object(
        {
          coverage: { ...oneOf(SLA_COVERAGES), description: "Office hours in the site's calendar (8x5) or around the clock (24x7)." },
          responseDueAt: instant,
          resolutionDueAt: instant,
        },
        ['coverage', 'responseDueAt', 'resolutionDueAt'],
      ),
      task: { ...taskSnapshotSchema, description: 'The breakdown task (kind breakdown, dueAt = sla.resolutionDueAt).' },
      raisedAt: instant,
    },
    ['requestId', 'customerId', 'serialNumber', 'priority', 'description', 'coverage', 'sla', 'task', 'raisedAt'],
    {
      title: ServiceRequestRaisedV1.type,
      description: 'Internal: a customer reported a breakdown; coverage, SLA targets and the breakdown task.',
    },
  ),
);
