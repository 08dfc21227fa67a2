import { exampleServiceProjectCreated, type ProjectCommitment, type ServiceProjectChangedV1, type ServiceProjectCreatedV1 } from '#contracts';
import { BatchState, type Row, type TableName } from './batch-state.js';
import { EVENT_HANDLERS } from './event-handlers.js';

const PROJECT = '10000000-0000-4000-8000-000000000901';
const K = (n: number) => `30000000-0000-4000-8000-00000000090${n}`;

function commitment(n: number, status: ProjectCommitment['status'] = 'promised'): ProjectCommitment {
  return { commitmentId: K(n), orderLineId: String(n * 10), sku: 'SVC-TRAINING', kind: 'training', unitIndex: 1, status };
}

const created: ServiceProjectCreatedV1 = {
  ...structuredClone(exampleServiceProjectCreated),
  projectId: PROJECT,
  orderId: 'SO-900',
  customer: { id: 'C-900', name: 'Delta Extrusions' },
  site: null,
  commitments: [commitment(1), commitment(2)],
  createdAt: '2027-01-04T09:00:00.000Z',
};
/** Revision 1: the order renumbered, its site entered, line 20 removed (cancelled) and line 30 added. */
const changed: ServiceProjectChangedV1 = {
  ...created,
  orderId: 'SO-900-A',
  site: { id: 'C-900-DELHI', region: 'North' },
  commitments: [commitment(1), commitment(2, 'cancelled'), commitment(3)],
  revision: 1,
  changedAt: '2027-01-10T08:00:00.000Z',
};
/** An earlier change (the customer's default site, no region yet), delivered late. */
const older: ServiceProjectChangedV1 = { ...created, revision: 0, changedAt: '2027-01-06T08:00:00.000Z' };
const removed = { commitmentId: K(2), projectId: PROJECT, orderId: 'SO-900', orderLineId: '20', reason: 'Order SO-900-A revision 1 removed this unit', cancelledAt: changed.changedAt };

type Event = { type: string; data: object };
const EVENTS: Event[] = [
  { type: 'psa.service-project.created.v1', data: created },
  { type: 'psa.commitment.cancelled.v1', data: removed },
  { type: 'psa.service-project.changed.v1', data: changed },
  { type: 'psa.service-project.changed.v1', data: older },
];

/** Rows after applying the events one batch each, the database kept in a map. */
function rowsAfter(events: Event[]): Record<string, Row[]> {
  const tables = new Map<TableName, Map<string, Row>>();
  for (const e of events) {
    const state = new BatchState();
    for (const [table, key] of EVENT_HANDLERS[e.type]!.touches(e.data)) {
      const stored = tables.get(table)?.get(key);
      state.loaded(table, key, stored ? structuredClone(stored) : undefined);
    }
    EVENT_HANDLERS[e.type]!.apply(state, e.data, '2027-01-01T00:00:00Z');
    for (const [table, keys] of state.dirty) {
      if (!tables.has(table)) tables.set(table, new Map());
      for (const key of keys) tables.get(table)!.set(key, structuredClone(state.get(table, key)!));
    }
  }
  return Object.fromEntries([...tables].map(([table, rows]) => [table, [...rows].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row)]));
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('psa.service-project.changed.v1', () => {
  const expected = rowsAfter(EVENTS);

  it('gives the project as the newest snapshot has it, the added commitment and the removed one cancelled', () => {
    expect(expected.project).toEqual([
      {
        project_id: PROJECT,
        order_id: 'SO-900-A',
        customer_id: 'C-900',
        customer_name: 'Delta Extrusions',
        region: 'North',
        currency: created.currency,
        created_at: created.createdAt,
        cancelled_at: null,
        changed_at: changed.changedAt,
      },
    ]);
    expect(expected.commitment!.map((c) => [c.commitment_id, c.customer_id, c.cancelled_at])).toEqual([
      [K(1), 'C-900', null],
      [K(2), 'C-900', changed.changedAt],
      [K(3), 'C-900', null],
    ]);
  });

  it.each(permutations(EVENTS).map((events, i) => [i, events] as const))('order %i: the same rows', (_i, events) => {
    expect(rowsAfter(events)).toEqual(expected);
  });

  it('changes nothing when delivered again', () => {
    expect(rowsAfter([...EVENTS, EVENTS[2]!, EVENTS[0]!, EVENTS[3]!])).toEqual(expected);
  });

  it('keeps a cancellation of the project, whichever snapshot comes after it', () => {
    const cancelled = { projectId: PROJECT, orderId: 'SO-900-A', reason: 'Customer withdrew', cancelledAt: '2027-01-12T10:00:00.000Z' };
    const rows = rowsAfter([{ type: 'psa.service-project.cancelled.v1', data: cancelled }, ...EVENTS]);
    expect(rows.project![0]).toEqual({ ...expected.project![0], cancelled_at: cancelled.cancelledAt });
  });
});
