import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { ENTRY_STATUSES, type EntryStatus } from '../domain/approval.js';

export class RejectInput {
  @ApiProperty({ description: 'Why, for the engineer who will correct it', maxLength: 1000, example: 'Travel is recorded separately; split the entry' })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(1000)
  reason: string;
}

/** At most this many entries in one answer of a queue, and as many when no limit is asked. */
export const APPROVAL_PAGE_MAX = 500;

export class ApprovalQueueQuery {
  @ApiPropertyOptional({ enum: ENTRY_STATUSES, default: 'submitted', description: 'submitted: waiting for a decision' })
  @IsOptional()
  @IsIn(ENTRY_STATUSES)
  status?: EntryStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'engineerId must be a UUID' })
  engineerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'visitId must be a UUID' })
  visitId?: string;

  @ApiPropertyOptional({ default: APPROVAL_PAGE_MAX, minimum: 1, maximum: APPROVAL_PAGE_MAX, description: 'At most this many' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(APPROVAL_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, description: 'Skip this many first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}
