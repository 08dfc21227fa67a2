import { ForbiddenException } from '@nestjs/common';

/** Why an authenticated caller was refused; sent as `code` with the 403. */
export const ForbiddenCode = {
  /** The route needs a role the principal does not have. */
  ROLE_REQUIRED: 'ROLE_REQUIRED',
  /** A customer asked for another customer's data. */
  OTHER_CUSTOMER: 'OTHER_CUSTOMER',
  /** An engineer tried to act for another engineer. */
  OTHER_ENGINEER: 'OTHER_ENGINEER',
} as const;
export type ForbiddenCode = (typeof ForbiddenCode)[keyof typeof ForbiddenCode];

/** A 403 with the same body shape as the guard's 401: `{ statusCode, error, message, code }`. */
export function forbidden(code: ForbiddenCode, message: string): ForbiddenException {
  return new ForbiddenException({ statusCode: 403, error: 'Forbidden', message, code });
}
