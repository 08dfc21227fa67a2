import { consumptionsOf, costOf } from './parts-issue.js';

describe('parts issued by the ERP', () => {
  const issue = {
    issueId: 'GI-2026-0077',
    currency: 'INR',
    items: [
      { sku: 'SEAL-KIT-250', description: 'Hydraulic seal kit', quantity: 1, unitCost: '3200.00' },
      { sku: 'ORING-12', quantity: 4, unitCost: '12.3456' },
    ],
  };

  it('makes one consumption per item, numbered, at the ERP unit cost', () => {
    expect(consumptionsOf(issue)).toEqual([
      { lineNo: 1, sku: 'SEAL-KIT-250', description: 'Hydraulic seal kit', quantity: 1, unitCost: '3200.00', movement: 'issue' },
      { lineNo: 2, sku: 'ORING-12', description: null, quantity: 4, unitCost: '12.3456', movement: 'issue' },
    ]);
  });

  it('reverses a return (marked on the issue or an item, or a negative quantity)', () => {
    expect(consumptionsOf({ ...issue, movement: 'return' }).map((c) => [c.quantity, c.movement])).toEqual([
      [-1, 'return'],
      [-4, 'return'],
    ]);
    const mixed = { ...issue, items: [issue.items[0], { ...issue.items[1], movement: 'return' }] };
    expect(consumptionsOf(mixed).map((c) => c.quantity)).toEqual([1, -4]);
    expect(consumptionsOf({ ...issue, items: [{ ...issue.items[0], quantity: -1 }] })[0]).toMatchObject({ quantity: -1, movement: 'return' });
    expect(consumptionsOf({ ...issue, movement: 'sideways' })[0].movement).toBe('issue');
  });

  it('costs quantity × unit cost half-up in the currency, negative for a return', () => {
    expect(costOf(1, '3200.00', 'INR')).toBe('3200.00');
    expect(costOf(4, '12.3456', 'INR')).toBe('49.38');
    expect(costOf('-4.0000', '12.3456', 'INR')).toBe('-49.38');
    expect(costOf(3, '0.3333', 'JPY')).toBe('1');
  });
});
