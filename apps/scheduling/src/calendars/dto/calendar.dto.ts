import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, registerDecorator } from 'class-validator';
import { ListPage } from '#platform';

const REGION = /^[A-Za-z0-9_-]{1,40}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A day of the calendar (month 01–12, day 01–31), for the period of a list. */
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function NotBeforeField(other: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notBeforeField',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must not be before ${other}` },
      validator: {
        validate: (value: unknown, args) => {
          const earlier = (args?.object as Record<string, unknown>)[other];
          return typeof value !== 'string' || typeof earlier !== 'string' || value >= earlier;
        },
      },
    });
}

export class LeaveParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be an engineer id (UUID)' }) id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'leaveId must be a leave id (UUID)' }) leaveId: string;
}

export class LeaveInput {
  @ApiProperty({ example: '2026-11-30', description: 'First day of leave (engineer’s zone)' })
  @Matches(DATE, { message: 'firstDay must be a date YYYY-MM-DD' }) firstDay: string;
  @ApiProperty({ example: '2026-12-04', description: 'Last day of leave, inclusive' })
  @Matches(DATE, { message: 'lastDay must be a date YYYY-MM-DD' }) @NotBeforeField('firstDay') lastDay: string;
  @ApiPropertyOptional({ example: 'Annual leave' }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class LeaveOptions {
  @ApiPropertyOptional({ description: 'true: visits booked in the leave are placed again (or queued); false (default): 409 listing them' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() reschedule?: boolean;
}

export class HolidayIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be a holiday id (UUID)' }) id: string;
}

export class HolidayInput {
  @ApiProperty({ example: 'MH' }) @Matches(REGION, { message: 'region must be a region code' }) region: string;
  @ApiProperty({ example: '2026-12-25' }) @Matches(DATE, { message: 'date must be a date YYYY-MM-DD' }) date: string;
  @ApiProperty({ example: 'Christmas' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
}

/** Which part of a calendar list: the days of a period (both ends inclusive), then a page of it (`limit` up to and by default 500). */
class CalendarPeriodPage extends ListPage {
  @ApiPropertyOptional({ example: '2027-01-01', description: 'First day, YYYY-MM-DD. Without from and to the list takes its default period (see each list); with only to, no first day' })
  @IsOptional() @Matches(DAY, { message: 'from must be a date YYYY-MM-DD' }) from?: string;
  @ApiPropertyOptional({ example: '2027-12-31', description: 'Last day, YYYY-MM-DD, inclusive. With only from, no last day' })
  @IsOptional() @Matches(DAY, { message: 'to must be a date YYYY-MM-DD' }) @NotBeforeField('from') to?: string;
}

/** Holidays on the days of the period; without from and to, this calendar year and the next (UTC). By date, region, id. */
export class HolidayQuery extends CalendarPeriodPage {
  @ApiPropertyOptional({ example: 'MH' }) @IsOptional() @Matches(REGION) region?: string;
}

/** Leave that touches the period (ends on or after from, starts on or before to); without from and to, leave ending from a year ago (UTC) on. By first day, id. */
export class LeaveQuery extends CalendarPeriodPage {}

export class TravelInput {
  @ApiProperty({ example: 'MH' }) @Matches(REGION, { message: 'fromRegion must be a region code' }) fromRegion: string;
  @ApiProperty({ example: 'KA' }) @Matches(REGION, { message: 'toRegion must be a region code' }) toRegion: string;
  @ApiProperty({ example: 240, description: 'Minutes each way (the same both ways unless the other direction is given too)' })
  @IsInt() @Min(0) @Max(1440) minutes: number;
}
