import { ApplyRounds, sharesOf, type RoundEntry } from './apply-rounds.js';

/** A partition's batch: records named `p<partition>-<n>`, what was applied of it, and a switch for its liveness. */
function partition(id: number, count: number) {
  const applied: string[] = [];
  let live = true;
  const entry: RoundEntry<string> = {
    records: Array.from({ length: count }, (_, n) => `p${id}-${n}`),
    live: () => live,
    applied: (records) => applied.push(...records),
    heartbeat: async () => undefined,
  };
  return { entry, applied, revoke: () => (live = false) };
}

describe('ApplyRounds', () => {
  it('applies the batches handed over together in one transaction, each partition in its order', async () => {
    const transactions: string[][] = [];
    const rounds = new ApplyRounds<string>(async (records) => void transactions.push(records), 250);
    const parts = [partition(0, 3), partition(1, 2), partition(2, 4)];
    await Promise.all(parts.map((p) => rounds.join(p.entry)));
    expect(transactions).toHaveLength(1);
    expect(transactions[0]).toEqual(['p0-0', 'p0-1', 'p0-2', 'p1-0', 'p1-1', 'p2-0', 'p2-1', 'p2-2', 'p2-3']);
    expect(parts.map((p) => p.applied)).toEqual([['p0-0', 'p0-1', 'p0-2'], ['p1-0', 'p1-1'], ['p2-0', 'p2-1', 'p2-2', 'p2-3']]);
  });

  it('keeps each transaction within the limit, sharing it among the partitions that still have records', async () => {
    const transactions: string[][] = [];
    const rounds = new ApplyRounds<string>(async (records) => void transactions.push(records), 10);
    const big = partition(0, 17);
    const small = partition(1, 2);
    await Promise.all([rounds.join(big.entry), rounds.join(small.entry)]);
    expect(transactions.map((t) => t.length)).toEqual([10, 9]);
    expect(transactions[0].filter((r) => r.startsWith('p1'))).toEqual(['p1-0', 'p1-1']);
    expect(big.applied).toEqual(big.entry.records);
    expect(small.applied).toEqual(small.entry.records);
  });

  it('leaves what is left of a partition that went to another member', async () => {
    const transactions: string[][] = [];
    const first = partition(0, 6);
    const second = partition(1, 6);
    const rounds = new ApplyRounds<string>(async (records) => {
      transactions.push(records);
      first.revoke(); // revoked during the first transaction
    }, 4);
    await Promise.all([rounds.join(first.entry), rounds.join(second.entry)]);
    expect(first.applied).toEqual(['p0-0', 'p0-1']); // what its transaction committed still counts
    expect(second.applied).toEqual(second.entry.records);
    expect(transactions.slice(1).flat().some((r) => r.startsWith('p0'))).toBe(false);
  });

  it('starts a round only after the one before it is over; batches arriving meanwhile go together into the next', async () => {
    const transactions: string[][] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const rounds = new ApplyRounds<string>(async (records) => {
      transactions.push(records);
      if (calls++ === 0) await held;
    }, 250);
    const firstRound = rounds.join(partition(0, 1).entry);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    const later = [rounds.join(partition(1, 1).entry), rounds.join(partition(2, 1).entry)];
    await new Promise((r) => setTimeout(r, 10));
    expect(transactions).toEqual([['p0-0']]);
    release();
    await Promise.all([firstRound, ...later]);
    expect(transactions).toEqual([['p0-0'], ['p1-0', 'p2-0']]);
  });

  it('fails every batch of the round when a transaction fails, and the next round still runs', async () => {
    let fail = true;
    const rounds = new ApplyRounds<string>(async () => {
      if (fail) throw new Error('database gone');
    }, 250);
    const a = partition(0, 2);
    const b = partition(1, 2);
    const results = await Promise.allSettled([rounds.join(a.entry), rounds.join(b.entry)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(a.applied).toEqual([]);
    fail = false;
    const c = partition(2, 1);
    await rounds.join(c.entry);
    expect(c.applied).toEqual(['p2-0']);
  });

  it('runs each transaction inside the slot it is given', async () => {
    const events: string[] = [];
    const rounds = new ApplyRounds<string>(
      async (records) => void events.push(`apply ${records.join(',')}`),
      250,
      async (work) => {
        events.push('slot taken');
        await work();
        events.push('slot freed');
      },
    );
    await rounds.join(partition(0, 1).entry);
    expect(events).toEqual(['slot taken', 'apply p0-0', 'slot freed']);
  });
  it('keeps the consumer in its group between the transactions of a long round', async () => {
    const events: string[] = [];
    const rounds = new ApplyRounds<string>(async (records) => void events.push(`apply ${records.length}`), 2);
    const entry = { ...partition(0, 5).entry, heartbeat: async () => void events.push('heartbeat') };
    await rounds.join(entry);
    expect(events).toEqual(['apply 2', 'heartbeat', 'apply 2', 'heartbeat', 'apply 1', 'heartbeat']);
  });
});

describe('sharesOf', () => {
  it('shares evenly and gives what a short partition leaves to the others', () => {
    expect(sharesOf([100, 100], 10)).toEqual([5, 5]);
    expect(sharesOf([2, 100, 100], 10)).toEqual([2, 4, 4]);
    expect(sharesOf([1, 1, 50], 250)).toEqual([1, 1, 50]);
  });

  it('gives every partition at least one record, even past the limit', () => {
    expect(sharesOf([5, 5, 5], 2)).toEqual([1, 1, 1]);
  });
});
