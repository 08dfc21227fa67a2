import { decideCoverage, type CoverageQuestion, type CoverageWindow } from './coverage-decision.js';

const warranty: CoverageWindow = { kind: 'warranty', contractId: null, startsOn: '2026-11-30', endsOn: '2027-11-29', scope: 'labour_and_parts', visitQuota: null, status: 'active' };
const amc: CoverageWindow = { kind: 'amc', contractId: 'amc-1', startsOn: '2027-11-30', endsOn: '2028-11-29', scope: 'labour', visitQuota: 2, status: 'pending' };

function ask(over: Partial<CoverageQuestion>, covered: Record<string, string[]> = {}): ReturnType<typeof decideCoverage> {
  return decideCoverage({ workDate: '2027-03-01', workKind: 'labour', windows: [warranty, amc], visitId: 'v-1', visitsCoveredByContract: (id) => covered[id] ?? [], ...over });
}

describe('coverage decision', () => {
  it('warranty boundary dates: the first and the last day are covered, the day before and the day after are not', () => {
    const onlyWarranty = [warranty];
    expect(ask({ workDate: '2026-11-29', windows: onlyWarranty }).coverage).toBe('none');
    expect(ask({ workDate: '2026-11-30', windows: onlyWarranty }).coverage).toBe('warranty');
    expect(ask({ workDate: '2027-11-29', windows: onlyWarranty })).toEqual({ coverage: 'warranty', reason: 'Covered by warranty 2026-11-30..2027-11-29', countsVisitOf: null });
    expect(ask({ workDate: '2027-11-30', windows: onlyWarranty })).toEqual({ coverage: 'none', reason: 'Not covered on 2027-11-30: warranty ended 2027-11-29', countsVisitOf: null });
  });

  it('warranty covers parts too', () => {
    expect(ask({ workKind: 'parts' }).coverage).toBe('warranty');
  });

  it('an AMC covers labour within its visit quota and counts the visit', () => {
    expect(ask({ workDate: '2028-01-10' })).toEqual({ coverage: 'amc', reason: 'Covered by AMC 2027-11-30..2028-11-29: visit 1 of 2', countsVisitOf: 'amc-1' });
    expect(ask({ workDate: '2028-01-10', visitId: 'v-2' }, { 'amc-1': ['v-1'] })).toMatchObject({ coverage: 'amc', reason: 'Covered by AMC 2027-11-30..2028-11-29: visit 2 of 2', countsVisitOf: 'amc-1' });
  });

  it('more time on a visit already counted stays covered without counting it again', () => {
    expect(ask({ workDate: '2028-01-10', visitId: 'v-2' }, { 'amc-1': ['v-1', 'v-2'] })).toEqual({ coverage: 'amc', reason: 'Covered by AMC 2027-11-30..2028-11-29: visit 2 of 2', countsVisitOf: null });
  });

  it('AMC quota exhausted: a third visit under a two-visit AMC is billable, and says why', () => {
    expect(ask({ workDate: '2028-01-10', visitId: 'v-3' }, { 'amc-1': ['v-1', 'v-2'] })).toEqual({ coverage: 'none', reason: 'AMC 2027-11-30..2028-11-29 visit quota of 2 used up', countsVisitOf: null });
  });

  it('scope labour-only with parts: the AMC covers the labour, the parts are billed', () => {
    expect(ask({ workDate: '2028-01-10', workKind: 'labour' }).coverage).toBe('amc');
    expect(ask({ workDate: '2028-01-10', workKind: 'parts' })).toEqual({ coverage: 'none', reason: 'AMC 2027-11-30..2028-11-29 covers labour only, not parts', countsVisitOf: null });
    expect(ask({ workDate: '2028-01-10', workKind: 'parts', windows: [{ ...amc, scope: 'labour_and_parts' }] })).toMatchObject({ coverage: 'amc', reason: 'Covered by AMC 2027-11-30..2028-11-29 (labour_and_parts)' });
  });

  it('a cancelled or not yet dated coverage covers nothing', () => {
    expect(ask({ windows: [{ ...warranty, status: 'cancelled' }] }).coverage).toBe('none');
    expect(ask({ windows: [{ ...amc, startsOn: null, endsOn: null }] })).toMatchObject({ coverage: 'none', reason: 'No warranty or AMC on 2027-03-01' });
  });
});
