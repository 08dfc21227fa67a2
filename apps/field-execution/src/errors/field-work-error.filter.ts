import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { FieldWorkError, type FieldWorkErrorCode } from './field-work.error.js';

const STATUS_OF: Record<FieldWorkErrorCode, HttpStatus> = {
  VISIT_NOT_FOUND: HttpStatus.NOT_FOUND,
  TIME_ENTRY_NOT_FOUND: HttpStatus.NOT_FOUND,
  EXPENSE_NOT_FOUND: HttpStatus.NOT_FOUND,
  VISIT_CLOSED: HttpStatus.CONFLICT,
  ALREADY_CHECKED_IN: HttpStatus.CONFLICT,
  NOT_CHECKED_IN: HttpStatus.CONFLICT,
  VISIT_NOT_READY: HttpStatus.CONFLICT,
  FOLLOW_UP_REASON_REQUIRED: HttpStatus.BAD_REQUEST,
  CHECKLIST_ITEM_UNKNOWN: HttpStatus.BAD_REQUEST,
  INVALID_TIME: HttpStatus.BAD_REQUEST,
  TIME_OVERLAP: HttpStatus.CONFLICT,
  ENTRY_LOCKED: HttpStatus.CONFLICT,
  ENTRY_NOT_PENDING: HttpStatus.CONFLICT,
  CORRECTION_NOT_ALLOWED: HttpStatus.CONFLICT,
  INVALID_AMOUNT: HttpStatus.BAD_REQUEST,
  EXCHANGE_RATE_REQUIRED: HttpStatus.BAD_REQUEST,
  EXCHANGE_RATE_NOT_APPLICABLE: HttpStatus.BAD_REQUEST,
  REASON_REQUIRED: HttpStatus.BAD_REQUEST,
  REPORT_NOT_AVAILABLE: HttpStatus.CONFLICT,
};

const ERROR_NAMES: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Bad Request',
  [HttpStatus.NOT_FOUND]: 'Not Found',
  [HttpStatus.CONFLICT]: 'Conflict',
};

interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

/** Field work errors as HTTP: `{ statusCode, error, message, code, ...details }`. */
@Catch(FieldWorkError)
export class FieldWorkErrorFilter implements ExceptionFilter {
  catch(exception: FieldWorkError, host: ArgumentsHost): void {
    const status = STATUS_OF[exception.code];
    host
      .switchToHttp()
      .getResponse<JsonResponse>()
      .status(status)
      .json({ statusCode: status, error: ERROR_NAMES[status], message: exception.message, code: exception.code, ...exception.details });
  }
}
