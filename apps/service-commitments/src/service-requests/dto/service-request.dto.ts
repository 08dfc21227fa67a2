import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { Priority } from '../../coverage/domain/coverage-rules.js';
import { SERVICE_REQUEST_STATUSES, type ServiceRequestStatus } from '../domain/request-clock.js';

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
/** Why the breakdown task waits while the request is on hold for the customer. */
export const CUSTOMER_HOLD_REASONS = ['customer_confirmation', 'other'] as const;
export type CustomerHoldReason = (typeof CUSTOMER_HOLD_REASONS)[number];

const SERIAL = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RaiseServiceRequestInput {
  @ApiProperty({ example: 'INJ250-0009' })
  @Matches(SERIAL, { message: 'serialNumber must be a machine serial number' })
  serialNumber: string;

  @ApiProperty({ enum: PRIORITIES, description: 'P1 machine down … P4 minor; scales the coverage SLA (P1 half, P2 as contracted, P3 1.5×, P4 2×)' })
  @IsIn(PRIORITIES, { message: `priority must be one of ${PRIORITIES.join(', ')}` })
  priority: Priority;

  @ApiProperty({ example: 'Hydraulic pressure drops during injection; machine stopped', maxLength: 4000 })
  @Transform(trim) @IsString() @MinLength(3, { message: 'description must say what is wrong (at least 3 characters)' }) @MaxLength(4000)
  description: string;

  @ApiPropertyOptional({ description: 'Who reported it, if not the caller (e.g. the operator on the phone)', example: 'R. Patil, shift lead' })
  @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(200)
  reportedBy?: string;
}

export class HoldServiceRequestInput {
  @ApiProperty({ description: 'Why we are waiting for the customer; shown to the customer and kept for audit', example: 'Waiting for the customer to give access to the plant' })
  @Transform(trim) @IsString() @MinLength(3, { message: 'reason must say what we are waiting for (at least 3 characters)' }) @MaxLength(1000)
  reason: string;

  @ApiPropertyOptional({ enum: CUSTOMER_HOLD_REASONS, default: 'customer_confirmation', description: 'Hold reason of the breakdown task' })
  @IsOptional() @IsIn(CUSTOMER_HOLD_REASONS)
  taskHoldReason?: CustomerHoldReason;
}

export class ServiceRequestQuery {
  @ApiPropertyOptional({ example: 'C-1007' }) @IsOptional() @IsString() @MaxLength(100) customerId?: string;
  @ApiPropertyOptional({ enum: SERVICE_REQUEST_STATUSES }) @IsOptional() @IsIn(SERVICE_REQUEST_STATUSES) status?: ServiceRequestStatus;
  @ApiPropertyOptional({ example: 'INJ250-0009' })
  @IsOptional() @Matches(SERIAL, { message: 'serialNumber must be a machine serial number' }) serialNumber?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class ServiceRequestIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be a service request id (UUID)' }) id: string;
}
