import { planLineChanges, type LiveUnit } from './order-change.js';

const units: LiveUnit[] = [
  { id: 'visit-1', orderLineId: '50', unitIndex: 1, status: 'done' },
  { id: 'visit-2', orderLineId: '50', unitIndex: 2, status: 'promised' },
  { id: 'install', orderLineId: '20', unitIndex: 1, status: 'ready' },
];
const highest = new Map([['50', 2], ['20', 1]]);

describe('changing an order', () => {
  it('cancels the newest unstarted unit when a line is reduced', () => {
    const changes = planLineChanges(units, new Map([['50', 1], ['20', 1]]), highest);
    expect(changes).toEqual([{ orderLineId: '50', add: [], cancel: ['visit-2'], review: [] }]);
  });

  it('adds units after the highest index ever used, and new lines from 1', () => {
    const changes = planLineChanges(units, new Map([['50', 3], ['20', 1], ['70', 2]]), highest);
    expect(changes).toEqual([
      { orderLineId: '50', add: [3], cancel: [], review: [] },
      { orderLineId: '70', add: [1, 2], cancel: [], review: [] },
    ]);
  });

  it('keeps started work that a removal would take away, and says why', () => {
    const changes = planLineChanges(units, new Map([['20', 1]]), highest);
    expect(changes[0].cancel).toEqual(['visit-2']);
    expect(changes[0].review).toEqual([{ id: 'visit-1', reason: expect.stringMatching(/0 unit\(s\) on line 50.*already done/) }]);
  });

  it('changes nothing when quantities are unchanged', () => {
    expect(planLineChanges(units, new Map([['50', 2], ['20', 1]]), highest)).toEqual([]);
  });
});
