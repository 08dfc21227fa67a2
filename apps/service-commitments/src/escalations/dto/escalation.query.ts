import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { NOTIFICATION_STATUSES, type NotificationStatus } from '../domain/escalation-routing.js';

export class EscalationQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'A service request or task id' })
  @IsOptional() @IsUUID('all', { message: 'subjectId must be a service request or task id (UUID)' }) subjectId?: string;
  @ApiPropertyOptional({ example: 'C-1007' }) @IsOptional() @IsString() @MaxLength(100) customerId?: string;
}

export class NotificationQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'escalationId must be an escalation id (UUID)' }) escalationId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Notifications of the escalations of one service request or task' })
  @IsOptional() @IsUUID('all', { message: 'subjectId must be a service request or task id (UUID)' }) subjectId?: string;
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES }) @IsOptional() @IsIn(NOTIFICATION_STATUSES) status?: NotificationStatus;
}
