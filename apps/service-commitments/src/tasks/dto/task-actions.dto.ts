import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, registerDecorator, ValidateIf } from 'class-validator';
import { OWNER_MAX_LENGTH, ownerProblem } from '../domain/task-owner.js';
import { HOLD_REASONS, type HoldReason } from '../domain/task-transitions.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** One reason per bad owner (not every rule a number breaks). */
function IsOwner(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isOwner',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => ownerProblem(value) === null,
        defaultMessage: (args) => ownerProblem(args?.value) ?? 'owner is not valid',
      },
    });
}

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

export class AssignOwnerInput {
  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: OWNER_MAX_LENGTH,
    example: 'ravi.kulkarni',
    description: 'Who in the service team owns the task (a user name or e-mail, trimmed); null leaves the task without an owner. Required.',
  })
  // null clears; a missing owner is refused
  @ValidateIf((_, value) => value !== null)
  @Transform(trim)
  @IsOwner()
  owner: string | null;
}
