import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, assertCanSeeCustomer, CurrentPrincipal, customerScope, Roles, type Principal } from '#auth';
import { STAFF } from '../staff-roles.js';
import { ProjectIdParam, ProjectQuery } from './dto/project.query.js';
import { ProjectsService } from './projects.service.js';

@ApiTags('service projects')
@ApiAuth()
@Roles(...STAFF, 'customer')
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @ApiOperation({ summary: 'Service projects, newest first; filter by order, customer, status (a customer sees only its own)' })
  list(@Query() query: ProjectQuery, @CurrentPrincipal() principal: Principal) {
    if (query.customerId) assertCanSeeCustomer(principal, query.customerId);
    return this.projects.list(query, customerScope(principal));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One service project with its order lines, commitments, tasks and machines' })
  get(@Param() { id }: ProjectIdParam, @CurrentPrincipal() principal: Principal) {
    return this.projects.get(id, customerScope(principal));
  }
}
