import { VisitStartedV1 } from '../events/visit-started.v1.js';
import { FIELD_WORK_VISIT_REQUIRED, fieldWorkVisitProperties, geoLocationSchema } from './field-work.schema.js';
import { frozenSchema, instant, nullable, object, uuid } from './schema-parts.js';

export const visitStartedV1Schema = frozenSchema(
  object(
    {
      ...fieldWorkVisitProperties,
      bookingId: { ...uuid, description: "scheduling's booking the visit came from." },
      serviceRequestId: nullable(uuid),
      startedAt: { ...instant, description: 'The first check-in on site.' },
      location: geoLocationSchema,
    },
    [...FIELD_WORK_VISIT_REQUIRED, 'bookingId', 'startedAt'],
    { title: VisitStartedV1.type, description: 'Internal: an engineer checked in on site for the first time on a visit; its task is in progress.' },
  ),
);
