/** Why billing refused an action; `BillingErrorFilter` maps each code to an HTTP status. */
export const BillingErrorCode = {
  LINE_NOT_FOUND: 'LINE_NOT_FOUND',
  INVOICE_REQUEST_NOT_FOUND: 'INVOICE_REQUEST_NOT_FOUND',
  /** The line's state does not allow the action (e.g. re-pricing a requested line). */
  LINE_STATE_CONFLICT: 'LINE_STATE_CONFLICT',
  /** Nothing ready matched the selection. */
  NOTHING_TO_INVOICE: 'NOTHING_TO_INVOICE',
  /** A selected line is not ready (or not of the customer asked for). */
  LINE_NOT_READY: 'LINE_NOT_READY',
  INVALID_AMOUNT: 'INVALID_AMOUNT',
  /** The selection holds more ready lines than one call may request: narrow it. */
  SELECTION_TOO_LARGE: 'SELECTION_TOO_LARGE',
} as const;
export type BillingErrorCode = (typeof BillingErrorCode)[keyof typeof BillingErrorCode];

export class BillingError extends Error {
  constructor(
    readonly code: BillingErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'BillingError';
  }
}
