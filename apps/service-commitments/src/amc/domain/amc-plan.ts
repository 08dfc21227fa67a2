import type { AmcTerms } from '../../catalogue/domain/service-template.js';
import { addDays, addMonths, daysBetween, maxDate } from '../../equipment/domain/calendar-dates.js';

export interface AmcTermDates {
  startsOn: string;
  /** Last covered day, inclusive. */
  endsOn: string;
}

/**
 * When an AMC starts: from installation, or the day after warranty ends; never
 * before the order was placed (an AMC sold later for an older machine).
 */
export function amcTerm(
  terms: AmcTerms,
  facts: { installedOn: string | null; warrantyEndsOn: string | null; provisionalStartOn: string | null; orderDate: string },
): AmcTermDates | null {
  const anchor =
    terms.startRule === 'warranty_end'
      ? facts.warrantyEndsOn
        ? addDays(facts.warrantyEndsOn, 1)
        : null
      : (facts.installedOn ?? facts.provisionalStartOn);
  if (!anchor) return null;
  const startsOn = maxDate(anchor, facts.orderDate);
  return { startsOn, endsOn: addDays(addMonths(startsOn, terms.termMonths), -1) };
}

/**
 * Preventive visits spread evenly over the term: visit k of n sits in the middle
 * of the k-th of n equal slices (4 visits a year → mid-quarter).
 */
export function plannedVisitDates(term: AmcTermDates, visits: number): string[] {
  if (visits <= 0) return [];
  const span = daysBetween(term.startsOn, term.endsOn) + 1;
  return Array.from({ length: visits }, (_, k) => addDays(term.startsOn, Math.floor(((k + 0.5) * span) / visits)));
}
