import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateBy } from 'class-validator';
import { isRfc3339Instant } from '#contracts';
import { ListPage } from '#platform';
import { NOTIFICATION_STATUSES, type NotificationStatus } from '../domain/escalation-routing.js';

/** An instant with its offset (a date alone names no instant). */
function IsRfc3339Instant(): PropertyDecorator {
  return ValidateBy({
    name: 'isRfc3339Instant',
    validator: { validate: (value) => isRfc3339Instant(value), defaultMessage: (args) => `${args?.property} must be an RFC 3339 instant with its offset, e.g. 2027-01-05T00:00:00Z` },
  });
}

/** Which part of a list: raised in a period (oldest first), then a page of that. */
class RaisedPeriodPage extends ListPage {
  @ApiPropertyOptional({ example: '2027-01-05T00:00:00Z', description: 'Raised at or after this instant' })
  @IsOptional() @IsRfc3339Instant() raisedFrom?: string;
  @ApiPropertyOptional({ example: '2027-01-06T00:00:00Z', description: 'Raised before this instant' })
  @IsOptional() @IsRfc3339Instant() raisedBefore?: string;
}

export class EscalationQuery extends RaisedPeriodPage {
  @ApiPropertyOptional({ format: 'uuid', description: 'A service request or task id' })
  @IsOptional() @IsUUID('all', { message: 'subjectId must be a service request or task id (UUID)' }) subjectId?: string;
  @ApiPropertyOptional({ example: 'C-1007' }) @IsOptional() @IsString() @MaxLength(100) customerId?: string;
}

export class NotificationQuery extends RaisedPeriodPage {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'escalationId must be an escalation id (UUID)' }) escalationId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Notifications of the escalations of one service request or task' })
  @IsOptional() @IsUUID('all', { message: 'subjectId must be a service request or task id (UUID)' }) subjectId?: string;
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES }) @IsOptional() @IsIn(NOTIFICATION_STATUSES) status?: NotificationStatus;
}
