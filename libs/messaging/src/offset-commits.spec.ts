import { jest } from '@jest/globals';
import { OffsetCommits, type PartitionOffset } from './offset-commits.js';

/** A commit the test answers by hand. */
function broker() {
  const calls: { offsets: PartitionOffset[]; answer: (error?: Error) => void }[] = [];
  const commit = (offsets: PartitionOffset[]) =>
    new Promise<void>((resolve, reject) => calls.push({ offsets, answer: (error) => (error ? reject(error) : resolve()) }));
  return { calls, commit };
}

const tick = () => new Promise((r) => setImmediate(r));

/** Runs a test on jest's fake timers, real ones again after. */
async function onFakeTimers(test: () => Promise<void>): Promise<void> {
  jest.useFakeTimers();
  try {
    await test();
  } finally {
    jest.useRealTimers();
  }
}

describe('OffsetCommits', () => {
  it('sends the first offset at once and what comes while it is in flight in one next commit, the latest per partition', async () => {
    const { calls, commit } = broker();
    const commits = new OffsetCommits(commit, () => undefined);
    commits.note('orders', 0, '10');
    expect(calls).toHaveLength(1);
    commits.note('orders', 1, '5');
    commits.note('orders', 2, '7');
    commits.note('orders', 1, '9');
    commits.note('orders', 1, '8'); // an older offset never replaces a newer one
    expect(calls).toHaveLength(1);
    calls[0].answer();
    await tick();
    expect(calls).toHaveLength(2);
    expect(calls[1].offsets).toEqual([
      { topic: 'orders', partition: 1, offset: '9' },
      { topic: 'orders', partition: 2, offset: '7' },
    ]);
    calls[1].answer();
    await tick();
    expect(calls).toHaveLength(2);
    expect(commits.waiting).toBe(0);
    expect(commits.commitsSent).toBe(2);
  });

  it('tries a failed commit again after the pause, unless a later offset of the partition came meanwhile', () =>
    onFakeTimers(async () => {
      const { calls, commit } = broker();
      const errors: string[] = [];
      const commits = new OffsetCommits(commit, (error) => errors.push(error.message), { retryMs: 1000 });
      commits.note('orders', 0, '10');
      commits.note('orders', 1, '3');
      calls[0].answer(new Error('REBALANCE_IN_PROGRESS'));
      await jest.advanceTimersByTimeAsync(0);
      expect(errors).toEqual(['REBALANCE_IN_PROGRESS']);
      await jest.advanceTimersByTimeAsync(999);
      expect(calls).toHaveLength(1); // waits its pause
      commits.note('orders', 0, '12');
      expect(calls).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(calls).toHaveLength(2);
      expect(calls[1].offsets).toEqual(
        expect.arrayContaining([
          { topic: 'orders', partition: 0, offset: '12' },
          { topic: 'orders', partition: 1, offset: '3' },
        ]),
      );
      expect(calls[1].offsets).toHaveLength(2);
      calls[1].answer();
      await commits.close();
    }));

  it('sends commits at least the interval apart, what is noted meanwhile together, the first at once', () =>
    onFakeTimers(async () => {
      const { calls, commit } = broker();
      const commits = new OffsetCommits(commit, () => undefined, { intervalMs: 200 });
      commits.note('orders', 0, '10');
      expect(calls).toHaveLength(1);
      calls[0].answer();
      await jest.advanceTimersByTimeAsync(0);
      commits.note('orders', 0, '11');
      commits.note('orders', 3, '4');
      await jest.advanceTimersByTimeAsync(150);
      commits.note('orders', 0, '12');
      expect(calls).toHaveLength(1); // 150 ms after the first: it waits
      await jest.advanceTimersByTimeAsync(50);
      expect(calls).toHaveLength(2);
      expect(calls[1].offsets).toEqual([
        { topic: 'orders', partition: 0, offset: '12' },
        { topic: 'orders', partition: 3, offset: '4' },
      ]);
      calls[1].answer();
      await jest.advanceTimersByTimeAsync(500);
      // Long enough after the last: the next goes at once.
      commits.note('orders', 0, '13');
      expect(calls).toHaveLength(3);
      calls[2].answer();
      await commits.close();
      expect(commits.commitsSent).toBe(3);
    }));

  it('on close, sends what waits out the interval at once', () =>
    onFakeTimers(async () => {
      const { calls, commit } = broker();
      const commits = new OffsetCommits(commit, () => undefined, { intervalMs: 60_000 });
      commits.note('orders', 0, '1');
      calls[0].answer();
      await jest.advanceTimersByTimeAsync(0);
      commits.note('orders', 0, '2');
      expect(calls).toHaveLength(1);
      const closing = commits.close();
      expect(calls).toHaveLength(2);
      expect(calls[1].offsets).toEqual([{ topic: 'orders', partition: 0, offset: '2' }]);
      calls[1].answer();
      await closing;
    }));

  it('drops the offsets of partitions another member took', async () => {
    const { calls, commit } = broker();
    const commits = new OffsetCommits(commit, () => undefined);
    commits.note('orders', 0, '1');
    commits.note('orders', 1, '4');
    commits.note('orders', 2, '6');
    commits.keepOnly((_topic, partition) => partition !== 1);
    calls[0].answer();
    await tick();
    expect(calls[1].offsets.map((o) => o.partition)).toEqual([2]);
    calls[1].answer();
    await commits.close();
  });

  it('on close, sends what is waiting and returns once it is answered; nothing noted after counts', async () => {
    const { calls, commit } = broker();
    const commits = new OffsetCommits(commit, () => undefined);
    commits.note('orders', 0, '1');
    commits.note('orders', 0, '2');
    let closed = false;
    const closing = commits.close().then(() => (closed = true));
    commits.note('orders', 0, '3');
    calls[0].answer();
    await tick();
    expect(closed).toBe(false);
    expect(calls[1].offsets).toEqual([{ topic: 'orders', partition: 0, offset: '2' }]);
    calls[1].answer();
    await closing;
    expect(calls).toHaveLength(2);
  });

  it('does not retry after close when the last commit fails (the records are read again and found in the inbox)', async () => {
    const { calls, commit } = broker();
    const commits = new OffsetCommits(commit, () => undefined, { retryMs: 5 });
    commits.note('orders', 0, '1');
    const closing = commits.close();
    calls[0].answer(new Error('broker gone'));
    await closing;
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(1);
  });
});
