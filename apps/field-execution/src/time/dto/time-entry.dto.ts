import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { TIME_ACTIVITIES, type TimeActivity } from '../domain/time-entry-rules.js';

const INSTANT = { strict: true, strictSeparator: true } as const;

export class TimeEntryIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be a time entry id (UUID)' }) id: string;
}

export class RecordTimeInput {
  @ApiProperty({ example: '2026-11-30T04:35:00Z' })
  @IsISO8601(INSTANT, { message: 'start must be an RFC 3339 instant' })
  start: string;

  @ApiProperty({ example: '2026-11-30T10:35:00Z' })
  @IsISO8601(INSTANT, { message: 'end must be an RFC 3339 instant' })
  end: string;

  @ApiProperty({ enum: TIME_ACTIVITIES })
  @IsIn(TIME_ACTIVITIES)
  activity: TimeActivity;

  @ApiProperty({ description: 'Billable to the customer (warranty work is not, for example)' })
  @IsBoolean()
  billable: boolean;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

/** Only a submitted entry may be edited; decided ones are corrected. */
export class EditTimeInput extends PartialType(RecordTimeInput) {}

export class CorrectTimeInput extends RecordTimeInput {
  @ApiProperty({ description: 'What was wrong with the entry it corrects', maxLength: 1000 })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(1000)
  reason: string;
}
