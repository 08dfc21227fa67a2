import { VisitRescheduledV1 } from '../events/visit-rescheduled.v1.js';
import { frozenSchema, instant, nonEmptyString, nullable, object, uuidList } from './schema-parts.js';
import { VISIT_BOOKING_REQUIRED, visitBookingProperties } from './visit-booking.schema.js';

export const visitRescheduledV1Schema = frozenSchema(
  object(
    {
      ...visitBookingProperties,
      previous: nullable(
        object({ engineerIds: uuidList({ unique: true }), start: instant, end: instant }, ['engineerIds', 'start', 'end'], {
          description: 'Where and when the visit was before it moved.',
        }),
      ),
      reason: nullable({ ...nonEmptyString, description: 'Why it moved: the task changed, or a dispatcher reassigned it.' }),
      rescheduledAt: instant,
    },
    [...VISIT_BOOKING_REQUIRED, 'rescheduledAt'],
    { title: VisitRescheduledV1.type, description: 'Internal: a booked visit moved to other engineers or another time.' },
  ),
);
