import { IsOptional, registerDecorator, type ValidationArguments } from 'class-validator';
import { isRfc3339Instant } from '../dates.js';
import { IsInstant, IsNonEmptyString, IsUuid } from '../contract-validators.js';

/**
 * Shared parts of field-execution's events on `psa.field-work`: where an engineer
 * was, who signed a visit off, and the rules JSON Schema cannot express.
 */

function numberRule(name: string, check: (value: number) => boolean, expectation: string): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyKey),
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && check(value),
        defaultMessage: (args: ValidationArguments) => `must be ${expectation}, got ${typeof args.value === 'number' ? args.value : JSON.stringify(args.value)}`,
      },
    });
}

/** A number in [min, max] (degrees of latitude or longitude). */
export function IsNumberBetween(min: number, max: number): PropertyDecorator {
  return numberRule('isNumberBetween', (value) => value >= min && value <= max, `a number from ${min} to ${max}`);
}

/** A quantity that may be negative (a return reverses an issue) but never zero. */
export function IsNonZeroQuantity(): PropertyDecorator {
  return numberRule('isNonZeroQuantity', (value) => value !== 0, 'a non-zero number (negative for a return)');
}

/**
 * An instant after the one in `earlierProperty` (a time entry's end after its start).
 * JSON Schema cannot compare two fields, so only the classes check it.
 */
export function IsInstantAfter(earlierProperty: string): PropertyDecorator {
  const earlier = (args: ValidationArguments) => (args.object as Record<string, unknown>)[earlierProperty];
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isInstantAfter',
      target: target.constructor,
      propertyName: String(propertyKey),
      validator: {
        // A malformed instant is reported by its own rule.
        validate: (value: unknown, args: ValidationArguments) =>
          !isRfc3339Instant(value) || !isRfc3339Instant(earlier(args)) || Date.parse(value) > Date.parse(earlier(args) as string),
        defaultMessage: (args: ValidationArguments) => `${JSON.stringify(args.value)} must be after ${earlierProperty} ${JSON.stringify(earlier(args))}`,
      },
    });
}

/** Where the engineer's device was, in WGS 84 degrees. */
export class GeoLocation {
  @IsNumberBetween(-90, 90)
  lat: number;

  @IsNumberBetween(-180, 180)
  lon: number;
}

/** The visit and task a piece of field work belongs to; every psa.field-work event about a visit carries it. */
export class FieldWorkVisitReference {
  @IsUuid()
  visitId: string;

  @IsUuid()
  taskId: string;

  /** Null for a breakdown on a machine without a ServiceLoop project. */
  @IsOptional()
  @IsUuid()
  projectId?: string | null;

  @IsNonEmptyString()
  customerId: string;

  /** The engineer who did the work (scheduling's engineer id). */
  @IsUuid()
  engineerId: string;
}

/** The customer's acceptance of the work, as signed on the engineer's device. */
export class VisitSignOff {
  @IsNonEmptyString()
  name: string;

  @IsInstant()
  signedAt: string;
}
