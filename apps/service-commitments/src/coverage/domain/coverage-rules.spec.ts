import { decideCoverage, slaForPriority, UNCOVERED_SLA, type MachineCoverFacts } from './coverage-rules.js';

const amcSla = { coverage: '24x7', responseHours: 4, resolutionHours: 24, atRiskShare: '0.75' } as const;
const facts: MachineCoverFacts = {
  serialNumber: 'INJ250-0009',
  warranty: { startsOn: '2026-11-27', endsOn: '2027-11-26' },
  warrantySla: null,
  amcContracts: [
    { contractId: 'amc-1', startsOn: '2027-11-27', endsOn: '2028-11-26', status: 'pending', scope: 'labour', visitQuota: 4, visitsUsed: 0, sla: amcSla },
  ],
};

describe('coverage of a machine on a date', () => {
  it('is warranty inside the warranty window, first and last day included', () => {
    expect(decideCoverage(facts, '2026-11-27').kind).toBe('warranty');
    expect(decideCoverage(facts, '2027-11-26')).toMatchObject({ kind: 'warranty', scope: 'labour_and_parts' });
  });

  it('is the AMC after warranty, with its scope and SLA', () => {
    expect(decideCoverage(facts, '2027-11-27')).toMatchObject({ kind: 'amc', contractId: 'amc-1', scope: 'labour', sla: amcSla });
  });

  it('is none before dispatch cover, after every term, or for a cancelled AMC, and says why', () => {
    const early = decideCoverage(facts, '2026-11-01');
    expect(early.kind).toBe('none');
    expect(early.reason).toMatch(/warranty starts 2026-11-27/);
    const after = decideCoverage(facts, '2028-11-27');
    expect(after).toMatchObject({ kind: 'none', sla: UNCOVERED_SLA });
    expect(after.reason).toMatch(/warranty ended 2027-11-26/);
    const cancelled = { ...facts, amcContracts: [{ ...facts.amcContracts[0], status: 'cancelled' }] };
    expect(decideCoverage(cancelled, '2027-12-01').kind).toBe('none');
  });

  it('scales targets by priority', () => {
    expect(slaForPriority(amcSla, 'P1')).toMatchObject({ responseHours: 2, resolutionHours: 12 });
    expect(slaForPriority(amcSla, 'P4')).toMatchObject({ responseHours: 8, resolutionHours: 48 });
  });
});
