import { IsInstant, IsNonEmptyString } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { VisitBooking } from './visit-booking.js';

/** Internal: a booked visit will not take place (task cancelled or on hold, done before the visit, unassigned, declined by the customer). */
export class VisitCancelledV1 extends VisitBooking {
  static readonly type = 'psa.visit.cancelled.v1';
  static readonly topic = Topics.schedules;

  /** Why it will not take place. */
  @IsNonEmptyString()
  reason: string;

  @IsInstant()
  cancelledAt: string;
}
