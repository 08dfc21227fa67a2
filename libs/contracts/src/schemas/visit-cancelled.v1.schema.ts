import { VisitCancelledV1 } from '../events/visit-cancelled.v1.js';
import { frozenSchema, instant, nonEmptyString, object } from './schema-parts.js';
import { VISIT_BOOKING_REQUIRED, visitBookingProperties } from './visit-booking.schema.js';

export const visitCancelledV1Schema = frozenSchema(
  object(
    {
      ...visitBookingProperties,
      reason: { ...nonEmptyString, description: 'Why it will not take place.' },
      cancelledAt: instant,
    },
    [...VISIT_BOOKING_REQUIRED, 'reason', 'cancelledAt'],
    { title: VisitCancelledV1.type, description: 'Internal: a booked visit will not take place; its engineers are free again.' },
  ),
);
