import { chooseRate, type RateCard } from './rate-choice.js';

const card = (over: Partial<RateCard>): RateCard => ({
  id: 'list',
  kind: 'billing',
  customerId: null,
  contractId: null,
  engineerId: null,
  activity: 'any',
  rate: '2500.00',
  currency: 'INR',
  validFrom: '2026-01-01',
  rounding: 'half_up',
  partsMarkupPercent: '0',
  afterHoursPercent: null,
  weekendPercent: null,
  businessHours: { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' },
  ...over,
});

describe('rate cards', () => {
  const cards = [
    card({}),
    card({ id: 'list-travel', activity: 'travel', rate: '1200.00' }),
    card({ id: 'customer', customerId: 'C-1007', rate: '2200.00' }),
    card({ id: 'contract', contractId: 'k-1', rate: '2000.00' }),
    card({ id: 'list-2027', validFrom: '2027-04-01', rate: '2700.00' }),
    card({ id: 'eur', currency: 'EUR', rate: '95.00' }),
    card({ id: 'cost-default', kind: 'cost', rate: '900.00' }),
    card({ id: 'cost-asha', kind: 'cost', engineerId: 'e-asha', rate: '1100.00' }),
  ];
  const ask = (over: object) => chooseRate(cards, { kind: 'billing', currency: 'INR', on: '2026-12-01', activity: 'work', ...over })?.id;

  it('the default (list) rate applies when nothing more specific does', () => expect(ask({ customerId: 'C-9999' })).toBe('list'));
  it("a customer's rate wins over the list price", () => expect(ask({ customerId: 'C-1007' })).toBe('customer'));
  it("a contract's rate wins over the customer's", () => expect(ask({ customerId: 'C-1007', contractId: 'k-1' })).toBe('contract'));
  it('an activity rate wins over the any-activity list price', () => expect(ask({ activity: 'travel' })).toBe('list-travel'));
  it('the latest valid card applies on the day', () => {
    expect(ask({ on: '2027-03-31' })).toBe('list');
    expect(ask({ on: '2027-04-01' })).toBe('list-2027');
  });
  it('only cards in the work currency apply', () => {
    expect(ask({ currency: 'EUR' })).toBe('eur');
    expect(ask({ currency: 'JPY' })).toBeUndefined();
  });
  it("cost rates per engineer, with a default", () => {
    expect(chooseRate(cards, { kind: 'cost', currency: 'INR', on: '2026-12-01', activity: 'work', engineerId: 'e-asha' })?.id).toBe('cost-asha');
    expect(chooseRate(cards, { kind: 'cost', currency: 'INR', on: '2026-12-01', activity: 'work', engineerId: 'e-other' })?.id).toBe('cost-default');
  });
});
