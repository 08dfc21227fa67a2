import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertCanSeeCustomer, customerScope, forbidden, ForbiddenCode, type Principal } from '#auth';
import type { FilterName, ReportFilters, ReportView } from './dto/report-query.dto.js';
import { reportNamed, REPORTS, type ReportDefinition } from './report-catalog.js';

/** Runs a report over the read models, after checking the filters and the caller's reach. */
@Injectable()
export class ReportsService {
  constructor(private readonly dataSource: DataSource) {}

  list(principal: Principal): { name: string; title: string; filters: string[]; groupings: string[] }[] {
    return REPORTS.filter((r) => r.customerVisible || customerScope(principal) === null).map((r) => ({
      name: r.name,
      title: r.title,
      filters: r.filters,
      groupings: r.groupings ?? [],
    }));
  }

  async run(name: string, filters: ReportFilters, principal: Principal, today: () => string = todayUtc): Promise<ReportView> {
    const report = reportNamed(name);
    if (!report) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `No report "${name}"`, reports: REPORTS.map((r) => r.name) });
    const scoped = scopeToCaller(report, filters, principal);
    return runReport(this.dataSource.manager, report, scoped, today());
  }
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A customer sees only their own customer's figures, and only reports meant for customers. */
function scopeToCaller(report: ReportDefinition, filters: ReportFilters, principal: Principal): ReportFilters {
  const scope = customerScope(principal);
  if (scope === null) return filters;
  if (!report.customerVisible) throw forbidden(ForbiddenCode.ROLE_REQUIRED, `Report ${report.name} is for staff only`);
  if (filters.customerId) assertCanSeeCustomer(principal, filters.customerId);
  return { ...filters, customerId: scope };
}

/** Checks the filters against the report and runs it on any database handle (the live one, or a rebuilt one). */
export async function runReport(db: Pick<EntityManager, 'query'>, report: ReportDefinition, filters: ReportFilters, today: string): Promise<ReportView> {
  const given = (Object.keys(filters) as FilterName[]).filter((k) => filters[k] !== undefined);
  const unknown = given.filter((k) => !report.filters.includes(k));
  const reasons: string[] = unknown.map((k) => `${k} does not apply to report ${report.name} (it takes ${report.filters.join(', ')})`);
  if (filters.groupBy && report.groupings && !report.groupings.includes(filters.groupBy)) {
    reasons.push(`groupBy must be one of ${report.groupings.join(', ')} for report ${report.name}`);
  }
  if (filters.from && filters.to && filters.from > filters.to) reasons.push('from must not be after to');
  if (reasons.length > 0) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Invalid report filters', reasons });
  const groupBy = filters.groupBy ?? report.groupings?.[0] ?? 'customer';
  const asOf = filters.asOf ?? today;
  const rows = await report.run(db, { filters, asOf, groupBy });
  const shown: Record<string, string> = {};
  for (const k of given) shown[k] = String(filters[k]);
  if (report.filters.includes('asOf')) shown.asOf = asOf;
  if (report.groupings) shown.groupBy = groupBy;
  return { report: report.name, title: report.title, definition: report.definition, filters: shown, columns: report.columns(groupBy), rows };
}
