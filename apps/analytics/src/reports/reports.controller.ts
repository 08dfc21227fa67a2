import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiAuth, CurrentPrincipal, Roles, type Principal } from '#auth';
import { toCsv } from './csv.js';
import { ReportQuery, ReportView } from './dto/report-query.dto.js';
import { REPORTS } from './report-catalog.js';
import { ReportsService } from './reports.service.js';

/** The part of the HTTP response a report sets a header on. */
interface HeaderTarget {
  setHeader(name: string, value: string): void;
}

/** Staff who read the figures; customers read their own where a report allows it. */
export const REPORT_READERS = ['analyst', 'service_manager', 'head_of_service', 'finance', 'customer'] as const;

@ApiTags('reports')
@ApiAuth()
/** The catalogue of reports takes no query parameters: anything sent is refused (400), never ignored. */
class ReportListQuery {}

@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @Roles(...REPORT_READERS)
  @ApiOperation({ summary: 'The reports, with the filters and groupings each takes' })
  list(@Query() _query: ReportListQuery, @CurrentPrincipal() principal: Principal) {
    return this.reports.list(principal);
  }

  @Get(':name')
  @Roles(...REPORT_READERS)
  @ApiParam({ name: 'name', enum: REPORTS.map((r) => r.name) })
  @ApiOperation({ summary: 'A report as JSON (rows, columns and the definition of every figure) or as CSV (format=csv)' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ReportView, headers: { 'X-Next-Offset': { description: 'Where the next page starts, when a paged report has one (the CSV has no other place to say it)', schema: { type: 'integer' } } } })
  async report(
    @Param('name') name: string,
    @Query() { format, ...filters }: ReportQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderTarget,
  ): Promise<ReportView | StreamableFile> {
    const view = await this.reports.run(name, filters, principal);
    if (view.nextOffset !== undefined) response.setHeader('X-Next-Offset', String(view.nextOffset));
    if (format !== 'csv') return view;
    return new StreamableFile(Buffer.from(toCsv(view.columns, view.rows), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${view.report}.csv"`,
    });
  }
}
