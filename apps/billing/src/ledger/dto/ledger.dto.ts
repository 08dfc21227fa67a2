import { IsDay } from '../../dto-rules.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ListPage, PageOffset } from '#platform';
import { BILLING_LINE_STATES, type BillingLineState } from '#contracts';

/** Lines by work date, then entry; `offset` pages through them (the totals are of every line that matches). */
export class LedgerQuery extends PageOffset {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  customerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  orderId?: string;

  @ApiPropertyOptional({ enum: BILLING_LINE_STATES })
  @IsOptional()
  @IsIn(BILLING_LINE_STATES)
  state?: BillingLineState;

  @ApiPropertyOptional({ description: 'Work done on or after' })
  @IsOptional()
  @IsDay('from')
  from?: string;

  @ApiPropertyOptional({ description: 'Work done on or before' })
  @IsOptional()
  @IsDay('to')
  to?: string;

  @ApiPropertyOptional({ default: 500, maximum: 5000, description: 'Lines in this page (the totals are of every line that matches)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;

}

/**
 * `limit` and `offset` page the ready groups (in order of their earliest work day) and, by
 * the same numbers, the lines in review; the answer's counts say how long each list is.
 */
export class ReviewQueueQuery extends ListPage {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  customerId?: string;

  @ApiPropertyOptional({ description: 'Period cut-off: ready lines of work done on or before this day' })
  @IsOptional()
  @IsDay('cutoff')
  cutoff?: string;
}

export class LineIdParam {
  @IsUUID()
  id: string;
}

export class ReasonInput {
  @ApiProperty({ example: 'Customer disputes the travel time' })
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;
}

export class PriceOverrideInput extends ReasonInput {
  @ApiProperty({ example: '2200.00', description: 'The new unit price; the amount becomes quantity × it, rounded' })
  @Matches(/^(0|[1-9]\d{0,13})(\.\d{1,4})?$/, { message: 'unitPrice must be a decimal string with up to 4 decimals' })
  unitPrice: string;
}
