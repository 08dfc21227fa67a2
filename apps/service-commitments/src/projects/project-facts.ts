import { minorUnitsOf, type ServiceProjectFacts } from '#contracts';
import type { CommitmentEntity } from './commitment.entity.js';
import { byOrderLineAndUnit } from './dto/project.view.js';
import type { OrderLineEntity } from './order-line.entity.js';
import type { ServiceProjectEntity } from './service-project.entity.js';

/** An order line as the ERP sent it: its description and unit price. */
export interface PricedLine {
  lineId: string;
  description?: string | null;
  unitPrice: string;
}

/**
 * A project as it stands, for `psa.service-project.created.v1` and `.changed.v1`:
 * customer, site, PO, and each commitment with the order line's description and
 * price and the template's billing policy. `statusOf` gives a status changed since
 * the entities were read (undefined: as read).
 */
export function projectFactsOf(
  project: ServiceProjectEntity,
  source: string,
  commitments: CommitmentEntity[],
  lines: readonly PricedLine[],
  statusOf: (id: string) => string | undefined = () => undefined,
): ServiceProjectFacts {
  return {
    projectId: project.id,
    orderId: project.orderId,
    source,
    customer: { id: project.customerId, name: project.customerName },
    site: project.site,
    status: (statusOf(project.id) ?? project.status) as ServiceProjectFacts['status'],
    currency: project.currency,
    customerPoNumber: project.customerPoNumber,
    commitments: [...commitments].sort(byOrderLineAndUnit).map((c) => ({
      commitmentId: c.id,
      orderLineId: c.orderLineId,
      sku: c.sku,
      kind: c.kind,
      unitIndex: c.unitIndex,
      status: (statusOf(c.id) ?? c.status) as ServiceProjectFacts['commitments'][number]['status'],
      ...billingTermsOf(c, lines),
    })),
    createdAt: project.createdAt.toISOString(),
  };
}

/** What billing needs of a commitment: its order line's description and price, and the template's billing policy. */
function billingTermsOf(commitment: CommitmentEntity, lines: readonly PricedLine[]) {
  const line = lines.find((l) => l.lineId === commitment.orderLineId);
  const policy = commitment.templateSnapshot.billing;
  return {
    description: line?.description ?? commitment.templateSnapshot.name,
    unitPrice: line?.unitPrice ?? null,
    billing: {
      kind: policy.kind,
      milestones: policy.kind === 'fixed_fee' ? policy.milestones.map((m) => ({ taskKey: m.taskKey, percent: m.percent })) : null,
      notToExceed: policy.kind === 'time_and_materials' ? (policy.notToExceed ?? null) : null,
      schedule: policy.kind === 'contract_fee' ? policy.schedule : null,
    },
    forLineId: commitment.forLineId,
    serialNumber: commitment.serialNumber,
    taskKeys: commitment.templateSnapshot.tasks.map((t) => t.key),
  };
}

/** Stored order lines as the ERP sent them: a price kept to 4 places is given back with the currency's places ("60000.0000" → "60000.00"). */
export function pricedLinesOf(rows: readonly OrderLineEntity[], currency: string | null): PricedLine[] {
  const places = currency ? minorUnitsOf(currency) : 2;
  return rows.map((row) => ({ lineId: row.lineId, description: row.description, unitPrice: trimmedPrice(row.unitPrice, places) }));
}

function trimmedPrice(stored: string, places: number): string {
  const [whole, fraction = ''] = stored.split('.');
  const kept = fraction.replace(/0+$/, '').padEnd(places, '0');
  return kept ? `${whole}.${kept}` : whole;
}
