import { Matches } from 'class-validator';

const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A `YYYY-MM-DD` field, with a message that names it. */
export function IsDay(field: string): PropertyDecorator {
  return Matches(CALENDAR_DATE, { message: `${field} must be a date YYYY-MM-DD` });
}
