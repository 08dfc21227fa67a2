/**
 * Why an engineer (or nobody) can take a task. These codes are what dispatchers
 * filter on in decision records and the unassigned queue; add, never rename.
 */
export const ReasonCode = {
  /** The engineer is switched off in the roster. */
  INACTIVE: 'INACTIVE',
  /** The site's region is not among the regions the engineer serves. */
  REGION_NOT_SERVED: 'REGION_NOT_SERVED',
  /** A required skill is not on the engineer's record at all. */
  SKILL_MISSING: 'SKILL_MISSING',
  /** The engineer has the skill, but the certificate is not valid on the day of the visit. */
  CERT_EXPIRED: 'CERT_EXPIRED',
  /** On leave for the whole time the task could be done in. */
  ON_LEAVE: 'ON_LEAVE',
  /** The slot falls on one of the engineer's public holidays. */
  HOLIDAY: 'HOLIDAY',
  /** The slot (travel included) is outside the engineer's working hours. */
  OUTSIDE_WORKING_HOURS: 'OUTSIDE_WORKING_HOURS',
  /** The engineer has no working hours in the weeks searched. */
  NO_WORKING_HOURS: 'NO_WORKING_HOURS',
  /** Another booking (or leave) overlaps the slot, travel included. */
  NOT_FREE: 'NOT_FREE',
  /** Booked up: no free stretch long enough for the work and the travel in the time searched. */
  NO_FREE_SLOT: 'NO_FREE_SLOT',
  /** The slot starts before the task may start. */
  BEFORE_EARLIEST_START: 'BEFORE_EARLIEST_START',
  /** Qualified and free at times, but not when the rest of the crew is. */
  NOT_AVAILABLE_WITH_CREW: 'NOT_AVAILABLE_WITH_CREW',
  /** Task level: the site has no region, so no engineer can be matched to it. */
  SITE_REGION_UNKNOWN: 'SITE_REGION_UNKNOWN',
  /** Task level: fewer qualified, free engineers than the crew the task needs. */
  NOT_ENOUGH_ENGINEERS: 'NOT_ENOUGH_ENGINEERS',
  /** Task level: a dispatcher took the task off its engineers; it waits for a person. */
  UNASSIGNED_BY_DISPATCHER: 'UNASSIGNED_BY_DISPATCHER',
  /** Task level: the customer declined the proposed visit; a dispatcher agrees another time. */
  DECLINED_BY_CUSTOMER: 'DECLINED_BY_CUSTOMER',
} as const;
export type ReasonCode = (typeof ReasonCode)[keyof typeof ReasonCode];
