import { IsOptional } from 'class-validator';
import { IsInstant, IsNonEmptyString } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { VisitBooking } from './visit-booking.js';

/**
 * Internal: scheduling booked engineers for a task. Sent again, with the same
 * bookingId, when the customer confirms the proposed visit.
 */
export class VisitScheduledV1 extends VisitBooking {
  static readonly type = 'psa.visit.scheduled.v1';
  static readonly topic = Topics.schedules;

  /** A dispatcher's reason, when a person chose other engineers or another time than the assigner would. */
  @IsOptional()
  @IsNonEmptyString()
  reason?: string | null;

  @IsInstant()
  scheduledAt: string;
}
