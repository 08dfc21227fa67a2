import { IsDay } from '../../dto-rules.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min, MinLength } from 'class-validator';
import { PageOffset } from '#platform';
import { INVOICE_REQUEST_STATUSES, type InvoiceRequestStatus } from '../invoicing.entities.js';

/** Finance's approval: which ready lines of a customer go to the ERP now. */
export class CreateInvoiceRequestInput {
  @ApiProperty({ example: 'C-1007' })
  @IsString()
  @MinLength(1)
  customerId: string;

  @ApiPropertyOptional({ description: "Only this project's lines" })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({ description: "Only this order's lines" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  orderId?: string;

  @ApiPropertyOptional({ description: 'Partial invoicing: only these ready lines', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  lineIds?: string[];

  @ApiPropertyOptional({ description: 'Period cut-off: only work done on or before this day', example: '2026-11-30' })
  @IsOptional()
  @IsDay('cutoff')
  cutoff?: string;

  @ApiPropertyOptional({ description: 'Only work done on or after this day', example: '2026-11-01' })
  @IsOptional()
  @IsDay('from')
  from?: string;
}

/** Newest first; `offset` reaches older pages. */
export class InvoiceRequestQuery extends PageOffset {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  customerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  orderId?: string;

  @ApiPropertyOptional({ enum: INVOICE_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(INVOICE_REQUEST_STATUSES)
  status?: InvoiceRequestStatus;

  @ApiPropertyOptional({ description: 'Only requests the ERP posted with another total' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  flagged?: boolean;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

}

export class InvoiceRequestIdParam {
  @IsUUID()
  id: string;
}
