import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DLQ_REASON_CODES, type DlqReasonCode } from '#contracts';
import { PageOffset } from '#platform';

/** Rejected records in one answer when no limit is asked, and at most. */
export const REJECTED_EVENTS_PAGE = 100;
export const REJECTED_EVENTS_PAGE_MAX = 1000;

/** Newest first; `offset` reaches older ones. */
export class RejectedEventsQuery extends PageOffset {
  @ApiPropertyOptional({ default: REJECTED_EVENTS_PAGE, minimum: 1, maximum: REJECTED_EVENTS_PAGE_MAX, description: 'At most this many' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(REJECTED_EVENTS_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'Only records of this topic (as the contract names it, e.g. psa.field-work)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  topic?: string;

  @ApiPropertyOptional({ enum: DLQ_REASON_CODES, description: 'Only records rejected for this reason' })
  @IsOptional()
  @IsIn(DLQ_REASON_CODES)
  reasonCode?: DlqReasonCode;
}

export interface RejectedEventView {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  reasonCode: string;
  reason: string;
  rejectedAt: Date;
}

export interface PositionView {
  topic: string;
  partition: number;
  nextOffset: string;
  updatedAt: Date;
}
