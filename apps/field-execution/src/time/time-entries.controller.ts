import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, CurrentPrincipal, Roles, type Principal } from '#auth';
import { RejectInput } from '../approvals/dto/approval.dto.js';
import { APPROVERS, FIELD_STAFF, ON_SITE } from '../staff-roles.js';
import { VisitIdParam } from '../visits/dto/visit-actions.dto.js';
import { CorrectTimeInput, EditTimeInput, RecordTimeInput, TimeEntryIdParam } from './dto/time-entry.dto.js';
import { TimeEntriesService } from './time-entries.service.js';

@ApiTags('time')
@ApiAuth()
@Controller()
export class TimeEntriesController {
  constructor(private readonly time: TimeEntriesService) {}

  @Post('visits/:id/time-entries')
  @Roles(...ON_SITE)
  @ApiOperation({ summary: "Record time on a visit (start, end, activity, billable); it waits for a service manager's approval" })
  @ApiConflictResponse({ description: 'code TIME_OVERLAP or VISIT_CLOSED' })
  record(@Param() { id }: VisitIdParam, @Body() input: RecordTimeInput, @CurrentPrincipal() principal: Principal) {
    return this.time.record(id, input, principal);
  }

  @Get('visits/:id/time-entries')
  @Roles('engineer', ...FIELD_STAFF)
  @ApiOperation({ summary: "A visit's time entries, corrections and decisions included" })
  list(@Param() { id }: VisitIdParam, @CurrentPrincipal() principal: Principal) {
    return this.time.list(id, principal);
  }

  @Patch('time-entries/:id')
  @Roles(...ON_SITE)
  @ApiOperation({ summary: 'Edit a time entry still waiting for a decision' })
  @ApiConflictResponse({ description: 'code ENTRY_LOCKED once approved or rejected: record a correction instead' })
  edit(@Param() { id }: TimeEntryIdParam, @Body() input: EditTimeInput, @CurrentPrincipal() principal: Principal) {
    return this.time.edit(id, input, principal);
  }

  @Post('time-entries/:id/corrections')
  @Roles(...ON_SITE)
  @ApiOperation({ summary: 'Correct an approved or rejected entry: a new entry that references it, decided in its turn' })
  @ApiConflictResponse({ description: 'code CORRECTION_NOT_ALLOWED (not decided yet, or already corrected)' })
  correct(@Param() { id }: TimeEntryIdParam, @Body() input: CorrectTimeInput, @CurrentPrincipal() principal: Principal) {
    return this.time.correct(id, input, principal);
  }

  @Post('time-entries/:id/approve')
  @Roles(...APPROVERS)
  @ApiOperation({ summary: 'Approve a time entry: it is locked and psa.time.approved.v1 is emitted' })
  @ApiConflictResponse({ description: 'code ENTRY_NOT_PENDING' })
  approve(@Param() { id }: TimeEntryIdParam, @CurrentPrincipal() principal: Principal) {
    return this.time.approve(id, principal);
  }

  @Post('time-entries/:id/reject')
  @Roles(...APPROVERS)
  @ApiOperation({ summary: 'Reject a time entry with a reason: it is locked; the engineer records a correction' })
  @ApiConflictResponse({ description: 'code ENTRY_NOT_PENDING' })
  reject(@Param() { id }: TimeEntryIdParam, @Body() input: RejectInput, @CurrentPrincipal() principal: Principal) {
    return this.time.reject(id, input.reason, principal);
  }
}
