import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertCanSeeCustomer, customerScope, forbidden, ForbiddenCode, type Principal } from '#auth';
import { Clock } from '#platform';
import { periodFor } from './domain/period.js';
import { REPORT_PAGE_MAX, type FilterName, type ReportFilters, type ReportView } from './dto/report-query.dto.js';
import { reportNamed, REPORTS, type ReportDefinition } from './report-catalog.js';

/** Runs a report over the read models, after checking the filters and the caller's reach. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  list(principal: Principal): { name: string; title: string; filters: string[]; groupings: string[] }[] {
    return REPORTS.filter((r) => r.customerVisible || customerScope(principal) === null).map((r) => ({
      name: r.name,
      title: r.title,
      filters: r.filters,
      groupings: r.groupings ?? [],
    }));
  }

  async run(name: string, filters: ReportFilters, principal: Principal): Promise<ReportView> {
    const report = reportNamed(name);
    if (!report) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `No report "${name}"`, reports: REPORTS.map((r) => r.name) });
    const scoped = scopeToCaller(report, filters, principal);
    return runReport(this.dataSource.manager, report, scoped, this.clock.now().toISOString().slice(0, 10));
  }
}

/** A customer sees only their own customer's figures, and only reports meant for customers. */
function scopeToCaller(report: ReportDefinition, filters: ReportFilters, principal: Principal): ReportFilters {
  const scope = customerScope(principal);
  if (scope === null) return filters;
  if (!report.customerVisible) throw forbidden(ForbiddenCode.ROLE_REQUIRED, `Report ${report.name} is for staff only`);
  if (filters.customerId) assertCanSeeCustomer(principal, filters.customerId);
  return { ...filters, customerId: scope };
}

/**
 * Checks the filters against the report and runs it on any database handle (the live one, or a rebuilt one).
 * A report over a period never reads every row there ever was: without from or to it takes its default period;
 * a report with a row per item answers one page (limit, default and at most REPORT_PAGE_MAX).
 */
export async function runReport(db: Pick<EntityManager, 'query'>, report: ReportDefinition, filters: ReportFilters, today: string): Promise<ReportView> {
  const given = (Object.keys(filters) as FilterName[]).filter((k) => filters[k] !== undefined);
  const unknown = given.filter((k) => !report.filters.includes(k));
  const reasons: string[] = unknown.map((k) => `${k} does not apply to report ${report.name} (it takes ${report.filters.join(', ')})`);
  if (filters.groupBy && report.groupings && !report.groupings.includes(filters.groupBy)) {
    reasons.push(`groupBy must be one of ${report.groupings.join(', ')} for report ${report.name}`);
  }
  const asOf = filters.asOf ?? today;
  // The default period ends on the day the report is taken on: asOf where the report takes it, else today.
  const end = report.filters.includes('asOf') && filters.asOf ? { day: filters.asOf, named: 'asOf' } : { day: today, named: 'today, UTC' };
  const period = report.defaultPeriod && reasons.length === 0 ? periodFor(report.defaultPeriod, filters, end) : undefined;
  const [from, to] = period ? [period.from, period.to] : [filters.from, filters.to];
  if (from && to && from > to) reasons.push(filters.to ? 'from must not be after to' : `from must not be after to (to not asked: ${to}, ${filters.asOf ? 'asOf' : 'today'})`);
  if (reasons.length > 0) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Invalid report filters', reasons });
  const groupBy = filters.groupBy ?? report.groupings?.[0] ?? 'customer';
  const page = report.filters.includes('limit') ? { limit: filters.limit ?? REPORT_PAGE_MAX, offset: filters.offset ?? 0 } : undefined;
  const applied: ReportFilters = { ...filters, ...(period ? { from: period.from, to: period.to } : {}), ...(page ?? {}) };
  const read = await report.run(db, { filters: applied, asOf, groupBy, page });
  const rows = page ? read.slice(0, page.limit) : read;
  const shown: Record<string, string> = {};
  for (const k of Object.keys(applied) as FilterName[]) if (applied[k] !== undefined) shown[k] = String(applied[k]);
  if (report.filters.includes('asOf')) shown.asOf = asOf;
  if (report.groupings) shown.groupBy = groupBy;
  return {
    report: report.name,
    title: report.title,
    definition: report.definition,
    filters: shown,
    columns: report.columns(groupBy),
    rows,
    ...(period?.assumed ? { periodAssumed: period.assumed } : {}),
    ...(page && read.length > page.limit ? { nextOffset: page.offset + page.limit } : {}),
  };
}
