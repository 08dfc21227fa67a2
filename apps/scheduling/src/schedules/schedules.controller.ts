import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, assertCanActAsEngineer, CurrentPrincipal, hasRole, Roles, type Principal } from '#auth';
import { EngineerIdParam, RegionParam, ScheduleQuery, WorkloadQuery } from '../engineers/dto/engineer.dto.js';
import { SchedulingExceptionFilter } from '../scheduling.exception.js';
import { PLANNERS } from '../staff-roles.js';
import { SchedulesService } from './schedules.service.js';

@ApiTags('schedules')
@ApiAuth()
@Roles(...PLANNERS)
@UseFilters(SchedulingExceptionFilter)
@Controller()
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Get('engineers/:id/schedule')
  @Roles(...PLANNERS, 'engineer')
  @ApiOperation({ summary: "An engineer's visits, leave and holidays for a day or week (an engineer sees only their own)" })
  engineer(@Param() { id }: EngineerIdParam, @Query() query: ScheduleQuery, @CurrentPrincipal() principal: Principal) {
    if (!hasRole(principal, ...PLANNERS)) assertCanActAsEngineer(principal, id);
    return this.schedules.forEngineer(id, query.date, query.span ?? 'day');
  }

  @Get('regions/:region/schedule')
  @ApiOperation({ summary: 'Every engineer serving a region, with their visits, leave and holidays for a day or week' })
  region(@Param() { region }: RegionParam, @Query() query: ScheduleQuery) {
    return this.schedules.forRegion(region, query.date, query.span ?? 'day');
  }

  @Get('workload')
  @ApiOperation({ summary: 'Hours worked, booked and on leave per engineer for the week of a date, by region served' })
  workload(@Query() query: WorkloadQuery) {
    return this.schedules.workload(query.region, query.date);
  }
}
