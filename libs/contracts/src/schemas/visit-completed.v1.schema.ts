import { VISIT_OUTCOMES, VisitCompletedV1 } from '../events/visit-completed.v1.js';
import { FIELD_WORK_VISIT_REQUIRED, fieldWorkVisitProperties, visitSignOffSchema } from './field-work.schema.js';
import { frozenSchema, instant, nonEmptyString, nullable, object, oneOf, uuid } from './schema-parts.js';

export const visitCompletedV1Schema = frozenSchema(
  object(
    {
      ...fieldWorkVisitProperties,
      bookingId: uuid,
      serviceRequestId: nullable(uuid),
      completedAt: instant,
      outcome: { ...oneOf(VISIT_OUTCOMES), description: 'completed: checklist done and signed off; incomplete: a follow-up is needed.' },
      signOff: nullable({ ...visitSignOffSchema, description: 'Always present for a completed visit; optional when incomplete.' }),
      followUpReason: nullable({ ...nonEmptyString, description: 'Why the work is not finished; set exactly when the outcome is incomplete.' }),
    },
    [...FIELD_WORK_VISIT_REQUIRED, 'bookingId', 'completedAt', 'outcome'],
    { title: VisitCompletedV1.type, description: 'Internal: an engineer closed a visit, signed off by the customer or incomplete with a reason.' },
  ),
);
