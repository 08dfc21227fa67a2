import type { SiteSnapshot } from '../../projects/service-project.entity.js';
import type { SlaClock, SlaClockStatus, SlaTargetStatus } from '../../sla/domain/sla-clock.js';
import type { EscalationView } from '../../escalations/dto/escalation.view.js';
import type { ServiceRequestEntity } from '../service-request.entity.js';

export interface SlaTargetView {
  state: string;
  elapsedMinutes: number;
  targetMinutes: number;
  /** The deadline (UTC); null while on hold, since it moves with the hold. */
  dueAt: string | null;
  /** The deadline on the site's wall clock, 'YYYY-MM-DD HH:MM'. */
  dueAtLocal: string | null;
  metAt: string | null;
  breachedAt: string | null;
  metLate: boolean;
}

export interface ServiceRequestView {
  id: string;
  customer: { id: string; name: string };
  projectId: string | null;
  serialNumber: string;
  sku: string;
  site: SiteSnapshot;
  priority: string;
  description: string;
  reportedBy: string;
  status: string;
  coverage: { kind: string; contractId: string | null; reason: string };
  sla: {
    coverage: string;
    timeZone: string;
    /** The instant the state below is computed for. */
    asOf: string;
    onHold: boolean;
    response: SlaTargetView;
    resolution: SlaTargetView;
    /** Every hold with its reason, oldest first. */
    pauses: { from: string; to: string | null; reason: string }[];
  };
  task: { id: string; status: string; owner: string | null; dueDate: string | null } | null;
  escalations: EscalationView[];
  raisedAt: string;
  respondedAt: string | null;
  resolvedAt: string | null;
  updatedAt: string;
}

export interface BreakdownTaskSummary {
  id: string;
  status: string;
  owner: string | null;
  dueDate: string | null;
}

function targetView(target: SlaTargetStatus, clock: SlaClock): SlaTargetView {
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  return {
    state: target.state,
    elapsedMinutes: target.elapsedMinutes,
    targetMinutes: target.targetMinutes,
    dueAt: iso(target.dueAt),
    dueAtLocal: target.dueAt ? clock.calendar.formatLocal(target.dueAt) : null,
    metAt: iso(target.metAt),
    breachedAt: iso(target.breachedAt),
    metLate: target.metLate === true,
  };
}

export function toServiceRequestView(
  request: ServiceRequestEntity,
  clock: SlaClock,
  status: SlaClockStatus,
  task: BreakdownTaskSummary | null,
  escalations: EscalationView[],
): ServiceRequestView {
  return {
    id: request.id,
    customer: { id: request.customerId, name: request.customerName },
    projectId: request.projectId,
    serialNumber: request.serialNumber,
    sku: request.sku,
    site: request.site,
    priority: request.priority,
    description: request.description,
    reportedBy: request.reportedBy,
    status: request.status,
    coverage: { kind: request.coverageKind, contractId: request.coverageContractId, reason: request.coverageReason },
    sla: {
      coverage: status.coverage,
      timeZone: status.timeZone,
      asOf: status.asOf.toISOString(),
      onHold: status.onHold,
      response: targetView(status.response, clock),
      resolution: targetView(status.resolution, clock),
      pauses: clock.pauses.map((p) => ({ from: p.from.toISOString(), to: p.to?.toISOString() ?? null, reason: p.reason })),
    },
    task,
    escalations,
    raisedAt: request.raisedAt.toISOString(),
    respondedAt: request.respondedAt?.toISOString() ?? null,
    resolvedAt: request.resolvedAt?.toISOString() ?? null,
    updatedAt: request.updatedAt.toISOString(),
  };
}
