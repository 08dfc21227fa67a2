import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PageOffset } from '#platform';

export class TaskIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be a task id (UUID)' }) id: string;
}

export class BookingIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be a booking id (UUID)' }) id: string;
}

export class DecisionIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be a decision id (UUID)' }) id: string;
}

export class AssignTaskInput {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The crew; the first leads. At least as many as the task needs.' })
  @ArrayMinSize(1) @ArrayMaxSize(20) @ArrayUnique() @IsUUID('all', { each: true, message: 'engineerIds must be engineer ids (UUIDs)' })
  engineerIds: string[];

  @ApiPropertyOptional({ description: 'When work starts (travel comes before it); default: the earliest slot the crew shares', example: '2026-11-30T04:30:00Z' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'start must be an RFC 3339 instant' })
  start?: string;

  @ApiPropertyOptional({ description: 'Why, when choosing other engineers or another time than the assigner would (kept with the booking)', maxLength: 500 })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500)
  overrideReason?: string;
}

export class ReasonInput {
  @ApiProperty({ maxLength: 500, example: 'Customer asked for another engineer' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  reason: string;
}

/** Newest first; `offset` reaches older pages. */
export class DecisionQuery extends PageOffset {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'taskId must be a task id (UUID)' }) taskId?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class RegionQuery {
  @ApiPropertyOptional({ example: 'MH' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(40) region?: string;
}
