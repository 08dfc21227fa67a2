import { monthStart, periodFor } from './period.js';

describe('the period of a report not asked for one', () => {
  const today = { day: '2027-04-15', named: 'today, UTC' };

  it('is the month to date, or the twelve months to date, ending today', () => {
    expect(periodFor('month-to-date', {}, today)).toEqual({
      from: '2027-04-01',
      to: '2027-04-15',
      assumed: 'No period asked: the month to date, 2027-04-01 to 2027-04-15 (today, UTC). Pass from and to for another period.',
    });
    expect(periodFor('twelve-months-to-date', {}, today)).toMatchObject({ from: '2026-05-01', to: '2027-04-15' });
  });

  it('keeps a period asked for, and fills in only the end that is missing', () => {
    expect(periodFor('month-to-date', { from: '2027-01-01', to: '2027-03-31' }, today)).toEqual({ from: '2027-01-01', to: '2027-03-31' });
    expect(periodFor('month-to-date', { from: '2027-01-10' }, today)).toEqual({ from: '2027-01-10', to: '2027-04-15', assumed: 'to not asked: 2027-04-15 (today, UTC).' });
    expect(periodFor('month-to-date', { to: '2027-02-20' }, today)).toMatchObject({ from: '2027-02-01', to: '2027-02-20' });
    expect(periodFor('twelve-months-to-date', { to: '2027-02-20' }, today)).toMatchObject({ from: '2026-03-01', to: '2027-02-20' });
  });

  it('counts months back across the turn of the year', () => {
    expect(monthStart('2027-01-31')).toBe('2027-01-01');
    expect(monthStart('2027-01-31', 1)).toBe('2026-12-01');
    expect(monthStart('2027-11-30', 11)).toBe('2026-12-01');
    expect(monthStart('2028-02-29', 12)).toBe('2027-02-01');
  });
});
