import { Decimal } from 'decimal.js';
import { minorUnitsOf } from '#contracts';

/**
 * What an `erp.parts.issued.v1` means for the work: one consumption per item,
 * at the ERP's unit cost. A return reverses: its quantity is recorded negative.
 * The contract's quantities are positive, so the ERP marks a return with
 * `movement: "return"` on the issue or on an item (an unknown field the contract
 * lets producers add); an item's own marking wins.
 */
export const MOVEMENTS = ['issue', 'return'] as const;
export type Movement = (typeof MOVEMENTS)[number];

export interface IssuedItem {
  sku: string;
  description?: string | null;
  quantity: number;
  unitCost: string;
  movement?: unknown;
}

export interface PartsIssue {
  issueId: string;
  currency: string;
  items: IssuedItem[];
  movement?: unknown;
}

export interface Consumption {
  lineNo: number;
  sku: string;
  description: string | null;
  /** Negative for a return. */
  quantity: number;
  unitCost: string;
  movement: Movement;
}

function movementOf(value: unknown): Movement | undefined {
  return value === 'return' || value === 'issue' ? value : undefined;
}

export function consumptionsOf(issue: PartsIssue): Consumption[] {
  const issueMovement = movementOf(issue.movement) ?? 'issue';
  return issue.items.map((item, index) => {
    const movement = movementOf(item.movement) ?? issueMovement;
    // A negative quantity (should the ERP ever send one) is a return whatever the marking says.
    const returned = movement === 'return' || item.quantity < 0;
    return {
      lineNo: index + 1,
      sku: item.sku,
      description: item.description ?? null,
      quantity: returned ? -Math.abs(item.quantity) : item.quantity,
      unitCost: item.unitCost,
      movement: returned ? 'return' : 'issue',
    };
  });
}

const Cost = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

/** quantity × unit cost, rounded half-up to the currency's minor units; negative for a return. */
export function costOf(quantity: number | string, unitCost: string, currency: string): string {
  const units = minorUnitsOf(currency);
  return new Cost(quantity).times(unitCost).toDecimalPlaces(units, Decimal.ROUND_HALF_UP).toFixed(units);
}
