import { jest } from '@jest/globals';
import { ApplySlots } from './apply-slots.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('ApplySlots', () => {
  it('runs at most its size at once, and the rest first come, first served', async () => {
    const slots = new ApplySlots(2);
    const started: number[] = [];
    const finish = new Map<number, () => void>();
    const runs = [1, 2, 3, 4].map((n) =>
      slots.run(async () => {
        started.push(n);
        await new Promise<void>((resolve) => finish.set(n, resolve));
        return n;
      }),
    );
    await tick();
    expect(started).toEqual([1, 2]);
    expect(slots.busy).toBe(2);
    finish.get(2)!();
    await tick();
    await tick();
    expect(started).toEqual([1, 2, 3]);
    finish.get(1)!();
    await tick();
    await tick();
    expect(started).toEqual([1, 2, 3, 4]);
    finish.get(3)!();
    finish.get(4)!();
    expect(await Promise.all(runs)).toEqual([1, 2, 3, 4]);
    expect(slots.busy).toBe(0);
  });

  it('frees the slot when the work fails', async () => {
    const slots = new ApplySlots(1);
    await expect(slots.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(slots.busy).toBe(0);
    await expect(slots.run(async () => 'next')).resolves.toBe('next');
  });

  it('keeps calling back while a run waits for its slot (a consumer heartbeats while it waits)', async () => {
    jest.useFakeTimers();
    try {
      const slots = new ApplySlots(1);
      let release!: () => void;
      const first = slots.run(() => new Promise<void>((resolve) => (release = resolve)));
      let beats = 0;
      const second = slots.run(async () => 'ran', async () => {
        beats++;
      }, 1000);
      await jest.advanceTimersByTimeAsync(3500);
      expect(beats).toBe(3);
      release();
      await first;
      await expect(second).resolves.toBe('ran');
      await jest.advanceTimersByTimeAsync(5000);
      expect(beats).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a size that is not a whole number of at least one', () => {
    expect(() => new ApplySlots(0)).toThrow(/whole number/);
  });
});
