import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, registerDecorator } from 'class-validator';

const REGION = /^[A-Za-z0-9_-]{1,40}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

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

export class HolidayQuery {
  @ApiPropertyOptional({ example: 'MH' }) @IsOptional() @Matches(REGION) region?: string;
}

export class TravelInput {
  @ApiProperty({ example: 'MH' }) @Matches(REGION, { message: 'fromRegion must be a region code' }) fromRegion: string;
  @ApiProperty({ example: 'KA' }) @Matches(REGION, { message: 'toRegion must be a region code' }) toRegion: string;
  @ApiProperty({ example: 240, description: 'Minutes each way (the same both ways unless the other direction is given too)' })
  @IsInt() @Min(0) @Max(1440) minutes: number;
}
