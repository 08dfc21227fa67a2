import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BILLING_LINE_STATES, type BillingLineState } from '#contracts';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class LedgerQuery {
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
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Work done on or before' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ default: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}

export class ReviewQueueQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  customerId?: string;

  @ApiPropertyOptional({ description: 'Period cut-off: ready lines of work done on or before this day' })
  @IsOptional()
  @Matches(DATE, { message: 'cutoff must be a date YYYY-MM-DD' })
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
