import type { Role } from '#auth';

/** People of the manufacturer who may read service work across customers. */
export const STAFF: Role[] = ['service_manager', 'head_of_service', 'dispatcher', 'engineer', 'finance', 'analyst'];
/** Who may change commitments and tasks by hand. */
export const SERVICE_DESK: Role[] = ['service_manager', 'head_of_service', 'dispatcher'];
