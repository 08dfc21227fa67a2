import { createHash } from 'node:crypto';
import type { ServiceKind, ServiceTemplate } from '../../catalogue/domain/service-template.js';
import type { SalesOrder, SalesOrderLine } from './sales-order.js';

export type OrderLineKind = 'service' | 'machine' | 'product';

export interface PlannedOrderLine {
  line: SalesOrderLine;
  kind: OrderLineKind;
}

export interface PlannedCommitment {
  orderLineId: string;
  sku: string;
  kind: ServiceKind;
  /** 1-based: service unit i of its line (2 support visits → units 1 and 2). */
  unitIndex: number;
  forLineId: string | null;
  /** Given when the line names machines already installed (an AMC sold later). */
  serialNumber: string | null;
  template: ServiceTemplate;
}

/** An order this service cannot turn into commitments; it is dead-lettered with the reason. */
export class OrderRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'OrderRejected';
  }
}

export interface ProjectPlan {
  lines: PlannedOrderLine[];
  commitments: PlannedCommitment[];
}

/**
 * Turns an order into what we promised: one commitment per service unit, each
 * with its template. Lines with SKUs the catalogue does not know are product
 * lines, or machine lines when they carry a warranty or have services for them.
 */
export function planServiceProject(order: SalesOrder, catalogue: ReadonlyMap<string, ServiceTemplate>): ProjectPlan {
  const lineIds = new Set(order.lines.map((l) => l.lineId));
  for (const line of order.lines) {
    if (line.forLineId && !lineIds.has(line.forLineId)) {
      throw new OrderRejected(`line ${line.lineId} (${line.sku}) is for line ${line.forLineId}, which the order does not have`);
    }
  }
  const servedMachines = new Set(
    order.lines.filter((l) => catalogue.has(l.sku) && l.forLineId).map((l) => l.forLineId as string),
  );
  const lines: PlannedOrderLine[] = order.lines.map((line) => ({
    line,
    kind: catalogue.has(line.sku)
      ? 'service'
      : line.warrantyMonths != null || servedMachines.has(line.lineId)
        ? 'machine'
        : 'product',
  }));
  const commitments: PlannedCommitment[] = [];
  for (const { line, kind } of lines) {
    if (kind !== 'service') continue;
    const template = catalogue.get(line.sku)!;
    if (!Number.isInteger(line.quantity)) {
      throw new OrderRejected(`line ${line.lineId} (${line.sku}): a service is sold in whole units, got quantity ${line.quantity}`);
    }
    if (line.serialNumbers && line.serialNumbers.length > line.quantity) {
      throw new OrderRejected(
        `line ${line.lineId} (${line.sku}): ${line.serialNumbers.length} serial numbers for ${line.quantity} service units`,
      );
    }
    const units = line.quantity;
    for (let unit = 1; unit <= units; unit++) {
      commitments.push({
        orderLineId: line.lineId,
        sku: line.sku,
        kind: template.kind,
        unitIndex: unit,
        forLineId: line.forLineId ?? null,
        serialNumber: line.serialNumbers?.[unit - 1] ?? null,
        template,
      });
    }
  }
  return { lines, commitments };
}

/**
 * A stable fingerprint of an order's content, so a second "created" for the
 * same order can be told apart: identical (a no-op) or different (ORDER_EXISTS).
 * A field that is null is the same as one left out, as the contract's optional
 * fields are (an ERP connector that writes every field sends nulls).
 */
export function orderFingerprint(order: SalesOrder): string {
  return createHash('sha256').update(canonicalJson(order, true)).digest('hex');
}

/**
 * Whether `stored` is this order's fingerprint: by today's rule, or by the one before
 * null counted as absent, which the orders stored until then carry.
 */
export function isOrderFingerprint(stored: string, order: SalesOrder): boolean {
  return stored === orderFingerprint(order) || stored === createHash('sha256').update(canonicalJson(order, false)).digest('hex');
}

function canonicalJson(value: unknown, nullIsAbsent: boolean): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, nullIsAbsent)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && !(nullIsAbsent && v === null))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v, nullIsAbsent)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
