import { isCovered, warrantyAtDispatch, warrantyAtInstallation } from './warranty.js';

describe('warranty windows', () => {
  it('start at dispatch plus grace and last the warranty months, last day included', () => {
    expect(warrantyAtDispatch('2026-11-24', 30, 12)).toEqual({ startsOn: '2026-12-24', endsOn: '2027-12-23', basis: 'dispatch_grace' });
  });

  it('start at installation when that comes first', () => {
    const atDispatch = warrantyAtDispatch('2026-11-24', 30, 12);
    expect(warrantyAtInstallation(atDispatch, '2026-11-28', 12)).toEqual({ startsOn: '2026-11-28', endsOn: '2027-11-27', basis: 'installation' });
  });

  it('are not extended by a late installation', () => {
    const atDispatch = warrantyAtDispatch('2026-11-24', 30, 12);
    expect(warrantyAtInstallation(atDispatch, '2027-02-01', 12)).toBe(atDispatch);
  });

  it('cover from the first to the last day only', () => {
    const window = { startsOn: '2026-11-28', endsOn: '2027-11-27' };
    expect([isCovered(window, '2026-11-27'), isCovered(window, '2026-11-28'), isCovered(window, '2027-11-27'), isCovered(window, '2027-11-28')])
      .toEqual([false, true, true, false]);
    expect(isCovered(null, '2027-01-01')).toBe(false);
  });

  it('handle month ends (31 January + 1 month)', () => {
    expect(warrantyAtDispatch('2027-01-01', 30, 1)).toEqual({ startsOn: '2027-01-31', endsOn: '2027-02-27', basis: 'dispatch_grace' });
  });
});
