/**
 * Whether a machine's warranty or AMC covers a piece of work on a given day.
 * Covered work is not billed, but its cost is kept and the reason is on the line.
 */
export interface CoverageWindow {
  kind: 'warranty' | 'amc';
  contractId: string | null;
  /** First and last covered day (site calendar), or null while not known. */
  startsOn: string | null;
  endsOn: string | null;
  /** Labour only, or labour and parts. A warranty covers both unless it says otherwise. */
  scope: 'labour' | 'labour_and_parts' | null;
  /** AMC: service visits included per term. */
  visitQuota: number | null;
  status: 'pending' | 'active' | 'expired' | 'cancelled';
}

/** What the work is: engineer time and expenses (labour), or spare parts. */
export type WorkKind = 'labour' | 'parts';

export interface CoverageQuestion {
  workDate: string;
  workKind: WorkKind;
  windows: readonly CoverageWindow[];
  /** The visit the work was done on (AMC quotas count visits); null for parts issued to a task or project. */
  visitId: string | null;
  /** Per AMC contract: the visits it has covered already, this one included if it was counted before. */
  visitsCoveredByContract: (contractId: string) => readonly string[];
}

export interface CoverageAnswer {
  coverage: 'none' | 'warranty' | 'amc';
  reason: string;
  /** The AMC contract whose quota this visit now uses (count it), when it is a new visit under it. */
  countsVisitOf: string | null;
}

function inWindow(window: CoverageWindow, day: string): boolean {
  return window.status !== 'cancelled' && !!window.startsOn && !!window.endsOn && window.startsOn <= day && day <= window.endsOn;
}

function scopeCovers(window: CoverageWindow, workKind: WorkKind): boolean {
  const scope = window.scope ?? (window.kind === 'warranty' ? 'labour_and_parts' : 'labour');
  return workKind === 'labour' || scope === 'labour_and_parts';
}

/**
 * Warranty first (the manufacturer's own promise), then an AMC within its scope
 * and visit quota. Boundaries are inclusive: the last day of a warranty is covered,
 * the day after is not.
 */
export function decideCoverage(question: CoverageQuestion): CoverageAnswer {
  const { workDate, workKind } = question;
  const reasons: string[] = [];
  const warranty = question.windows.find((w) => w.kind === 'warranty' && inWindow(w, workDate));
  if (warranty) {
    if (scopeCovers(warranty, workKind)) {
      return { coverage: 'warranty', reason: `Covered by warranty ${warranty.startsOn}..${warranty.endsOn}`, countsVisitOf: null };
    }
    reasons.push(`warranty ${warranty.startsOn}..${warranty.endsOn} covers labour only`);
  }
  for (const amc of question.windows.filter((w) => w.kind === 'amc' && inWindow(w, workDate))) {
    const label = `AMC ${amc.startsOn}..${amc.endsOn}`;
    if (!scopeCovers(amc, workKind)) {
      reasons.push(`${label} covers labour only, not parts`);
      continue;
    }
    if (workKind === 'parts' || amc.visitQuota === null || !amc.contractId) {
      return { coverage: 'amc', reason: `Covered by ${label} (${amc.scope ?? 'labour'})`, countsVisitOf: null };
    }
    const used = question.visitsCoveredByContract(amc.contractId);
    if (question.visitId && used.includes(question.visitId)) {
      return { coverage: 'amc', reason: `Covered by ${label}: visit ${used.indexOf(question.visitId) + 1} of ${amc.visitQuota}`, countsVisitOf: null };
    }
    if (used.length < amc.visitQuota) {
      return {
        coverage: 'amc',
        reason: `Covered by ${label}: visit ${used.length + 1} of ${amc.visitQuota}`,
        countsVisitOf: question.visitId ? amc.contractId : null,
      };
    }
    reasons.push(`${label} visit quota of ${amc.visitQuota} used up`);
  }
  if (reasons.length === 0) {
    const lapsed = question.windows.filter((w) => w.endsOn && w.endsOn < workDate).map((w) => `${w.kind} ended ${w.endsOn}`);
    reasons.push(lapsed.length > 0 ? `not covered on ${workDate}: ${lapsed.join(', ')}` : `no warranty or AMC on ${workDate}`);
  }
  return { coverage: 'none', reason: capitalise(reasons.join('; ')), countsVisitOf: null };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
