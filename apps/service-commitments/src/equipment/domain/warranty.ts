import { addDays, addMonths, minDate } from './calendar-dates.js';

export type WarrantyBasis = 'dispatch_grace' | 'installation';

export interface WarrantyWindow {
  startsOn: string;
  /** Last covered day, inclusive. */
  endsOn: string;
  basis: WarrantyBasis;
}

/**
 * Warranty starts at the earlier of installation completion and dispatch plus
 * the grace period, so a machine left uninstalled does not extend its warranty.
 */
export function warrantyAtDispatch(dispatchedOn: string, graceDays: number, months: number): WarrantyWindow {
  const startsOn = addDays(dispatchedOn, graceDays);
  return { startsOn, endsOn: lastCoveredDay(startsOn, months), basis: 'dispatch_grace' };
}

/** Installation done: the warranty starts then, unless the grace period already started it. */
export function warrantyAtInstallation(current: WarrantyWindow, installedOn: string, months: number): WarrantyWindow {
  const startsOn = minDate(current.startsOn, installedOn);
  if (startsOn === current.startsOn) return current;
  return { startsOn, endsOn: lastCoveredDay(startsOn, months), basis: 'installation' };
}

export function lastCoveredDay(startsOn: string, months: number): string {
  return addDays(addMonths(startsOn, months), -1);
}

export function isCovered(window: { startsOn: string; endsOn: string } | null, on: string): boolean {
  return !!window && window.startsOn <= on && on <= window.endsOn;
}
