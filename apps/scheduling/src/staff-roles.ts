import type { Role } from '#auth';

/** Who plans engineers and visits: every route that changes the roster or the schedule. */
export const PLANNERS: Role[] = ['dispatcher', 'service_manager', 'head_of_service'];
