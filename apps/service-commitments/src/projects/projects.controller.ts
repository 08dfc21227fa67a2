import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProjectIdParam, ProjectQuery } from './dto/project.query.js';
import { ProjectsService } from './projects.service.js';

@ApiTags('service projects')
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @ApiOperation({ summary: 'Service projects, newest first; filter by order, customer, status' })
  list(@Query() query: ProjectQuery) {
    return this.projects.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One service project with its order lines, commitments and tasks' })
  get(@Param() { id }: ProjectIdParam) {
    return this.projects.get(id);
  }
}
