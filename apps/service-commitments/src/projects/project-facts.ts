import { minorUnitsOf, type ServiceProjectFacts } from '#contracts';
import type { CommitmentEntity } from './commitment.entity.js';
import { byOrderLineAndUnit } from './dto/project.view.js';
import type { OrderLineEntity } from './order-line.entity.js';
import type { ServiceProjectEntity } from './service-project.entity.js';
import type { TaskEntity } from './task.entity.js';

/** An order line as the ERP sent it: its description and unit price. */
export interface PricedLine {
  lineId: string;
  description?: string | null;
  unitPrice: string;
}

/** Each commitment's tasks by template task key: commitment id → task key → task ids, first made first. */
export type TaskIdsByCommitment = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;

/**
 * The commitments' tasks by template task key, in the order given. Read by sequence and
 * creation, the tasks made with the commitment come first, before a later follow-up
 * (which copies its task's key) or an AMC's further visits (sequence 2 and on).
 */
export function taskIdsByCommitment(tasks: readonly Pick<TaskEntity, 'id' | 'commitmentId' | 'templateTaskKey'>[]): Map<string, Map<string, string[]>> {
  const byCommitment = new Map<string, Map<string, string[]>>();
  for (const task of tasks) {
    if (!task.commitmentId) continue;
    let byKey = byCommitment.get(task.commitmentId);
    if (!byKey) byCommitment.set(task.commitmentId, (byKey = new Map()));
    const ids = byKey.get(task.templateTaskKey);
    if (ids) ids.push(task.id);
    else byKey.set(task.templateTaskKey, [task.id]);
  }
  return byCommitment;
}

/**
 * A project as it stands, for `psa.service-project.created.v1` and `.changed.v1`:
 * customer, site, PO, and each commitment with the order line's description and
 * price and the template's billing policy, and its tasks' ids beside their keys.
 * `statusOf` gives a status changed since the entities were read (undefined: as read).
 */
export function projectFactsOf(
  project: ServiceProjectEntity,
  source: string,
  commitments: CommitmentEntity[],
  lines: readonly PricedLine[],
  taskIds: TaskIdsByCommitment,
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
      ...tasksOf(c, taskIds),
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
  };
}

/**
 * The template's task keys and, one for one, the ids of the tasks made for them: the ERP
 * may issue parts against a task long before it is ready. A key the template has twice
 * takes its tasks in turn. Null ids if a key has no task left to take, rather than ids
 * that do not line up with the keys.
 */
function tasksOf(commitment: CommitmentEntity, taskIds: TaskIdsByCommitment) {
  const taskKeys = commitment.templateSnapshot.tasks.map((t) => t.key);
  const byKey = taskIds.get(commitment.id);
  const taken = new Map<string, number>();
  const ids = taskKeys.map((key) => {
    const turn = taken.get(key) ?? 0;
    taken.set(key, turn + 1);
    return byKey?.get(key)?.[turn];
  });
  return { taskKeys, taskIds: ids.every((id) => id !== undefined) ? (ids as string[]) : null };
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
