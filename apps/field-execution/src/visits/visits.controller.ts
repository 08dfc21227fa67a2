import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, CurrentPrincipal, Roles, type Principal } from '#auth';
import { FIELD_STAFF, ON_SITE } from '../staff-roles.js';
import { AddNoteInput, CheckInOutInput, CompleteVisitInput, TickChecklistInput, VisitDayQuery, VisitIdParam } from './dto/visit-actions.dto.js';
import { VisitsService } from './visits.service.js';

@ApiTags('visits')
@ApiAuth()
@Roles('engineer', ...FIELD_STAFF)
@Controller('visits')
export class VisitsController {
  constructor(private readonly visits: VisitsService) {}

  @Get()
  @ApiOperation({ summary: "Visits on a day (each site's calendar): an engineer's own; staff may name an engineer or see all" })
  day(@Query() query: VisitDayQuery, @CurrentPrincipal() principal: Principal) {
    return this.visits.day(query, principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A visit with site, machine, coverage, checklist, check-ins, notes, time, expenses, parts, what completion still needs, and earlier visits to the machine' })
  @ApiNotFoundResponse({ description: 'code VISIT_NOT_FOUND (also for another engineer’s visit)' })
  get(@Param() { id }: VisitIdParam, @CurrentPrincipal() principal: Principal) {
    return this.visits.detail(id, principal);
  }

  @Post(':id/check-in')
  @Roles(...ON_SITE)
  @ApiOperation({ summary: 'Check in on site (time, optional location); the first check-in starts the visit and emits psa.visit.started.v1' })
  @ApiConflictResponse({ description: 'code ALREADY_CHECKED_IN or VISIT_CLOSED' })
  checkIn(@Param() { id }: VisitIdParam, @Body() input: CheckInOutInput, @CurrentPrincipal() principal: Principal) {
    return this.visits.checkIn(id, input, principal);
  }

  @Post(':id/check-out')
  @Roles(...ON_SITE)
  @ApiOperation({ summary: 'Check out (time, optional location); a visit over several days is checked in and out each day' })
  @ApiConflictResponse({ description: 'code NOT_CHECKED_IN' })
  checkOut(@Param() { id }: VisitIdParam, @Body() input: CheckInOutInput, @CurrentPrincipal() principal: Principal) {
    return this.visits.checkOut(id, input, principal);
  }

  @Post(':id/notes')
  @Roles(...ON_SITE)
  @ApiOperation({ summary: 'Add a note: findings, work done, advice (notes are never edited)' })
  addNote(@Param() { id }: VisitIdParam, @Body() input: AddNoteInput, @CurrentPrincipal() principal: Principal) {
    return this.visits.addNote(id, input, principal);
  }

  @Post(':id/checklist')
  @Roles(...ON_SITE)
  @ApiOperation({ summary: "Tick (or untick) an item of the task's checklist" })
  @ApiConflictResponse({ description: 'code VISIT_CLOSED' })
  tick(@Param() { id }: VisitIdParam, @Body() input: TickChecklistInput, @CurrentPrincipal() principal: Principal) {
    return this.visits.tick(id, input, principal);
  }

  @Post(':id/complete')
  @Roles(...ON_SITE)
  @ApiOperation({
    summary:
      'Close the visit: completed (every required checklist item ticked and the customer’s sign-off) or incomplete with a follow-up reason; emits psa.visit.completed.v1',
  })
  @ApiConflictResponse({ description: 'code VISIT_NOT_READY with `missing` (what is still open), NOT_CHECKED_IN or VISIT_CLOSED' })
  complete(@Param() { id }: VisitIdParam, @Body() input: CompleteVisitInput, @CurrentPrincipal() principal: Principal) {
    return this.visits.complete(id, input, principal);
  }
}
