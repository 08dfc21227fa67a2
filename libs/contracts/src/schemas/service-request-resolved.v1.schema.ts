import { ServiceRequestResolvedV1 } from '../events/service-request-resolved.v1.js';
import { boolean, frozenSchema, instant, nonEmptyString, nullable, object, uuid } from './schema-parts.js';

export const serviceRequestResolvedV1Schema = frozenSchema(
  object(
    {
      requestId: uuid,
      projectId: nullable({ ...uuid, description: 'As on the raised request; it keeps the request on one partition.' }),
      customerId: nonEmptyString,
      serialNumber: nonEmptyString,
      resolvedAt: instant,
      responseMet: { ...boolean, description: 'The response target was met.' },
      resolutionMet: { ...boolean, description: 'The resolution target was met.' },
    },
    ['requestId', 'customerId', 'serialNumber', 'resolvedAt', 'responseMet', 'resolutionMet'],
    {
      title: ServiceRequestResolvedV1.type,
      description: 'Internal: a service request was resolved, with whether its SLA targets were met.',
    },
  ),
);
