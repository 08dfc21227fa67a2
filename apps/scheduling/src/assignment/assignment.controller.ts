import { Body, Controller, Get, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, CurrentPrincipal, customerScope, Roles, type Principal } from '#auth';
import { SchedulingExceptionFilter } from '../scheduling.exception.js';
import { PLANNERS } from '../staff-roles.js';
import { AssignmentService } from './assignment.service.js';
import { AssignmentQueries } from './assignment.queries.js';
import { AssignTaskInput, BookingIdParam, DecisionIdParam, DecisionQuery, ReasonInput, RegionQuery, TaskIdParam } from './dto/assignment.dto.js';
import { toBookingView } from './dto/assignment.view.js';

@ApiTags('assignment')
@ApiAuth()
@Roles(...PLANNERS)
@UseFilters(SchedulingExceptionFilter)
@Controller()
export class AssignmentController {
  constructor(
    private readonly assignment: AssignmentService,
    private readonly queries: AssignmentQueries,
  ) {}

  @Get('tasks/:id')
  @ApiOperation({ summary: 'A task as scheduling knows it, with its live booking, queue entry and booking history' })
  task(@Param() { id }: TaskIdParam) {
    return this.queries.task(id);
  }

  @Post('tasks/:id/assign')
  @ApiOperation({ summary: 'Assign or reassign a task to engineers (the first leads), at a start or the earliest shared slot; same hard rules; 409 with the conflicting booking when the slot is taken; overrideReason needed when overruling the assigner' })
  async assign(@Param() { id }: TaskIdParam, @Body() input: AssignTaskInput, @CurrentPrincipal() principal: Principal) {
    const { booking, decisionId, override } = await this.assignment.assign(id, { engineerIds: input.engineerIds, start: input.start ?? null, overrideReason: input.overrideReason ?? null }, principal);
    return { booking: toBookingView(booking), decisionId, override };
  }

  @Post('tasks/:id/auto-assign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Place a task now as the assigner would (e.g. one a dispatcher unassigned); null booking: it went to the queue' })
  async autoAssign(@Param() { id }: TaskIdParam) {
    const booking = await this.assignment.autoAssign(id);
    return { booking: booking ? toBookingView(booking) : null };
  }

  @Get('bookings/:id')
  @Roles(...PLANNERS, 'customer')
  @ApiOperation({ summary: 'One booking (a customer sees only its own)' })
  booking(@Param() { id }: BookingIdParam, @CurrentPrincipal() principal: Principal) {
    return this.queries.booking(id, customerScope(principal));
  }

  @Post('bookings/:id/unassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a visit off its engineers; the task waits in the queue for a person, the freed time goes to queued work' })
  async unassign(@Param() { id }: BookingIdParam, @Body() input: ReasonInput, @CurrentPrincipal() principal: Principal) {
    return toBookingView(await this.assignment.unassign(id, input.reason, principal));
  }

  @Post('bookings/:id/confirm')
  @HttpCode(200)
  @Roles(...PLANNERS, 'customer')
  @ApiOperation({ summary: 'The customer confirms a proposed visit (a dispatcher may record it for them)' })
  async confirm(@Param() { id }: BookingIdParam, @CurrentPrincipal() principal: Principal) {
    return toBookingView(await this.assignment.confirm(id, customerScope(principal)));
  }

  @Post('bookings/:id/decline')
  @HttpCode(200)
  @Roles(...PLANNERS, 'customer')
  @ApiOperation({ summary: 'The customer declines a proposed visit; the task waits for a dispatcher to agree another time' })
  async decline(@Param() { id }: BookingIdParam, @Body() input: ReasonInput, @CurrentPrincipal() principal: Principal) {
    return toBookingView(await this.assignment.decline(id, input.reason, customerScope(principal)));
  }

  @Get('unassigned')
  @ApiOperation({ summary: 'The unassigned queue, most urgent first, with the reasons each task waits' })
  unassigned(@Query() { region }: RegionQuery) {
    return this.queries.unassigned(region);
  }

  @Get('decisions')
  @ApiOperation({ summary: 'Decision records, newest first (summary: outcome, chosen visit, reasons)' })
  decisions(@Query() query: DecisionQuery) {
    return this.queries.decisions(query.taskId, { limit: query.limit, offset: query.offset });
  }

  @Get('decisions/:id')
  @ApiOperation({ summary: 'One decision record: every candidate, every rule with its reason code, every preference score' })
  decision(@Param() { id }: DecisionIdParam) {
    return this.queries.decision(id);
  }
}
