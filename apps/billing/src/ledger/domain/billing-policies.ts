import { addDays, addMonths, monthsSpanned } from './calendar.js';
import { extend, isPositive, minAmount, money, percentOf, roundAmount, splitEvenly, zero, type RoundingRule } from './billing-money.js';
import type { CoverageAnswer } from './coverage-decision.js';

/** A commitment's billing terms, as its template snapshot and order line said when it was sold. */
export interface CommitmentTerms {
  commitmentId: string;
  sku: string;
  description: string;
  unitPrice: string;
  currency: string;
  policy:
    | { kind: 'fixed_fee'; milestones: { taskKey: string; percent: string }[] }
    | { kind: 'time_and_materials'; notToExceed: string | null }
    | { kind: 'contract_fee'; schedule: 'advance' | 'quarterly' | 'monthly' }
    | { kind: 'non_billable' };
}

export interface MilestoneCharge {
  percent: string;
  amount: string;
  description: string;
  reason: string;
}

/**
 * Fixed fee: the share of the unit price a finished task earns. A whole
 * milestone (100 %) bills the unit price; percentage milestones bill their share,
 * the last one taking what rounding left so the shares add up to the price.
 */
export function milestoneCharge(terms: CommitmentTerms, taskKey: string, rule: RoundingRule = 'half_up'): MilestoneCharge | null {
  if (terms.policy.kind !== 'fixed_fee') return null;
  const milestones = terms.policy.milestones;
  const index = milestones.findIndex((m) => m.taskKey === taskKey);
  if (index === -1) return null;
  const milestone = milestones[index];
  const isLast = index === milestones.length - 1;
  const earlier = milestones.slice(0, index).map((m) => percentOf(terms.unitPrice, m.percent, terms.currency, rule));
  const amount =
    isLast && milestones.length > 1
      ? roundAmount(money(terms.unitPrice).minus(earlier.reduce((s, a) => s.plus(a), money(0))), terms.currency)
      : percentOf(terms.unitPrice, milestone.percent, terms.currency, rule);
  const whole = money(milestone.percent).equals(100);
  return {
    percent: milestone.percent,
    amount,
    description: whole ? terms.description : `${terms.description}: milestone ${taskKey} (${milestone.percent}%)`,
    reason: `Fixed fee: milestone ${taskKey} (${milestone.percent}% of ${terms.unitPrice}) done`,
  };
}

export interface ContractInstalment {
  sequence: number;
  dueOn: string;
  periodFrom: string;
  periodTo: string;
  amount: string;
  description: string;
}

/**
 * Contract fee (an AMC): all of it when the term starts (in advance), or in
 * quarterly or monthly instalments due at the start of each period; the last
 * instalment takes the rounding remainder.
 */
export function contractInstalments(terms: CommitmentTerms, startsOn: string, endsOn: string): ContractInstalment[] {
  if (terms.policy.kind !== 'contract_fee') return [];
  const months = monthsSpanned(startsOn, endsOn);
  const step = terms.policy.schedule === 'advance' ? months : terms.policy.schedule === 'quarterly' ? 3 : 1;
  const count = Math.max(1, Math.ceil(months / step));
  const amounts = splitEvenly(terms.unitPrice, count, terms.currency);
  return amounts.map((amount, i) => {
    const periodFrom = addMonths(startsOn, i * step);
    const periodTo = i === count - 1 ? endsOn : addDays(addMonths(startsOn, (i + 1) * step), -1);
    return {
      sequence: i + 1,
      dueOn: periodFrom,
      periodFrom,
      periodTo,
      amount,
      description: count === 1 ? `${terms.description} ${periodFrom}..${periodTo}` : `${terms.description} instalment ${i + 1}/${count} (${periodFrom}..${periodTo})`,
    };
  });
}

/** Where a piece of work (time, expense, parts) falls under its task's commitment. */
export interface WorkContext {
  /** The commitment's terms; null for a breakdown (a service request) or work without a commitment. */
  terms: CommitmentTerms | null;
  /** False when the approver marked the time non-billable. */
  markedBillable: boolean;
  coverage: CoverageAnswer;
}

export interface WorkPrice {
  quantity: string;
  /** The billing rate (time), cost plus markup (parts), or the amount (expenses); null when no rate is known. */
  unitPrice: string | null;
  currency: string;
  rule: RoundingRule;
  /** What this commitment has billed so far (for a not-to-exceed cap). */
  billedSoFar: string;
  /**
   * The full amount when it is not quantity × unit price rounded by the rule: time
   * with after-hours or weekend premiums (`priceTime`), whose unit price is the
   * blended rate. The cap applies to it as to any amount.
   */
  amount?: string;
  /** How the amount was reached, when `amount` is given ("2 h at 1200.00, 2 h after hours at 150 %"). */
  breakdown?: string | null;
}

export interface WorkDecision {
  billable: boolean;
  coverage: 'none' | 'warranty' | 'amc';
  amount: string;
  unitPrice: string;
  reason: string;
  /** Billable but not priced (no rate): finance must set the price. */
  needsReview: boolean;
}

/**
 * Time and materials: decides whether a piece of work is billed, and for how much.
 * Work on fixed-fee and contract commitments is in their price; covered work is not
 * billed; the rest is billed at the rate, up to a not-to-exceed cap.
 */
export function priceWork(context: WorkContext, price: WorkPrice): WorkDecision {
  const none = (reason: string, coverage: WorkDecision['coverage'] = 'none'): WorkDecision => ({
    billable: false,
    coverage,
    amount: zero(price.currency),
    unitPrice: price.unitPrice ?? '0',
    reason,
    needsReview: false,
  });
  const policy = context.terms?.policy;
  if (!context.markedBillable) return none('Marked non-billable when approved');
  if (policy?.kind === 'fixed_fee') return none(`Included in the fixed fee of ${context.terms!.sku}`);
  if (policy?.kind === 'non_billable') return none(`${context.terms!.sku} is not billable`);
  if (policy?.kind === 'contract_fee') return none(`Included in the contract fee of ${context.terms!.sku}: ${context.coverage.reason}`, 'amc');
  if (context.coverage.coverage !== 'none') return none(context.coverage.reason, context.coverage.coverage);
  if (price.unitPrice === null) {
    return {
      billable: true,
      coverage: 'none',
      amount: zero(price.currency),
      unitPrice: '0',
      reason: `No billing rate in ${price.currency}: finance must price it (${context.coverage.reason})`,
      needsReview: true,
    };
  }
  const full = price.amount ?? extend(price.quantity, price.unitPrice, price.currency, price.rule);
  const cap = policy?.kind === 'time_and_materials' ? policy.notToExceed : null;
  const breakdown = price.breakdown ? ` = ${price.breakdown}` : '';
  const basis = `Time and materials: ${price.quantity} × ${price.unitPrice}${breakdown} (${context.coverage.reason})`;
  if (cap) {
    const remaining = roundAmount(money(cap).minus(price.billedSoFar), price.currency);
    if (!isPositive(remaining)) return none(`Not-to-exceed ${cap} reached for ${context.terms!.sku}`);
    const amount = minAmount(full, remaining);
    if (amount !== full) {
      return { billable: true, coverage: 'none', amount, unitPrice: price.unitPrice, reason: `${basis}; capped at the not-to-exceed ${cap}`, needsReview: false };
    }
  }
  return { billable: true, coverage: 'none', amount: full, unitPrice: price.unitPrice, reason: basis, needsReview: false };
}
