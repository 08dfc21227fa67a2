import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOffset } from '#platform';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { isTimeOfDay, isTimeZone, minutesOfDay } from '../../assignment/domain/zoned-time.js';

const REGION = /^[A-Za-z0-9_-]{1,40}$/;
const TEAM = /^\S.{0,79}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function IsIanaZone(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIanaZone',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be an IANA time zone such as Asia/Kolkata` },
      validator: { validate: (value: unknown) => typeof value === 'string' && isTimeZone(value) },
    });
}

function IsTimeOfDay(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeOfDay',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a time of day HH:MM (00:00–24:00)` },
      validator: { validate: (value: unknown) => typeof value === 'string' && isTimeOfDay(value) },
    });
}

/** end after start, on a WeeklyHoursInput. */
function EndsAfterStart(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'endsAfterStart',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'end must be after start' },
      validator: {
        validate: (value: unknown, args) => {
          const start = (args?.object as { start?: unknown }).start;
          return typeof value !== 'string' || typeof start !== 'string' || !isTimeOfDay(value) || !isTimeOfDay(start) || minutesOfDay(value) > minutesOfDay(start);
        },
      },
    });
}

export class EngineerIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be an engineer id (UUID)' }) id: string;
}

export class WeeklyHoursInput {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 = Monday … 7 = Sunday' }) @IsInt() @Min(1) @Max(7) day: number;
  @ApiProperty({ example: '09:00' }) @IsTimeOfDay() start: string;
  @ApiProperty({ example: '18:00' }) @IsTimeOfDay() @EndsAfterStart() end: string;
}

export class SkillInput {
  @ApiProperty({ example: 'hydraulics' }) @IsString() @Matches(/^\S.{0,79}$/, { message: 'skill must be 1–80 characters' }) skill: string;
  @ApiPropertyOptional({ example: 'HYD-CERT-2291' }) @IsOptional() @IsString() @MaxLength(120) certificate?: string;
  @ApiPropertyOptional({ description: 'Last valid day of the certificate (YYYY-MM-DD, engineer’s zone); omit when it does not expire', example: '2027-06-30' })
  @IsOptional() @Matches(DATE, { message: 'certifiedUntil must be a date YYYY-MM-DD' }) certifiedUntil?: string;
}

export class CreateEngineerInput {
  @ApiProperty({ example: 'Asha Patil' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ example: 'asha.patil@example.com' }) @IsEmail() email: string;
  @ApiProperty({ example: 'MH' }) @Matches(REGION, { message: 'homeRegion must be a region code' }) homeRegion: string;
  @ApiProperty({ example: 'Asia/Kolkata' }) @IsIanaZone() timezone: string;
  @ApiPropertyOptional({ example: 'Installations West', description: 'The team the engineer works in (utilization is reported per team); none when absent' })
  @IsOptional() @IsString() @Matches(TEAM, { message: 'team must be 1–80 characters, not starting with a space' }) team?: string;
  @ApiPropertyOptional({ type: [String], description: 'Regions served besides the home region', example: ['KA'] })
  @IsOptional() @ArrayMaxSize(50) @ArrayUnique() @Matches(REGION, { each: true, message: 'regions must be region codes' }) regions?: string[];
  @ApiPropertyOptional({ type: [SkillInput] }) @IsOptional() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => SkillInput) skills?: SkillInput[];
  @ApiPropertyOptional({ type: [WeeklyHoursInput], description: 'Default Monday–Friday 09:00–18:00' })
  @IsOptional() @ArrayMaxSize(21) @ValidateNested({ each: true }) @Type(() => WeeklyHoursInput) workingHours?: WeeklyHoursInput[];
}

export class UpdateEngineerInput {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(REGION, { message: 'homeRegion must be a region code' }) homeRegion?: string;
  @ApiPropertyOptional() @IsOptional() @IsIanaZone() timezone?: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Service South', description: 'The team the engineer works in; null takes the engineer out of any team' })
  @ValidateIf((_, value) => value !== undefined && value !== null) @IsString() @Matches(TEAM, { message: 'team must be 1–80 characters, not starting with a space' }) team?: string | null;
  @ApiPropertyOptional({ description: 'false: switched off; future visits are placed again without the engineer' }) @IsOptional() @IsBoolean() active?: boolean;
}

export class SkillsInput {
  @ApiProperty({ type: [SkillInput] }) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => SkillInput) skills: SkillInput[];
}

export class RegionsInput {
  @ApiProperty({ type: [String], example: ['KA', 'GJ'] })
  @ArrayMaxSize(50) @ArrayUnique() @Matches(REGION, { each: true, message: 'regions must be region codes' }) regions: string[];
}

export class WorkingHoursInput {
  @ApiPropertyOptional({ example: 'Asia/Kolkata' }) @IsOptional() @IsIanaZone() timezone?: string;
  @ApiProperty({ type: [WeeklyHoursInput] }) @ArrayMaxSize(21) @ValidateNested({ each: true }) @Type(() => WeeklyHoursInput) weeklyHours: WeeklyHoursInput[];
}

/** At most this many engineers in one answer of the roster, and as many when no limit is asked. */
export const ENGINEER_PAGE_MAX = 1000;

export class EngineerQuery extends PageOffset {
  @ApiPropertyOptional({ description: 'Serving this region (home or served)' }) @IsOptional() @Matches(REGION) region?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(80) skill?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ default: ENGINEER_PAGE_MAX, maximum: ENGINEER_PAGE_MAX, description: 'Engineers in this page, by name' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(ENGINEER_PAGE_MAX) limit?: number;
}

export const SPANS = ['day', 'week'] as const;

export class ScheduleQuery {
  @ApiProperty({ example: '2026-11-27', description: 'A day; with span=week, the week (Monday to Sunday) it falls in' })
  @Matches(DATE, { message: 'date must be a date YYYY-MM-DD' }) date: string;
  @ApiPropertyOptional({ enum: SPANS, default: 'day' }) @IsOptional() @IsIn(SPANS) span?: (typeof SPANS)[number];
}

export class RegionParam {
  @ApiProperty({ example: 'MH' }) @Matches(REGION, { message: 'region must be a region code' }) region: string;
}

export class WorkloadQuery {
  @ApiPropertyOptional({ example: 'MH', description: 'Engineers serving this region; all when absent' }) @IsOptional() @Matches(REGION) region?: string;
  @ApiProperty({ example: '2026-11-27', description: 'Any day of the week (Monday to Sunday) to report' })
  @Matches(DATE, { message: 'date must be a date YYYY-MM-DD' }) date: string;
}
