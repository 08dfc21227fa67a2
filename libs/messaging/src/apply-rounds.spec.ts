import { ApplyRounds, lanesOf, MIN_RECORDS_PER_LANE, sharesOf, type RoundEntry } from './apply-rounds.js';

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

describe('ApplyRounds with two lanes', () => {
  /** A transaction that waits until `open` is called, noting when it starts and ends. */
  function heldTransactions() {
    const log: string[] = [];
    const transactions: string[][] = [];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const apply = async (records: string[]) => {
      transactions.push(records);
      log.push(`begin ${records[0]}`);
      await gate;
      log.push(`commit ${records[0]}`);
    };
    return { log, transactions, apply, open };
  }

  it('applies a round of many records in two transactions side by side, whole partitions each, each in its order', async () => {
    const held = heldTransactions();
    const rounds = new ApplyRounds<string>(held.apply, 250, undefined, 2);
    const parts = [partition(0, 10), partition(1, 6), partition(2, 5)];
    const round = Promise.all(parts.map((p) => rounds.join(p.entry)));
    await new Promise((r) => setTimeout(r, 10));
    // Both began before either committed.
    expect(held.log).toEqual(['begin p0-0', 'begin p1-0']);
    held.open();
    await round;
    expect(held.transactions).toEqual([
      ['p0-0', 'p0-1', 'p0-2', 'p0-3', 'p0-4', 'p0-5', 'p0-6', 'p0-7', 'p0-8', 'p0-9'],
      ['p1-0', 'p1-1', 'p1-2', 'p1-3', 'p1-4', 'p1-5', 'p2-0', 'p2-1', 'p2-2', 'p2-3', 'p2-4'],
    ]);
    expect(parts.map((p) => p.applied)).toEqual(parts.map((p) => p.entry.records));
  });

  it('keeps a round of a few records in one transaction', async () => {
    const transactions: string[][] = [];
    const rounds = new ApplyRounds<string>(async (records) => void transactions.push(records), 250, undefined, 2);
    const parts = [partition(0, 3), partition(1, 3)];
    await Promise.all(parts.map((p) => rounds.join(p.entry)));
    expect(transactions).toEqual([['p0-0', 'p0-1', 'p0-2', 'p1-0', 'p1-1', 'p1-2']]);
  });

  it('ends the round only when both lanes are over, even when one fails; the round fails', async () => {
    const log: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const rounds = new ApplyRounds<string>(
      async (records) => {
        if (records[0].startsWith('p0')) throw new Error('database gone');
        await slow;
        log.push(`committed ${records[0]}`);
      },
      250,
      undefined,
      2,
    );
    const a = partition(0, 10);
    const b = partition(1, 10);
    const round = Promise.allSettled([rounds.join(a.entry), rounds.join(b.entry)]);
    const next = partition(2, 1);
    const nextRound = (async () => {
      await new Promise((r) => setTimeout(r, 5));
      return rounds.join(next.entry);
    })();
    await new Promise((r) => setTimeout(r, 20));
    // The failed lane is over, the other not yet: the next round has not started.
    expect(next.applied).toEqual([]);
    release();
    expect((await round).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(log).toEqual(['committed p1-0']);
    expect(b.applied).toEqual(b.entry.records);
    expect(a.applied).toEqual([]);
    await nextRound;
    expect(next.applied).toEqual(['p2-0']);
  });

  it('refuses a number of lanes that is not a whole number above 0', () => {
    expect(() => new ApplyRounds<string>(async () => undefined, 250, undefined, 0)).toThrow(/lanes must be a whole number above 0/);
  });
});

describe('lanesOf', () => {
  it('puts the largest partition first onto the lightest lane, each partition whole', () => {
    expect(lanesOf([10, 6, 5], 2)).toEqual([[0], [1, 2]]);
    expect(lanesOf([4, 20, 4, 4, 4, 4], 2)).toEqual([[1], [0, 2, 3, 4, 5]]);
    expect(lanesOf([9, 9, 9, 9], 2)).toEqual([[0, 2], [1, 3]]);
  });

  it('takes no more lanes than partitions, nor than the records fill', () => {
    expect(lanesOf([100], 2)).toEqual([[0]]);
    expect(lanesOf([MIN_RECORDS_PER_LANE, MIN_RECORDS_PER_LANE - 1], 2)).toEqual([[0, 1]]);
    expect(lanesOf([MIN_RECORDS_PER_LANE, MIN_RECORDS_PER_LANE], 2)).toEqual([[0], [1]]);
    expect(lanesOf([8, 8, 8], 3)).toEqual([[0], [1], [2]]);
    expect(lanesOf([3, 3], 1)).toEqual([[0, 1]]);
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
