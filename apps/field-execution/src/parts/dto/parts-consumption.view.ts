import { trimDecimal } from '../../core/field-work-events.js';
import { costOf } from '../domain/parts-issue.js';
import type { PartsConsumptionEntity } from '../parts-consumption.entity.js';

export interface PartsConsumptionView {
  id: string;
  issueId: string;
  reference: { kind: string; id: string };
  sku: string;
  description: string | null;
  /** Negative for a return. */
  quantity: number;
  unitCost: string;
  /** quantity × unit cost in `currency` (negative for a return). */
  cost: string;
  currency: string;
  movement: string;
  consumedAt: string;
}

export function toPartsConsumptionView(row: PartsConsumptionEntity): PartsConsumptionView {
  return {
    id: row.id,
    issueId: row.issueId,
    reference: { kind: row.referenceKind, id: row.referenceId },
    sku: row.sku,
    description: row.description,
    quantity: Number(row.quantity),
    unitCost: trimDecimal(row.unitCost),
    cost: costOf(row.quantity, row.unitCost, row.currency),
    currency: row.currency,
    movement: row.movement,
    consumedAt: row.consumedAt.toISOString(),
  };
}
