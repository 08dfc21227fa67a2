import { ArrayMinSize, IsOptional, registerDecorator, type ValidationArguments } from 'class-validator';
import {
  IsInstant,
  IsIntegerAtLeast,
  IsNonEmptyString,
  IsOneOf,
  IsUuid,
  IsUuidList,
  NestedList,
  NestedObject,
} from '../contract-validators.js';
import { isRfc3339Instant } from '../dates.js';
import { ServiceProjectSite } from './service-project-created.v1.js';

/**
 * A booked visit is first proposed to the customer, then confirmed. A declined or
 * freed visit is not a status here: it is a `psa.visit.cancelled.v1`.
 */
export const VISIT_STATUSES = ['proposed', 'confirmed'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

/**
 * An instant not before the one in `earlierProperty` (a visit's end after its start).
 * JSON Schema cannot compare two fields, so only the classes check it.
 */
function IsInstantNotBefore(earlierProperty: string): PropertyDecorator {
  const earlier = (args: ValidationArguments) => (args.object as Record<string, unknown>)[earlierProperty];
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isInstantNotBefore',
      target: target.constructor,
      propertyName: String(propertyKey),
      validator: {
        // A malformed instant is reported by its own rule.
        validate: (value: unknown, args: ValidationArguments) =>
          !isRfc3339Instant(value) || !isRfc3339Instant(earlier(args)) || Date.parse(value) >= Date.parse(earlier(args) as string),
        defaultMessage: (args: ValidationArguments) => `${JSON.stringify(args.value)} must not be before ${earlierProperty} ${JSON.stringify(earlier(args))}`,
      },
    });
}

/** One stretch of work on site; a task longer than a working day is split across working days. */
export class VisitSegment {
  @IsInstant()
  start: string;

  @IsInstant()
  @IsInstantNotBefore('start')
  end: string;
}

/**
 * A visit as scheduling booked it: which engineers (the crew) go to which site
 * when, for which task. Every psa.visit.* event carries the whole visit.
 */
export class VisitBooking {
  /** Stable across reschedules and confirmation: consumers upsert by it. */
  @IsUuid()
  bookingId: string;

  @IsUuid()
  taskId: string;

  @IsOptional()
  @IsUuid()
  projectId?: string | null;

  @IsOptional()
  @IsUuid()
  serviceRequestId?: string | null;

  @IsNonEmptyString()
  customerId: string;

  /** The crew: every engineer booked for the whole visit; the first leads. */
  @IsUuidList({ unique: true })
  @ArrayMinSize(1, { message: 'must have at least 1 item' })
  engineerIds: string[];

  /** Work on site starts (travel to the site comes before it). */
  @IsInstant()
  start: string;

  /** Work on site ends (travel back comes after it). */
  @IsInstant()
  @IsInstantNotBefore('start')
  end: string;

  /** The working stretches between start and end: one per working day. */
  @NestedList(() => VisitSegment, { minItems: 1 })
  segments: VisitSegment[];

  /** Travel each way between the lead engineer's base and the site, per working day. */
  @IsIntegerAtLeast(0)
  travelMinutes: number;

  @IsOptional()
  @NestedObject(() => ServiceProjectSite)
  site?: ServiceProjectSite | null;

  @IsOneOf(VISIT_STATUSES)
  status: VisitStatus;
}
