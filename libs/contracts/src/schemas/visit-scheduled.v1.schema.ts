import { VisitScheduledV1 } from '../events/visit-scheduled.v1.js';
import { frozenSchema, instant, nonEmptyString, nullable, object } from './schema-parts.js';
import { VISIT_BOOKING_REQUIRED, visitBookingProperties } from './visit-booking.schema.js';

export const visitScheduledV1Schema = frozenSchema(
  object(
    {
      ...visitBookingProperties,
      reason: nullable({ ...nonEmptyString, description: "A dispatcher's reason, when a person chose other engineers or another time than the assigner would." }),
      scheduledAt: instant,
    },
    [...VISIT_BOOKING_REQUIRED, 'scheduledAt'],
    { title: VisitScheduledV1.type, description: 'Internal: scheduling booked engineers for a task (again, with the same bookingId, when the customer confirms).' },
  ),
);
