import { IsDay } from '../../dto-rules.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, MinLength, ValidateNested, registerDecorator } from 'class-validator';
import { ListPage } from '#platform';
import { ROUNDING_RULES, type RoundingRule } from '../../ledger/domain/billing-money.js';
import { DEFAULT_BUSINESS_HOURS } from '../../ledger/domain/premium-hours.js';

/** A percent of the rate of at least 100, up to 2 decimals (numeric(7,2)): "150", "137.5". */
const PREMIUM_PERCENT = /^[1-9]\d{2,4}(\.\d{1,2})?$/;
const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const WALL_TIME_OR_MIDNIGHT = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** `to` after `from` (both `HH:MM`, so their text orders as their times). */
function AfterField(other: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'afterField',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be after ${other}` },
      validator: {
        validate: (value: unknown, args) => {
          const earlier = (args?.object as Record<string, unknown>)[other] ?? DEFAULT_BUSINESS_HOURS[other as 'from'];
          // A malformed time has its own reason; text order is time order only between HH:MM.
          if (typeof value !== 'string' || typeof earlier !== 'string' || !WALL_TIME_OR_MIDNIGHT.test(value) || !WALL_TIME.test(earlier)) return true;
          return value > earlier;
        },
      },
    });
}

/** Premiums and business hours price billing hours: a cost card (an engineer's hour) stays flat. */
function OnBillingCardsOnly(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'onBillingCardsOnly',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `only billing rate cards carry ${String(propertyName)}; cost rates are flat` },
      validator: { validate: (value: unknown, args) => value === undefined || (args?.object as { kind?: string }).kind !== 'cost' },
    });
}

/** Business hours name a premium to apply outside them. */
function WithAPremium(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'withAPremium',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} change nothing without afterHoursPercent or weekendPercent` },
      validator: {
        validate: (value: unknown, args) => {
          const card = args?.object as { afterHoursPercent?: string; weekendPercent?: string };
          return value === undefined || card.afterHoursPercent !== undefined || card.weekendPercent !== undefined;
        },
      },
    });
}

export class BusinessHoursInput {
  @ApiPropertyOptional({
    type: [Number],
    example: [1, 2, 3, 4, 5],
    default: [1, 2, 3, 4, 5],
    description: "Working days as ISO weekdays (1 Monday … 7 Sunday), each once. Hours on other days are non-working (weekendPercent). Public holidays are not known to billing: a holiday is priced as the weekday it falls on",
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique({ message: 'days must name each weekday once' })
  @IsInt({ each: true, message: 'days must be ISO weekdays 1 (Monday) to 7 (Sunday)' })
  @Min(1, { each: true, message: 'days must be ISO weekdays 1 (Monday) to 7 (Sunday)' })
  @Max(7, { each: true, message: 'days must be ISO weekdays 1 (Monday) to 7 (Sunday)' })
  days?: number[];

  @ApiPropertyOptional({ example: '08:00', default: '08:00', description: "Start of business hours on a working day, HH:MM on the site's wall clock" })
  @IsOptional()
  @Matches(WALL_TIME, { message: 'from must be a time HH:MM (00:00 to 23:59)' })
  from?: string;

  @ApiPropertyOptional({ example: '18:00', default: '18:00', description: "End of business hours (exclusive), HH:MM on the site's wall clock, after from; 24:00 for the end of the day" })
  @IsOptional()
  @Matches(WALL_TIME_OR_MIDNIGHT, { message: 'to must be a time HH:MM (00:01 to 24:00)' })
  @AfterField('from')
  to?: string;
}

export class CreateRateCardInput {
  @ApiPropertyOptional({ enum: ['billing', 'cost'], default: 'billing' })
  @IsOptional()
  @IsIn(['billing', 'cost'])
  kind?: 'billing' | 'cost';

  @ApiPropertyOptional({ description: "The customer's negotiated rate; omit for the list price" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  customerId?: string;

  @ApiPropertyOptional({ description: 'A contract (the commitment that sold it) with its own rate' })
  @IsOptional()
  @IsUUID()
  contractId?: string;

  @ApiPropertyOptional({ description: 'Cost rates: the engineer priced; omit for the default cost rate' })
  @IsOptional()
  @IsUUID()
  engineerId?: string;

  @ApiPropertyOptional({ description: 'work, travel, training, waiting, documentation, or any', default: 'any' })
  @IsOptional()
  @IsIn(['any', 'work', 'travel', 'training', 'waiting', 'documentation'])
  activity?: string;

  @ApiProperty({ example: '2500.00', description: 'Per hour, a decimal string with up to 4 decimals' })
  @Matches(/^(0|[1-9]\d{0,9})(\.\d{1,4})?$/, { message: 'rate must be a decimal string with up to 4 decimals, e.g. "2500.00"' })
  rate: string;

  @ApiProperty({ example: 'INR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as INR' })
  currency: string;

  @ApiProperty({ example: '2026-01-01' })
  @IsDay('validFrom')
  validFrom: string;

  @ApiPropertyOptional({ enum: ROUNDING_RULES, default: 'half_up' })
  @IsOptional()
  @IsIn(ROUNDING_RULES)
  rounding?: RoundingRule;

  @ApiPropertyOptional({ example: '15', description: 'Parts are billed at cost plus this percent' })
  @IsOptional()
  @Matches(/^\d{1,3}(\.\d{1,2})?$/, { message: 'partsMarkupPercent must be a percent such as "15" or "12.5"' })
  partsMarkupPercent?: string;

  @ApiPropertyOptional({
    example: '150',
    description:
      "Billing cards: hours outside business hours on a working day are billed at this percent of the rate (\"150\" = 1.5 × the rate), by the site's time zone. " +
      'A decimal string of at least 100 with up to 2 decimals. Omit for one rate whatever the hour. ' +
      'A line with premium hours carries the blended rate (its amount ÷ its hours, 4 decimals) as its unit price and the hours per band in its description',
  })
  @IsOptional()
  @Matches(PREMIUM_PERCENT, { message: 'afterHoursPercent must be a percent of at least 100 with up to 2 decimals, e.g. "150"' })
  @OnBillingCardsOnly()
  afterHoursPercent?: string;

  @ApiPropertyOptional({
    example: '200',
    description:
      'Billing cards: hours on non-working days (days not in businessHours.days, whatever the hour) are billed at this percent of the rate. ' +
      'A decimal string of at least 100 with up to 2 decimals; when omitted afterHoursPercent applies on those days too. Public holidays are not non-working days to billing',
  })
  @IsOptional()
  @Matches(PREMIUM_PERCENT, { message: 'weekendPercent must be a percent of at least 100 with up to 2 decimals, e.g. "200"' })
  @OnBillingCardsOnly()
  weekendPercent?: string;

  @ApiPropertyOptional({
    type: BusinessHoursInput,
    description: "The working week the premiums are measured against, on the site's wall clock; default Monday–Friday 08:00–18:00. Only with afterHoursPercent or weekendPercent",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => BusinessHoursInput)
  @OnBillingCardsOnly()
  @WithAPremium()
  businessHours?: BusinessHoursInput;
}

/** Cards newest first (valid from, then entered), a page at a time. */
export class RateCardQuery extends ListPage {
  @ApiPropertyOptional({ enum: ['billing', 'cost'] })
  @IsOptional()
  @IsIn(['billing', 'cost'])
  kind?: 'billing' | 'cost';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  customerId?: string;
}
