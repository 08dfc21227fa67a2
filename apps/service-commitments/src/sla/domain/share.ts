/**
 * Shares of an SLA target ("at risk at 0.75", "head of service after a further 0.5").
 * The catalogue stores them as decimal strings (`SlaPolicy.atRiskShare: '0.75'`) so
 * that they round-trip through JSON and the database unchanged; callers may also
 * pass plain numbers. Only the comparison against elapsed time needs a number, and
 * two decimals of a share of minutes are well within double precision.
 */
const DECIMAL = /^\d+(\.\d+)?$/;

export interface ShareBounds {
  /** Whether 0 itself is a valid share (e.g. "escalate as soon as breached"). */
  allowZero: boolean;
  /** Largest valid share; `Infinity` when there is no upper bound. */
  max: number;
}

/** Parses a share given as a decimal string or a number; throws RangeError when out of bounds. */
export function parseShare(value: string | number, name: string, bounds: ShareBounds): number {
  let share: number;
  if (typeof value === 'string') {
    if (!DECIMAL.test(value.trim())) throw new RangeError(`${name} must be a decimal number such as '0.75', got '${value}'`);
    share = Number(value.trim());
  } else {
    share = value;
  }
  if (!Number.isFinite(share)) throw new RangeError(`${name} must be a finite number, got ${String(value)}`);
  const aboveMin = bounds.allowZero ? share >= 0 : share > 0;
  if (!aboveMin || share > bounds.max) {
    const lower = bounds.allowZero ? '0 ≤' : '0 <';
    const upper = Number.isFinite(bounds.max) ? ` ≤ ${bounds.max}` : '';
    throw new RangeError(`${name} must be ${lower} share${upper}, got ${String(value)}`);
  }
  return share;
}
