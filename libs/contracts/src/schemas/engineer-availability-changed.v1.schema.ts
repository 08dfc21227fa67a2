import { AVAILABILITY_DAY_KINDS, EngineerAvailabilityChangedV1 } from '../events/engineer-availability-changed.v1.js';
import { calendarDate, frozenSchema, instant, integerAtLeast, list, nonEmptyString, nullable, object, oneOf, uuid } from './schema-parts.js';

export const engineerAvailabilityDaySchema = object(
  {
    date: calendarDate,
    availableMinutes: { ...integerAtLeast(0), description: 'Calendar minutes minus leave and holidays; 0 on leave, holidays and days off.' },
    kind: oneOf(AVAILABILITY_DAY_KINDS),
  },
  ['date', 'availableMinutes', 'kind'],
);

export const engineerAvailabilityChangedV1Schema = frozenSchema(
  object(
    {
      engineerId: uuid,
      name: nonEmptyString,
      team: nullable(nonEmptyString),
      region: nullable({ ...nonEmptyString, description: "The engineer's home region (the same words as a site's region)." }),
      days: list(engineerAvailabilityDaySchema, { minItems: 1, description: 'The days this event states; a later changedAt replaces them.' }),
      changedAt: instant,
    },
    ['engineerId', 'name', 'days', 'changedAt'],
    {
      title: EngineerAvailabilityChangedV1.type,
      description: "Internal: an engineer's available minutes per day (calendar minus leave and holidays), as they now stand.",
    },
  ),
);
