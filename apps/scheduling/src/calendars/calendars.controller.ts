import { Body, Controller, Delete, Get, Param, Post, Put, Query, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, CurrentPrincipal, Roles, type Principal } from '#auth';
import { EngineerIdParam } from '../engineers/dto/engineer.dto.js';
import { SchedulingExceptionFilter } from '../scheduling.exception.js';
import { PLANNERS } from '../staff-roles.js';
import { CalendarsService } from './calendars.service.js';
import { HolidayIdParam, HolidayInput, HolidayQuery, LeaveInput, LeaveOptions, LeaveParams, LeaveQuery, TravelInput } from './dto/calendar.dto.js';

@ApiTags('calendars')
@ApiAuth()
@Roles(...PLANNERS)
@UseFilters(SchedulingExceptionFilter)
@Controller()
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @Get('engineers/:id/leave')
  @ApiOperation({ summary: "An engineer's leave touching a period (default: ending from a year ago on), by first day; a page of it (limit up to 500, offset)" })
  leave(@Param() { id }: EngineerIdParam, @Query() query: LeaveQuery) {
    return this.calendars.leave(id, query);
  }

  @Post('engineers/:id/leave')
  @ApiOperation({ summary: 'Record leave (whole days, engineer’s zone); 409 listing the visits it would cover unless ?reschedule=true' })
  addLeave(@Param() { id }: EngineerIdParam, @Body() input: LeaveInput, @Query() options: LeaveOptions, @CurrentPrincipal() principal: Principal) {
    return this.calendars.addLeave(id, input, options.reschedule ?? false, principal.subject);
  }

  @Delete('engineers/:id/leave/:leaveId')
  @ApiOperation({ summary: 'Take leave back; the days are free again and queued work may take them' })
  removeLeave(@Param() { id, leaveId }: LeaveParams) {
    return this.calendars.removeLeave(id, leaveId);
  }

  @Get('holidays')
  @ApiOperation({ summary: 'Public holidays in a period (default: this calendar year and the next), by region; by date; a page of them (limit up to 500, offset)' })
  holidays(@Query() query: HolidayQuery) {
    return this.calendars.holidays(query);
  }

  @Post('holidays')
  @ApiOperation({ summary: "A region's public holiday: a day off for every engineer based there; lists visits already booked that day" })
  addHoliday(@Body() input: HolidayInput) {
    return this.calendars.addHoliday(input);
  }

  @Delete('holidays/:id')
  @ApiOperation({ summary: 'Remove a public holiday; the day is a working day again' })
  removeHoliday(@Param() { id }: HolidayIdParam) {
    return this.calendars.removeHoliday(id);
  }

  @Get('regions/travel')
  @ApiOperation({ summary: 'Travel minutes between regions' })
  travel() {
    return this.calendars.travel();
  }

  @Put('regions/travel')
  @ApiOperation({ summary: 'Set the travel minutes between two regions (each way)' })
  setTravel(@Body() input: TravelInput) {
    return this.calendars.setTravel(input);
  }
}
