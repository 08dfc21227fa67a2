import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiAuth, CurrentPrincipal, Roles, type Principal } from '#auth';
import { FIELD_STAFF } from '../staff-roles.js';
import { VisitIdParam } from '../visits/dto/visit-actions.dto.js';
import { ReportsService } from './reports.service.js';

@ApiTags('visits')
@ApiAuth()
@Controller('visits')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get(':id/report.pdf')
  @Roles('engineer', 'customer', ...FIELD_STAFF)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The service report of a completed visit (work done, time, parts, checklist, sign-off) as a PDF for the customer' })
  @ApiNotFoundResponse({ description: 'code VISIT_NOT_FOUND (also another engineer’s or customer’s visit)' })
  @ApiConflictResponse({ description: 'code REPORT_NOT_AVAILABLE: the visit is not completed' })
  async report(@Param() { id }: VisitIdParam, @CurrentPrincipal() principal: Principal): Promise<StreamableFile> {
    const { pdf, filename } = await this.reports.serviceReport(id, principal);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${filename}"`, length: pdf.length });
  }
}
