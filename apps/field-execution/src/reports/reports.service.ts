import { Injectable } from '@nestjs/common';
import type { Principal } from '#auth';
import { Clock } from '#platform';
import { FieldWorkError, FieldWorkErrorCode } from '../errors/field-work.error.js';
import { VisitsService } from '../visits/visits.service.js';
import { serviceReportLines } from './domain/service-report.js';
import { writePdf } from './pdf/pdf-writer.js';

/** The service report of a completed visit, made on request from what is recorded. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly visits: VisitsService,
    private readonly clock: Clock,
  ) {}

  async serviceReport(visitId: string, principal: Principal): Promise<{ pdf: Buffer; filename: string }> {
    const visit = await this.visits.detail(visitId, principal);
    if (visit.status !== 'completed') {
      throw new FieldWorkError(FieldWorkErrorCode.REPORT_NOT_AVAILABLE, `The visit is ${visit.status.replace('_', ' ')}: its service report is made when it is completed`, {
        status: visit.status,
      });
    }
    const pdf = writePdf(serviceReportLines(visit, this.clock.now()), {
      title: `Service report ${visit.task?.name ?? 'visit'} - ${visit.customer.name ?? visit.customer.id}`,
      footer: `ServiceLoop service report, visit ${visit.id}`,
      createdAt: this.clock.now(),
    });
    return { pdf, filename: `service-report-${visit.id}.pdf` };
  }
}
