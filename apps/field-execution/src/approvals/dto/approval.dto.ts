import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ListPage } from '#platform';
import { ENTRY_STATUSES, type EntryStatus } from '../domain/approval.js';

export class RejectInput {
  @ApiProperty({ description: 'Why, for the engineer who will correct it', maxLength: 1000, example: 'Travel is recorded separately; split the entry' })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(1000)
  reason: string;
}

export class ApprovalQueueQuery extends ListPage {
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
}
