import { firstEndingAfter, mergeIntervals, overlapLength, overlapsAny, subtract } from './intervals.js';

describe('flat interval lists', () => {
  it('merge overlapping and touching intervals, dropping empty ones', () => {
    expect(mergeIntervals([[5, 7], [1, 3], [3, 4], [6, 9], [10, 10]])).toEqual([1, 4, 5, 9]);
  });

  it('subtract one list from another', () => {
    expect(subtract([0, 10, 20, 30], [2, 4, 8, 22, 25, 26])).toEqual([0, 2, 4, 8, 22, 25, 26, 30]);
    expect(subtract([0, 10], [])).toEqual([0, 10]);
    expect(subtract([0, 10], [0, 10])).toEqual([]);
    expect(subtract([0, 10, 12, 14], [-5, 11])).toEqual([12, 14]);
  });

  it('answer overlap questions by binary search', () => {
    const list = [0, 10, 20, 30, 40, 50];
    expect(firstEndingAfter(list, 10)).toBe(1);
    expect(firstEndingAfter(list, 60)).toBe(3);
    expect(overlapsAny(list, 10, 20)).toBe(false);
    expect(overlapsAny(list, 19, 21)).toBe(true);
    expect(overlapLength(list, 5, 45)).toBe(5 + 10 + 5);
  });
});
