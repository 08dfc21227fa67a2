import { Decimal } from 'decimal.js';
import { minorUnitsOf } from '#contracts';
import type { CommitmentBillingLineEntity } from '../../billing-status/commitment-billing-line.entity.js';
import type { CommitmentEntity } from '../commitment.entity.js';
import type { OrderLineEntity } from '../order-line.entity.js';
import type { ServiceProjectEntity, SiteSnapshot } from '../service-project.entity.js';
import type { TaskEntity } from '../task.entity.js';

export interface TaskView {
  id: string;
  name: string;
  status: string;
  owner: string | null;
  serialNumber: string | null;
  plannedDate: string | null;
  earliestStart: string | null;
  dueDate: string | null;
  holdReason: string | null;
  holdNote: string | null;
  requiredSkills: string[];
  estimatedHours: string;
  engineers: number;
  checklist: { item: string; kind: string; required: boolean }[];
}

export interface CommitmentView {
  id: string;
  orderLineId: string;
  sku: string;
  kind: string;
  unitIndex: number;
  forLineId: string | null;
  serialNumber: string | null;
  status: string;
  unitPrice: string;
  templateVersion: number;
  cancellationReason: string | null;
  reviewReason: string | null;
  /** billing's lines of this commitment (fees, instalments, billable work), as billing last reported them. */
  billing?: CommitmentBillingView[];
  tasks?: TaskView[];
}

export interface CommitmentBillingView {
  lineId: string;
  kind: string;
  state: string;
  amount: string;
  currency: string;
  invoiceRequestId: string | null;
}

export interface OrderLineView {
  lineId: string;
  sku: string;
  description: string | null;
  kind: string;
  quantity: string;
  unitPrice: string;
  forLineId: string | null;
  warrantyMonths: number | null;
}

export interface ProjectView {
  id: string;
  orderId: string;
  orderDate: string;
  currency: string;
  customerPoNumber: string | null;
  customer: { id: string; name: string; email: string | null };
  site: SiteSnapshot;
  status: string;
  cancellationReason: string | null;
  lines: OrderLineView[];
  commitments: CommitmentView[];
  createdAt: string;
  updatedAt: string;
}

/** Drops trailing zeros numeric(…, 4) adds, keeping the currency's own decimals when present. */
function decimal(value: string): string {
  return value.includes('.') ? value.replace(/(\.\d*?[1-9])0+$/, '$1').replace(/\.0+$/, '') : value;
}

function money(value: string): string {
  const [whole, fraction = ''] = value.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${whole}.${trimmed.padEnd(2, '0')}`;
}

export function toTaskView(task: TaskEntity): TaskView {
  return {
    id: task.id,
    name: task.name,
    status: task.status,
    owner: task.owner,
    serialNumber: task.serialNumber,
    plannedDate: task.plannedDate,
    earliestStart: task.earliestStart,
    dueDate: task.dueDate,
    holdReason: task.holdReason,
    holdNote: task.holdNote,
    requiredSkills: task.requiredSkills,
    estimatedHours: decimal(task.estimatedHours),
    engineers: task.engineers,
    checklist: task.checklist,
  };
}

export function toProjectView(project: ServiceProjectEntity, tasks: TaskEntity[] | null, billing: CommitmentBillingLineEntity[] | null = null): ProjectView {
  const lines = [...(project.lines ?? [])].sort(byLineId);
  const commitments = [...(project.commitments ?? [])].sort(byOrderLineAndUnit);
  // Grouped once by commitment, not filtered again for each: a fleet order has hundreds of commitments.
  const tasksOf = tasks ? groupBy(tasks, (t) => t.commitmentId) : null;
  const billingOf = billing ? groupBy(billing.filter((b) => b.billable), (b) => b.commitmentId) : null;
  return {
    id: project.id,
    orderId: project.orderId,
    orderDate: project.orderDate,
    currency: project.currency,
    customerPoNumber: project.customerPoNumber,
    customer: { id: project.customerId, name: project.customerName, email: project.customerEmail },
    site: project.site,
    status: project.status,
    cancellationReason: project.cancellationReason,
    lines: lines.map((l: OrderLineEntity) => ({
      lineId: l.lineId,
      sku: l.sku,
      description: l.description,
      kind: l.kind,
      quantity: decimal(l.quantity),
      unitPrice: money(l.unitPrice),
      forLineId: l.forLineId,
      warrantyMonths: l.warrantyMonths,
    })),
    commitments: commitments.map((c: CommitmentEntity) => ({
      id: c.id,
      orderLineId: c.orderLineId,
      sku: c.sku,
      kind: c.kind,
      unitIndex: c.unitIndex,
      forLineId: c.forLineId,
      serialNumber: c.serialNumber,
      status: c.status,
      unitPrice: money(c.unitPrice),
      templateVersion: c.templateSnapshot.version,
      cancellationReason: c.cancellationReason,
      reviewReason: c.reviewReason,
      ...(billingOf
        ? {
            billing: (billingOf.get(c.id) ?? [])
              .sort((a, b) => new Date(a.changedAt).getTime() - new Date(b.changedAt).getTime())
              .map((b) => ({ lineId: b.lineId, kind: b.sourceKind, state: b.state, amount: amountIn(b.amount, b.currency), currency: b.currency, invoiceRequestId: b.invoiceRequestId })),
          }
        : {}),
      ...(tasksOf ? { tasks: (tasksOf.get(c.id) ?? []).map(toTaskView) } : {}),
    })),
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
  };
}

/** Rows by a key, each group in the rows' order. */
function groupBy<T, K>(rows: readonly T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Line ids in natural order ("2" before "10"); one collator, as building one per comparison is costly. */
const lineIdOrder = new Intl.Collator('en', { numeric: true });

function byLineId(a: { lineId: string }, b: { lineId: string }): number {
  return lineIdOrder.compare(a.lineId, b.lineId);
}

/** Commitments as a project lists them: by order line, then unit. */
export function byOrderLineAndUnit(a: { orderLineId: string; unitIndex: number }, b: { orderLineId: string; unitIndex: number }): number {
  return lineIdOrder.compare(a.orderLineId, b.orderLineId) || a.unitIndex - b.unitIndex;
}

/** A numeric column's amount with the currency's minor units ("60000.000" → "60000.00" in INR). */
function amountIn(value: string, currency: string): string {
  return new Decimal(value).toFixed(minorUnitsOf(currency));
}
