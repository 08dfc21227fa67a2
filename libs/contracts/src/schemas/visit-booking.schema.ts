import { VISIT_STATUSES } from '../events/visit-booking.js';
import { serviceProjectSiteSchema } from './service-project-created.v1.schema.js';
import { instant, integerAtLeast, list, nonEmptyString, nullable, object, oneOf, uuid, uuidList, type JsonSchema } from './schema-parts.js';

/** One working stretch on site. */
export const visitSegmentSchema: JsonSchema = object(
  { start: instant, end: { ...instant, description: 'Not before start (checked by the class only: JSON Schema cannot compare fields).' } },
  ['start', 'end'],
);

/** The fields every psa.visit.* event carries: the booking as it now stands. */
export const visitBookingProperties: Record<string, JsonSchema> = {
  bookingId: { ...uuid, description: 'Stable across reschedules and confirmation: consumers upsert by it.' },
  taskId: uuid,
  projectId: nullable(uuid),
  serviceRequestId: nullable(uuid),
  customerId: nonEmptyString,
  engineerIds: { ...uuidList({ unique: true }), minItems: 1, description: 'The crew booked for the whole visit; the first leads.' },
  start: { ...instant, description: 'Work on site starts (travel to the site comes before it).' },
  end: { ...instant, description: 'Work on site ends; not before start (checked by the class only).' },
  segments: list(visitSegmentSchema, { minItems: 1, description: 'The working stretches between start and end: one per working day.' }),
  travelMinutes: { ...integerAtLeast(0), description: "Travel each way between the lead engineer's base and the site, per working day." },
  site: serviceProjectSiteSchema,
  status: { ...oneOf(VISIT_STATUSES), description: 'Proposed to the customer, or confirmed.' },
};

export const VISIT_BOOKING_REQUIRED = [
  'bookingId',
  'taskId',
  'customerId',
  'engineerIds',
  'start',
  'end',
  'segments',
  'travelMinutes',
  'status',
] as const;
