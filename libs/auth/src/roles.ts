/** Who may do what, in the words service managers use. */
export const ROLES = [
  'service_manager',
  'head_of_service',
  'dispatcher',
  'engineer',
  'finance',
  'analyst',
  'customer',
  /** An ERP connector (machine user): reads the catalogue, replays dead letters. */
  'integration',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

/** The authenticated caller, taken from a verified token. */
export interface Principal {
  /** Stable user id (JWT `sub`). */
  subject: string;
  /** Display name (JWT `name`). */
  name?: string;
  roles: Role[];
  /** The one customer a `customer` principal may see (JWT `customer_id`); required for that role. */
  customerId?: string;
  /** The engineer record an `engineer` principal acts as (JWT `engineer_id`). */
  engineerId?: string;
}

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

/** True when the principal has any of the roles; `admin` has every role. */
export function hasRole(principal: Principal, ...anyOf: Role[]): boolean {
  return principal.roles.includes('admin') || anyOf.some((role) => principal.roles.includes(role));
}
