import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { LedgerTransitionRefused } from '../ledger/domain/ledger-line-state.js';
import { BillingError, type BillingErrorCode } from './billing.error.js';

const STATUS_OF: Record<BillingErrorCode, HttpStatus> = {
  LINE_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVOICE_REQUEST_NOT_FOUND: HttpStatus.NOT_FOUND,
  LINE_STATE_CONFLICT: HttpStatus.CONFLICT,
  NOTHING_TO_INVOICE: HttpStatus.CONFLICT,
  LINE_NOT_READY: HttpStatus.CONFLICT,
  INVALID_AMOUNT: HttpStatus.BAD_REQUEST,
  SELECTION_TOO_LARGE: HttpStatus.BAD_REQUEST,
};

interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

/** Billing errors as HTTP: `{ statusCode, error, message, code, ...details }`. */
@Catch(BillingError, LedgerTransitionRefused)
export class BillingErrorFilter implements ExceptionFilter {
  catch(exception: BillingError | LedgerTransitionRefused, host: ArgumentsHost): void {
    const error =
      exception instanceof LedgerTransitionRefused
        ? new BillingError('LINE_STATE_CONFLICT', exception.message, { action: exception.action, state: exception.state })
        : exception;
    const status = STATUS_OF[error.code];
    host
      .switchToHttp()
      .getResponse<JsonResponse>()
      .status(status)
      .json({ statusCode: status, error: status === 404 ? 'Not Found' : status === 409 ? 'Conflict' : 'Bad Request', message: error.message, code: error.code, ...error.details });
  }
}
