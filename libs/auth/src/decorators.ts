import { createParamDecorator, SetMetadata, type CustomDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from './roles.js';

export const IS_PUBLIC = 'serviceloop:auth:public';
export const REQUIRED_ROLES = 'serviceloop:auth:roles';

/** The request shape the guard writes to. */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

/** Open this route (or every route of this controller) without a token, e.g. health checks. */
export const Public = (): CustomDecorator<string> => SetMetadata(IS_PUBLIC, true);

/**
 * The principal needs any one of these roles (`admin` always passes). On a method
 * it replaces the controller's @Roles rather than adding to it.
 */
export function Roles(...roles: Role[]): CustomDecorator<string> {
  if (roles.length === 0) throw new Error('@Roles() needs at least one role');
  return SetMetadata(REQUIRED_ROLES, roles);
}

/** The authenticated principal of this request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  // Fail loudly instead of handing `undefined` to access checks.
  if (!principal) {
    throw new Error('@CurrentPrincipal() on a route without an authenticated principal (is it @Public(), or AuthModule missing?)');
  }
  return principal;
});
