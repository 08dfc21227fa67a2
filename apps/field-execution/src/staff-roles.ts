import type { Role } from '#auth';

/** People of the manufacturer who see every engineer's visits. */
export const FIELD_STAFF: Role[] = ['service_manager', 'head_of_service', 'dispatcher', 'finance', 'analyst'];
/** Who records work on a visit: its engineer, or a dispatcher or service manager for them (`assertCanActAsEngineer`). */
export const ON_SITE: Role[] = ['engineer', 'service_manager', 'dispatcher'];
/** Who approves or rejects time and expenses. */
export const APPROVERS: Role[] = ['service_manager', 'head_of_service'];
