import { IsOptional } from 'class-validator';
import { IsInstant, IsNonEmptyString, IsUuidList, NestedObject } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { VisitBooking } from './visit-booking.js';

/** Where and when the visit was before it moved. */
export class PreviousVisit {
  @IsUuidList({ unique: true })
  engineerIds: string[];

  @IsInstant()
  start: string;

  @IsInstant()
  end: string;
}

/** Internal: a booked visit moved to other engineers or another time; the booking as it now stands. */
export class VisitRescheduledV1 extends VisitBooking {
  static readonly type = 'psa.visit.rescheduled.v1';
  static readonly topic = Topics.schedules;

  @IsOptional()
  @NestedObject(() => PreviousVisit)
  previous?: PreviousVisit | null;

  /** Why it moved: the task changed, a dispatcher reassigned it (with their reason). */
  @IsOptional()
  @IsNonEmptyString()
  reason?: string | null;

  @IsInstant()
  rescheduledAt: string;
}
