import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { HOLD_REASONS, type HoldReason } from '../domain/task-transitions.js';

export class TaskIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be a task id (UUID)' }) id: string;
}

export class CommitmentIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be a commitment id (UUID)' }) id: string;
}

export class HoldTaskInput {
  @ApiProperty({ enum: HOLD_REASONS }) @IsIn(HOLD_REASONS) reason: HoldReason;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class CompleteTaskInput {
  @ApiPropertyOptional({ description: 'When the work was finished (default: now)', example: '2026-11-29T15:30:00Z' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'completedAt must be an RFC 3339 instant' }) completedAt?: string;
}

export class CallOffInput {
  @ApiPropertyOptional({ description: 'Day the customer wants the visit (YYYY-MM-DD); default today', example: '2026-12-10' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'requestedDate must be a date YYYY-MM-DD' }) requestedDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}
