import { fixtureStream } from '../../test/fixture-stream.js';
import { BatchState, isBefore, type Row, type TableName } from './batch-state.js';
import { CONTRIBUTIONS, ContributionSums, monthOf } from './contributions.js';
import { EVENT_HANDLERS } from './event-handlers.js';

interface Parsed {
  type: string;
  data: object;
  time: string;
}

/** The projection without a database: rows and sums kept in maps, batches as the reader would cut them. */
function project(events: Parsed[], batchSize: number) {
  const tables = new Map<TableName, Map<string, Row>>();
  const sums = new ContributionSums();
  const availability = new Map<string, { minutes: number; changedAt: string }>();
  for (let i = 0; i < events.length; i += batchSize) {
    const batch = events.slice(i, i + batchSize);
    const state = new BatchState();
    for (const e of batch) {
      for (const [table, key] of EVENT_HANDLERS[e.type]!.touches(e.data)) {
        if (state.original.get(table)?.has(key)) continue;
        const stored = tables.get(table)?.get(key);
        state.loaded(table, key, stored ? structuredClone(stored) : undefined);
      }
    }
    for (const e of batch) EVENT_HANDLERS[e.type]!.apply(state, e.data, e.time);
    for (const [table, keys] of state.dirty) {
      for (const key of keys) {
        const contribution = CONTRIBUTIONS[table];
        if (contribution) {
          sums.add(contribution(state.original.get(table)?.get(key)), -1);
          sums.add(contribution(state.get(table, key)), 1);
        }
        let rows = tables.get(table);
        if (!rows) tables.set(table, (rows = new Map()));
        rows.set(key, structuredClone(state.get(table, key)!));
      }
    }
    for (const [key, fact] of state.availability) {
      const before = availability.get(key);
      if (before && isBefore(fact.changedAt, before.changedAt)) continue;
      sums.add([{ aggregate: 'engineer_month', key: [fact.engineerId, monthOf(fact.workDate)], values: { available_minutes: fact.minutes - (before?.minutes ?? 0) } }], 1);
      availability.set(key, { minutes: fact.minutes, changedAt: fact.changedAt });
    }
  }
  const sorted = (m: Map<string, unknown>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    tables: Object.fromEntries([...tables].map(([t, rows]) => [t, sorted(rows)])),
    // A sum that went up and down again is no change: zeros are dropped, as the upsert would add nothing.
    sums: sums
      .changes()
      .map(([aggregate, changes]) => [aggregate, changes.map(({ key, values }) => ({ key, values: Object.fromEntries(Object.entries(values).filter(([, v]) => v !== 0)) }))])
      .sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)),
    availability: sorted(availability).map(([k, v]) => [k, (v as { minutes: number }).minutes]),
  };
}

function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed;
  const random = () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('the projection does not depend on the order or batching of events', () => {
  const events: Parsed[] = fixtureStream()
    .map((r) => {
      try {
        return JSON.parse(r.value.toString('utf8')) as { type: string; data: Record<string, unknown>; time: string };
      } catch {
        return null;
      }
    })
    // The unreadable record and the one breaking its contract never reach the handlers.
    .filter((e): e is { type: string; data: Record<string, unknown>; time: string } => e !== null && !(e.type === 'psa.time.approved.v1' && e.data.hours === undefined))
    .map((e) => ({ type: e.type, data: e.data, time: e.time }));
  const expected = project(events, 1);

  it('reads the whole story', () => {
    expect(events.length).toBeGreaterThan(100);
    expect(expected.tables.time_entry).toHaveLength(12);
  });

  it.each([
    ['reversed, one by one', () => [...events].reverse(), 1],
    ['reversed, in batches of 7', () => [...events].reverse(), 7],
    ['in one batch', () => events, 1000],
    ['shuffled (seed 1), batches of 5', () => shuffled(events, 1), 5],
    ['shuffled (seed 2), one by one', () => shuffled(events, 2), 1],
    ['shuffled (seed 3), batches of 13', () => shuffled(events, 3), 13],
  ] as const)('%s: the same rows and sums', (_name, order, batchSize) => {
    expect(project(order(), batchSize)).toEqual(expected);
  });

  it('takes a superseded entry out of the sums even when its correction came first', () => {
    const hours = (e: Parsed[]) => {
      const result = project(e, 1);
      const day = (result.sums.find(([a]) => a === 'engineer_day')![1] as { key: string[]; values: Record<string, number> }[]).find(
        (c) => c.key[0] === 'e0000000-0000-4000-8000-000000000002' && c.key[1] === '2027-01-20',
      );
      return day?.values.billable_hours;
    };
    expect(hours(events)).toBe(550);
    expect(hours([...events].reverse())).toBe(550);
  });
});
