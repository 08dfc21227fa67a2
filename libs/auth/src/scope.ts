import { forbidden, ForbiddenCode } from './forbidden.js';
import { hasRole, type Principal } from './roles.js';

/**
 * The customer a principal is confined to: its own for a `customer`, null for
 * staff (who see every customer). Services filter their queries by it.
 */
export function customerScope(principal: Principal): string | null {
  if (!principal.roles.includes('customer')) return null;
  // Tokens guarantee customerId for customers; a principal built by hand without
  // one must not widen to "all customers", so fail here.
  if (!principal.customerId) throw new Error(`customer principal ${principal.subject} has no customerId`);
  return principal.customerId;
}

/** 403 when a customer principal asks for another customer's data; staff pass. */
export function assertCanSeeCustomer(principal: Principal, customerId: string): void {
  const scope = customerScope(principal);
  if (scope !== null && scope !== customerId) {
    throw forbidden(ForbiddenCode.OTHER_CUSTOMER, `A customer user may only see data of customer ${scope}`);
  }
}

/** Roles that plan and correct other engineers' work. */
const ACTS_FOR_ANY_ENGINEER = ['dispatcher', 'service_manager'] as const;

/** 403 unless the principal is that engineer, or a dispatcher, service_manager or admin. */
export function assertCanActAsEngineer(principal: Principal, engineerId: string): void {
  if (hasRole(principal, ...ACTS_FOR_ANY_ENGINEER)) return;
  if (principal.roles.includes('engineer') && principal.engineerId === engineerId) return;
  throw forbidden(
    ForbiddenCode.OTHER_ENGINEER,
    `Only engineer ${engineerId} or a dispatcher, service_manager or admin may act for engineer ${engineerId}`,
  );
}
