import { IsDay } from '../../dto-rules.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MinLength } from 'class-validator';
import { ListPage } from '#platform';
import { ROUNDING_RULES, type RoundingRule } from '../../ledger/domain/billing-money.js';

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
