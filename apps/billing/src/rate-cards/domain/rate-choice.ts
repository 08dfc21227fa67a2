import type { RoundingRule } from '../../ledger/domain/billing-money.js';
import type { BusinessHours } from '../../ledger/domain/premium-hours.js';

/** A billing rate (what the customer pays) or a cost rate (what an engineer's hour costs us). */
export interface RateCard {
  id: string;
  kind: 'billing' | 'cost';
  /** Billing: the customer's negotiated rate; null for the list price. */
  customerId: string | null;
  /** Billing: a contract's own rate (the commitment that sold it); wins over the customer's. */
  contractId: string | null;
  /** Cost: the engineer it prices; null for the default cost rate. */
  engineerId: string | null;
  /** The activity it prices (work, travel, ...), or `any`. */
  activity: string;
  rate: string;
  currency: string;
  validFrom: string;
  rounding: RoundingRule;
  /** Parts are billed at cost plus this markup percent. */
  partsMarkupPercent: string;
  /** Billing: percent of the rate for hours outside business hours on a working day; null for none. */
  afterHoursPercent: string | null;
  /** Billing: percent of the rate on non-working days; null for the after-hours percent. */
  weekendPercent: string | null;
  /** The working week the premiums are measured against, on the site's wall clock. */
  businessHours: BusinessHours;
}

export interface RateQuestion {
  kind: 'billing' | 'cost';
  currency: string;
  on: string;
  activity: string;
  customerId?: string | null;
  contractId?: string | null;
  engineerId?: string | null;
}

function specificity(card: RateCard, q: RateQuestion): number | null {
  if (card.kind !== q.kind || card.currency !== q.currency || card.validFrom > q.on) return null;
  if (card.activity !== 'any' && card.activity !== q.activity) return null;
  if (card.contractId && card.contractId !== q.contractId) return null;
  if (card.customerId && card.customerId !== q.customerId) return null;
  if (card.engineerId && card.engineerId !== q.engineerId) return null;
  return (card.contractId ? 8 : 0) + (card.customerId ? 4 : 0) + (card.engineerId ? 4 : 0) + (card.activity !== 'any' ? 2 : 0);
}

/**
 * The rate that applies: the most specific card (contract, then customer or
 * engineer, then activity) valid on the day, and of those the latest; the list
 * price or default cost rate when nothing more specific exists.
 */
export function chooseRate(cards: readonly RateCard[], question: RateQuestion): RateCard | null {
  let best: { card: RateCard; score: number } | null = null;
  for (const card of cards) {
    const score = specificity(card, question);
    if (score === null) continue;
    if (!best || score > best.score || (score === best.score && card.validFrom > best.card.validFrom)) best = { card, score };
  }
  return best?.card ?? null;
}
