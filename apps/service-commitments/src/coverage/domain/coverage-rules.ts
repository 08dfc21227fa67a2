import type { SlaPolicy } from '../../catalogue/domain/service-template.js';
import { isCovered } from '../../equipment/domain/warranty.js';

export type CoverageKind = 'warranty' | 'amc' | 'none';
export type Priority = 'P1' | 'P2' | 'P3' | 'P4';

export interface AmcCover {
  contractId: string;
  startsOn: string | null;
  endsOn: string | null;
  status: string;
  scope: 'labour' | 'labour_and_parts';
  visitQuota: number;
  visitsUsed: number;
  sla: SlaPolicy;
}

export interface MachineCoverFacts {
  serialNumber: string;
  warranty: { startsOn: string; endsOn: string } | null;
  amcContracts: AmcCover[];
  warrantySla: SlaPolicy | null;
}

export interface CoverageDecision {
  kind: CoverageKind;
  contractId: string | null;
  scope: 'labour' | 'labour_and_parts' | null;
  sla: SlaPolicy;
  reason: string;
}

/** What applies when nothing covers the machine: best effort in office hours. */
export const UNCOVERED_SLA: SlaPolicy = { coverage: '8x5', responseHours: 16, resolutionHours: 80, atRiskShare: '0.75' };
/** Warranty work unless the installation template says otherwise. */
export const DEFAULT_WARRANTY_SLA: SlaPolicy = { coverage: '8x5', responseHours: 8, resolutionHours: 40, atRiskShare: '0.75' };

/** Priority scales the coverage's targets: P1 is twice as urgent as the contract's standard (P2). */
const PRIORITY_FACTOR: Record<Priority, number> = { P1: 0.5, P2: 1, P3: 1.5, P4: 2 };

/**
 * Which coverage applies to a machine on a date. Warranty covers labour and
 * parts, so it wins where both apply; an AMC covers within its term and scope.
 */
export function decideCoverage(facts: MachineCoverFacts, on: string): CoverageDecision {
  if (facts.warranty && isCovered(facts.warranty, on)) {
    return {
      kind: 'warranty',
      contractId: null,
      scope: 'labour_and_parts',
      sla: facts.warrantySla ?? DEFAULT_WARRANTY_SLA,
      reason: `${facts.serialNumber} is under warranty from ${facts.warranty.startsOn} to ${facts.warranty.endsOn}`,
    };
  }
  const amc = facts.amcContracts.find((c) => c.status !== 'cancelled' && c.startsOn && c.endsOn && isCovered({ startsOn: c.startsOn, endsOn: c.endsOn }, on));
  if (amc) {
    return {
      kind: 'amc',
      contractId: amc.contractId,
      scope: amc.scope,
      sla: amc.sla,
      reason: `${facts.serialNumber} is under AMC ${amc.contractId} from ${amc.startsOn} to ${amc.endsOn} (${amc.scope.replace(/_/g, ' ')})`,
    };
  }
  const lapsed = !facts.warranty
    ? 'no warranty'
    : on < facts.warranty.startsOn
      ? `warranty starts ${facts.warranty.startsOn}`
      : `warranty ended ${facts.warranty.endsOn}`;
  return { kind: 'none', contractId: null, scope: null, sla: UNCOVERED_SLA, reason: `${facts.serialNumber} has no cover on ${on} (${lapsed}, no AMC in force)` };
}

export function slaForPriority(sla: SlaPolicy, priority: Priority): SlaPolicy {
  const factor = PRIORITY_FACTOR[priority];
  return { ...sla, responseHours: sla.responseHours * factor, resolutionHours: sla.resolutionHours * factor };
}
