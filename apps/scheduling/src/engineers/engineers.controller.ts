import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, Roles } from '#auth';
import { SchedulingExceptionFilter } from '../scheduling.exception.js';
import { PLANNERS } from '../staff-roles.js';
import { CreateEngineerInput, EngineerIdParam, EngineerQuery, RegionsInput, SkillsInput, UpdateEngineerInput, WorkingHoursInput } from './dto/engineer.dto.js';
import { EngineersService } from './engineers.service.js';

@ApiTags('engineers')
@ApiAuth()
@Roles(...PLANNERS)
@UseFilters(SchedulingExceptionFilter)
@Controller('engineers')
export class EngineersController {
  constructor(private readonly engineers: EngineersService) {}

  @Get()
  @ApiOperation({ summary: 'The roster; filter by region served, skill, active' })
  list(@Query() query: EngineerQuery) {
    return this.engineers.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Add an engineer (skills, regions, working week optional); queued work may go to them at once' })
  create(@Body() input: CreateEngineerInput) {
    return this.engineers.create(input);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One engineer with skills, certificates, regions and working week' })
  get(@Param() { id }: EngineerIdParam) {
    return this.engineers.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, email, home region, team, zone, or switch off (future visits move to others)' })
  update(@Param() { id }: EngineerIdParam, @Body() input: UpdateEngineerInput) {
    return this.engineers.update(id, input);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Switch an engineer off (kept for the record); future visits move to others or the queue' })
  remove(@Param() { id }: EngineerIdParam) {
    return this.engineers.update(id, { active: false });
  }

  @Put(':id/skills')
  @ApiOperation({ summary: "Replace an engineer's skills and certificates" })
  skills(@Param() { id }: EngineerIdParam, @Body() input: SkillsInput) {
    return this.engineers.replaceSkills(id, input.skills);
  }

  @Put(':id/regions')
  @ApiOperation({ summary: 'Replace the regions served besides the home region' })
  regions(@Param() { id }: EngineerIdParam, @Body() input: RegionsInput) {
    return this.engineers.replaceRegions(id, input.regions);
  }

  @Put(':id/working-hours')
  @ApiOperation({ summary: 'Replace the working week (and zone); booked visits stay' })
  workingHours(@Param() { id }: EngineerIdParam, @Body() input: WorkingHoursInput) {
    return this.engineers.setWorkingHours(id, input.weeklyHours, input.timezone);
  }
}
