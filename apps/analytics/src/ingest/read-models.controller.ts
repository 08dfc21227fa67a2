import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, Roles } from '#auth';
import { RejectedEventsQuery } from './dto/read-models.dto.js';
import { ReadModelsService } from './read-models.service.js';

/** How far the read models are: per topic partition, the next offset to apply; and what could not be read. */
@ApiTags('read models')
@ApiAuth()
@Controller('read-models')
export class ReadModelsController {
  constructor(private readonly readModels: ReadModelsService) {}

  @Get('positions')
  @Roles('analyst', 'admin')
  @ApiOperation({ summary: 'Per topic partition, the offset of the next record the read models will apply' })
  positions() {
    return this.readModels.positions();
  }

  @Get('rejected-events')
  @Roles('analyst', 'admin')
  @ApiOperation({
    summary: 'Records analytics could not read (bad JSON, envelope or schema, or failing to apply), with the reason; newest first, a page at a time (limit up to 1000, default 100; offset), by topic and reason code',
  })
  rejected(@Query() query: RejectedEventsQuery) {
    return this.readModels.rejectedEvents(query);
  }
}
