import { EXAMPLE_DATA, type EventType } from '#contracts';
import { ContractCheck } from './contract-check.js';
import { HANDLED_TYPES } from './event-handlers.js';
import { splitByUtcDay, visitContribution } from './contributions.js';

describe('contract check (compiled JSON Schemas)', () => {
  const check = new ContractCheck();

  it.each(HANDLED_TYPES)('%s: the contract example passes', (type) => {
    expect(check.problem(type, EXAMPLE_DATA[type as EventType])).toBeNull();
  });

  it('names the property that breaks the contract', () => {
    const { hours: _hours, ...withoutHours } = EXAMPLE_DATA['psa.time.approved.v1'];
    expect(check.problem('psa.time.approved.v1', withoutHours)).toBe("hours: must have required property 'hours'");
    expect(check.problem('psa.time.approved.v1', { ...EXAMPLE_DATA['psa.time.approved.v1'], hours: 6 })).toBe('hours: must be string');
  });
});

describe('scheduled hours', () => {
  it('split a booking at UTC midnight, per crew member', () => {
    expect(splitByUtcDay(Date.parse('2027-01-19T20:00:00Z'), Date.parse('2027-01-20T02:30:00Z'))).toEqual([
      ['2027-01-19', 4 * 3_600_000],
      ['2027-01-20', 2.5 * 3_600_000],
    ]);
    const booked = { booking_status: 'confirmed', engineer_ids: ['a', 'b'], segments: [{ start: '2027-01-19T04:00:00Z', end: '2027-01-19T10:30:00Z' }] };
    expect(visitContribution(booked).filter((c) => c.aggregate === 'engineer_day')).toEqual([
      { aggregate: 'engineer_day', key: ['a', '2027-01-19'], values: { scheduled_hours: 650 } },
      { aggregate: 'engineer_day', key: ['b', '2027-01-19'], values: { scheduled_hours: 650 } },
    ]);
    expect(visitContribution({ ...booked, booking_status: 'cancelled' })).toEqual([]);
  });
});
