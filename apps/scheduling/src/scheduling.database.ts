import { CreateDeadLetterReplays1764500000000, DeadLetterPublishedAt1764600000000, MessagingRetentionIndexes1764900000000, OutboxNotifyTrigger1765000000000, MessagingLookupIndexes1765300000000, OutboxEventAsJson1766200000000, CreateMessagingTables1764000000000, MESSAGING_ENTITIES } from '#messaging';
import { HttpIdempotency1765800000000, HttpIdempotencyEntity } from '#platform';
import { AssignmentDecisionEntity } from './assignment/assignment-decision.entity.js';
import { BookingEntity } from './assignment/booking.entity.js';
import { SchedulingTaskEntity } from './assignment/scheduling-task.entity.js';
import { UnassignedTaskEntity } from './assignment/unassigned-task.entity.js';
import { EngineerLeaveEntity } from './calendars/engineer-leave.entity.js';
import { EngineerTimeEntity } from './calendars/engineer-time.entity.js';
import { PublicHolidayEntity } from './calendars/public-holiday.entity.js';
import { RegionTravelEntity } from './calendars/region-travel.entity.js';
import { EngineerRegionEntity } from './engineers/engineer-region.entity.js';
import { EngineerSkillEntity } from './engineers/engineer-skill.entity.js';
import { EngineerEntity } from './engineers/engineer.entity.js';
import { CreateEngineers1764100000000 } from './migrations/1764100000000-CreateEngineers.js';
import { RosterCalendarsAndBookings1764200000000 } from './migrations/1764200000000-RosterCalendarsAndBookings.js';
import { AddEngineerTeam1764300000000 } from './migrations/1764300000000-AddEngineerTeam.js';
import { LookupIndexes1765200000000 } from './migrations/1765200000000-LookupIndexes.js';

export const SCHEDULING_ENTITIES = [
  ...MESSAGING_ENTITIES,
  EngineerEntity,
  EngineerSkillEntity,
  EngineerRegionEntity,
  RegionTravelEntity,
  PublicHolidayEntity,
  EngineerLeaveEntity,
  EngineerTimeEntity,
  BookingEntity,
  SchedulingTaskEntity,
  UnassignedTaskEntity,
  AssignmentDecisionEntity,
  HttpIdempotencyEntity,
];

export const SCHEDULING_MIGRATIONS = [CreateMessagingTables1764000000000, CreateEngineers1764100000000, RosterCalendarsAndBookings1764200000000, AddEngineerTeam1764300000000, CreateDeadLetterReplays1764500000000, DeadLetterPublishedAt1764600000000, MessagingRetentionIndexes1764900000000, OutboxNotifyTrigger1765000000000, LookupIndexes1765200000000, MessagingLookupIndexes1765300000000, HttpIdempotency1765800000000, OutboxEventAsJson1766200000000];
