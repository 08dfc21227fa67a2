import { TIME_ACTIVITIES, TIME_HOURS_DECIMALS, TimeApprovedV1 } from '../events/time-approved.v1.js';
import { FIELD_WORK_VISIT_REQUIRED, fieldWorkVisitProperties } from './field-work.schema.js';
import { boolean, frozenSchema, instant, nonEmptyString, nullable, object, oneOf, positiveDecimal, uuid } from './schema-parts.js';

export const timeApprovedV1Schema = frozenSchema(
  object(
    {
      ...fieldWorkVisitProperties,
      timeEntryId: uuid,
      start: instant,
      end: { ...instant, description: 'After start (checked by the class only: JSON Schema cannot compare fields).' },
      hours: { ...positiveDecimal(TIME_HOURS_DECIMALS), description: 'end − start in hours, rounded half-up to 2 decimals; a decimal string.' },
      activity: oneOf(TIME_ACTIVITIES),
      billable: boolean,
      approvedBy: { ...nonEmptyString, description: "The approver's user id." },
      approvedAt: instant,
      corrects: nullable({ ...uuid, description: 'The earlier time entry this one replaces; billing reverses that one.' }),
    },
    [...FIELD_WORK_VISIT_REQUIRED, 'timeEntryId', 'start', 'end', 'hours', 'activity', 'billable', 'approvedBy', 'approvedAt'],
    { title: TimeApprovedV1.type, description: "Internal: a service manager approved an engineer's time entry." },
  ),
);
