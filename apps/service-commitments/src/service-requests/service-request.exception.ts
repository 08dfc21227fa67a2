import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import { SlaClockError, SlaClockErrorCode } from '../sla/domain/sla-clock.js';

export const ServiceRequestErrorCode = {
  /** No such request, or one of another customer (which a customer must not learn exists). */
  SERVICE_REQUEST_NOT_FOUND: 'SERVICE_REQUEST_NOT_FOUND',
  /** No machine with that serial number, or another customer's machine. */
  MACHINE_NOT_FOUND: 'MACHINE_NOT_FOUND',
} as const;
export type ServiceRequestErrorCode = (typeof ServiceRequestErrorCode)[keyof typeof ServiceRequestErrorCode];

export class ServiceRequestException extends Error {
  constructor(
    readonly code: ServiceRequestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceRequestException';
  }
}

const STATUS_OF_REQUEST_ERROR: Record<ServiceRequestErrorCode, HttpStatus> = {
  SERVICE_REQUEST_NOT_FOUND: HttpStatus.NOT_FOUND,
  MACHINE_NOT_FOUND: HttpStatus.NOT_FOUND,
};

/**
 * What the clock refuses is a conflict with the request's state (already
 * responded, not on hold, resolved…), except a hold without a reason, which is bad input.
 * Anything else the clock throws is a bug here, not the caller's fault.
 */
const STATUS_OF_CLOCK_ERROR: Partial<Record<SlaClockErrorCode, HttpStatus>> = {
  ALREADY_RESPONDED: HttpStatus.CONFLICT,
  ALREADY_RESOLVED: HttpStatus.CONFLICT,
  ALREADY_PAUSED: HttpStatus.CONFLICT,
  NOT_PAUSED: HttpStatus.CONFLICT,
  TIME_WENT_BACKWARDS: HttpStatus.CONFLICT,
  PAUSE_REASON_REQUIRED: HttpStatus.BAD_REQUEST,
};

const ERROR_NAMES: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Bad Request',
  [HttpStatus.NOT_FOUND]: 'Not Found',
  [HttpStatus.CONFLICT]: 'Conflict',
  [HttpStatus.INTERNAL_SERVER_ERROR]: 'Internal Server Error',
};

interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

/** Maps service request and SLA clock errors to HTTP: `{ statusCode, error, message, code }`. */
@Catch(ServiceRequestException, SlaClockError)
export class ServiceRequestExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ServiceRequestExceptionFilter.name);

  catch(exception: ServiceRequestException | SlaClockError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    const status =
      exception instanceof ServiceRequestException ? STATUS_OF_REQUEST_ERROR[exception.code] : STATUS_OF_CLOCK_ERROR[exception.code];
    if (status === undefined) {
      this.logger.error({ msg: 'SLA clock refused a stored request', code: exception.code, error: exception.message });
      const internal = HttpStatus.INTERNAL_SERVER_ERROR;
      response.status(internal).json({ statusCode: internal, error: ERROR_NAMES[internal], message: 'Internal server error' });
      return;
    }
    response.status(status).json({ statusCode: status, error: ERROR_NAMES[status], message: exception.message, code: exception.code });
  }
}
