import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** At most this many rows in one page of a report with a row per item (dispatch-backlog), and as many when no limit is asked. */
export const REPORT_PAGE_MAX = 500;

export const REPORT_FORMATS = ['json', 'csv'] as const;
export const GROUPINGS = ['engineer', 'team', 'region', 'project', 'customer', 'commitment', 'owner'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** Every filter a report may take; each report says which apply (another one is a 400). */
export class ReportQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'json (default) or csv' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: (typeof REPORT_FORMATS)[number];

  @ApiPropertyOptional({
    description:
      'First day of the period, YYYY-MM-DD (inclusive). Not asked: the start of the report\'s default period ending on `to` — the month (utilization, profitability, invoicing, escalations, customer-load) or the twelve months (completed-work, machine-reliability, warranty-cost); the answer names the period in `filters` and says what it assumed in `periodAssumed`',
  })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last day of the period, YYYY-MM-DD (inclusive). Not asked: asOf for reports that take it (customer-load), otherwise today (UTC)' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ description: 'The day the report is taken on (due, overdue, aging, renewals); default today (UTC)' })
  @IsOptional()
  @Matches(DATE, { message: 'asOf must be a date YYYY-MM-DD' })
  asOf?: string;

  @ApiPropertyOptional({ enum: GROUPINGS, description: 'Rows per …; each report lists the groupings it offers' })
  @IsOptional()
  @IsIn(GROUPINGS)
  groupBy?: Grouping;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  customerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  siteId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  region?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  team?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  engineerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  projectId?: string;

  @ApiPropertyOptional({ description: "The owner of tasks in the service team (task-status), as service-commitments names them" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  ownerId?: string;

  @ApiPropertyOptional({ description: 'Task status (task-status) or billing line state (unbilled-revenue stage: ready, requested)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  status?: string;

  @ApiPropertyOptional({
    default: REPORT_PAGE_MAX,
    minimum: 1,
    maximum: REPORT_PAGE_MAX,
    description: `Reports with a row per item (dispatch-backlog): at most this many rows, in the report's order; \`nextOffset\` in the answer says where the next page starts`,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(REPORT_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, description: 'Reports with a row per item (dispatch-backlog): skip this many rows first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export type ReportFilters = Omit<ReportQuery, 'format'>;
export type FilterName = keyof ReportFilters;

export class ReportView {
  @ApiProperty({ example: 'utilization' })
  report: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ type: [String], description: 'How every figure of the report is computed' })
  definition: string[];

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'The filters applied: asOf, groupBy, the period (from, to) and the page (limit, offset) included, whether asked for or assumed' })
  filters: Record<string, string>;

  @ApiProperty({ type: [String], description: 'Column names, in CSV order' })
  columns: string[];

  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: { type: 'string' } }, description: 'One object per row; every value a string (decimals exact)' })
  rows: Record<string, string>[];

  @ApiPropertyOptional({ description: 'Reports over a period, when from or to was not asked for: the period taken instead (its days are in filters)' })
  periodAssumed?: string;

  @ApiPropertyOptional({ description: 'Paged reports: the offset of the next page; absent on the last page' })
  nextOffset?: number;
}
