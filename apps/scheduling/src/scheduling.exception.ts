import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';

export const SchedulingErrorCode = {
  ENGINEER_NOT_FOUND: 'ENGINEER_NOT_FOUND',
  TASK_NOT_FOUND: 'TASK_NOT_FOUND',
  BOOKING_NOT_FOUND: 'BOOKING_NOT_FOUND',
  LEAVE_NOT_FOUND: 'LEAVE_NOT_FOUND',
  HOLIDAY_NOT_FOUND: 'HOLIDAY_NOT_FOUND',
  DECISION_NOT_FOUND: 'DECISION_NOT_FOUND',
  /** Someone else holds the engineer's time (PostgreSQL's no-overlap constraint, or seen before trying). */
  SLOT_TAKEN: 'SLOT_TAKEN',
  /** The choice breaks a hard rule (skills, certificate, region, hours, leave, earliest start). */
  RULES_VIOLATED: 'RULES_VIOLATED',
  /** The dispatcher chose other than the assigner would, without saying why. */
  OVERRIDE_REASON_REQUIRED: 'OVERRIDE_REASON_REQUIRED',
  /** The task or booking is not in a state that allows this (cancelled task, confirmed booking declined…). */
  INVALID_STATE: 'INVALID_STATE',
  /** Leave over booked visits: move them first, or ask for them to be rescheduled. */
  LEAVE_OVER_BOOKINGS: 'LEAVE_OVER_BOOKINGS',
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  HOLIDAY_EXISTS: 'HOLIDAY_EXISTS',
  BAD_INPUT: 'BAD_INPUT',
} as const;
export type SchedulingErrorCode = (typeof SchedulingErrorCode)[keyof typeof SchedulingErrorCode];

/** A refusal of the scheduling domain; `details` travel to the caller (conflicting booking, broken rules). */
export class SchedulingException extends Error {
  constructor(
    readonly code: SchedulingErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'SchedulingException';
  }
}

const STATUS: Record<SchedulingErrorCode, HttpStatus> = {
  ENGINEER_NOT_FOUND: HttpStatus.NOT_FOUND,
  TASK_NOT_FOUND: HttpStatus.NOT_FOUND,
  BOOKING_NOT_FOUND: HttpStatus.NOT_FOUND,
  LEAVE_NOT_FOUND: HttpStatus.NOT_FOUND,
  HOLIDAY_NOT_FOUND: HttpStatus.NOT_FOUND,
  DECISION_NOT_FOUND: HttpStatus.NOT_FOUND,
  SLOT_TAKEN: HttpStatus.CONFLICT,
  RULES_VIOLATED: HttpStatus.UNPROCESSABLE_ENTITY,
  OVERRIDE_REASON_REQUIRED: HttpStatus.BAD_REQUEST,
  INVALID_STATE: HttpStatus.CONFLICT,
  LEAVE_OVER_BOOKINGS: HttpStatus.CONFLICT,
  EMAIL_TAKEN: HttpStatus.CONFLICT,
  HOLIDAY_EXISTS: HttpStatus.CONFLICT,
  BAD_INPUT: HttpStatus.BAD_REQUEST,
};

const ERROR_NAMES: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Bad Request',
  [HttpStatus.NOT_FOUND]: 'Not Found',
  [HttpStatus.CONFLICT]: 'Conflict',
  [HttpStatus.UNPROCESSABLE_ENTITY]: 'Unprocessable Entity',
};

interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

export function httpStatusOf(code: SchedulingErrorCode): HttpStatus {
  return STATUS[code];
}

/** Scheduling refusals over HTTP: `{ statusCode, error, message, code, ...details }`. */
@Catch(SchedulingException)
export class SchedulingExceptionFilter implements ExceptionFilter {
  catch(exception: SchedulingException, host: ArgumentsHost): void {
    const status = STATUS[exception.code];
    host
      .switchToHttp()
      .getResponse<JsonResponse>()
      .status(status)
      .json({ statusCode: status, error: ERROR_NAMES[status], message: exception.message, code: exception.code, ...exception.details });
  }
}
