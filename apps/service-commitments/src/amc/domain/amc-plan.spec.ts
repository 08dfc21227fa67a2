import { amcTerm, plannedVisitDates } from './amc-plan.js';

const terms = { termMonths: 12, visitsPerTerm: 4, scope: 'labour', startRule: 'warranty_end' } as const;

describe('AMC terms', () => {
  it('start the day after warranty ends, for the term', () => {
    expect(amcTerm(terms, { installedOn: null, warrantyEndsOn: '2027-11-27', provisionalStartOn: null, orderDate: '2026-11-20' }))
      .toEqual({ startsOn: '2027-11-28', endsOn: '2028-11-27' });
  });

  it('start at installation when the contract says so, and never before the order', () => {
    const fromInstall = { ...terms, startRule: 'installation' } as const;
    expect(amcTerm(fromInstall, { installedOn: '2026-11-28', warrantyEndsOn: null, provisionalStartOn: null, orderDate: '2026-11-20' })?.startsOn).toBe('2026-11-28');
    expect(amcTerm(fromInstall, { installedOn: '2024-03-01', warrantyEndsOn: null, provisionalStartOn: null, orderDate: '2026-11-20' })?.startsOn).toBe('2026-11-20');
  });

  it('wait when the anchor is not known yet', () => {
    expect(amcTerm(terms, { installedOn: null, warrantyEndsOn: null, provisionalStartOn: null, orderDate: '2026-11-20' })).toBeNull();
  });

  it('spread the visit quota evenly, each in the middle of its slice', () => {
    expect(plannedVisitDates({ startsOn: '2027-01-01', endsOn: '2027-12-31' }, 4)).toEqual(['2027-02-15', '2027-05-17', '2027-08-17', '2027-11-16']);
    expect(plannedVisitDates({ startsOn: '2027-01-01', endsOn: '2027-12-31' }, 1)).toEqual(['2027-07-02']);
    expect(plannedVisitDates({ startsOn: '2027-01-01', endsOn: '2027-12-31' }, 0)).toEqual([]);
  });
});
