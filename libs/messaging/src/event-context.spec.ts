import type { EntityManager } from 'typeorm';
import { EventBatchContext } from './event-context.js';
import type { ParkingLot } from './parking-lot.js';

/** A parking lot that notes what it was asked (the database side is tested with the services' parking). */
function notingParkingLot() {
  const calls: string[] = [];
  const parking = {
    lockAll: async (_tx: EntityManager, keys: string[]) => void calls.push(`lock ${keys.join(',')}`),
    releaseAll: async (_tx: EntityManager, keys: string[], options: { locked?: boolean } = {}) => {
      calls.push(`release ${keys.join(',')}${options.locked ? ' (held)' : ''}`);
      return 0;
    },
  } as unknown as ParkingLot;
  return { calls, parking };
}

describe('EventBatchContext', () => {
  const tx = {} as EntityManager;

  it('releases held events of keys it locked without locking them again', async () => {
    const { calls, parking } = notingParkingLot();
    const batch = new EventBatchContext(tx, [], parking);
    await batch.lockAll(['order:A', 'order:B']);
    await batch.releaseParked(['order:B', 'order:A']);
    expect(calls).toEqual(['lock order:A,order:B', 'release order:B,order:A (held)']);
  });

  it('has the lot lock the keys first when any of them is not held', async () => {
    const { calls, parking } = notingParkingLot();
    const batch = new EventBatchContext(tx, [], parking);
    await batch.releaseParked(['order:A']);
    await batch.lockAll(['order:A']);
    await batch.releaseParked(['order:A', 'order:C']);
    expect(calls).toEqual(['release order:A', 'lock order:A', 'release order:A,order:C']);
  });

  it('holds nothing when the lock failed', async () => {
    const calls: string[] = [];
    const parking = {
      lockAll: async () => {
        throw new Error('connection lost');
      },
      releaseAll: async (_tx: EntityManager, keys: string[], options: { locked?: boolean } = {}) => {
        calls.push(`release ${keys.join(',')}${options.locked ? ' (held)' : ''}`);
        return 0;
      },
    } as unknown as ParkingLot;
    const batch = new EventBatchContext(tx, [], parking);
    await expect(batch.lockAll(['order:A'])).rejects.toThrow('connection lost');
    await batch.releaseParked(['order:A']);
    expect(calls).toEqual(['release order:A']);
  });
});
