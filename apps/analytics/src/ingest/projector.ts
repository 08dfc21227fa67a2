import type { EntityManager } from 'typeorm';
import { decodeKafkaRecord, isKnownType } from '#contracts';
import { ContractCheck } from './contract-check.js';
import { BatchState, isBefore, PRIMARY_KEYS, type Row, type TableName } from './batch-state.js';
import { AGGREGATES, CONTRIBUTIONS, ContributionSums, monthOf, type AggregateName, type Contribution } from './contributions.js';
import { EVENT_HANDLERS } from './event-handlers.js';

/** One Kafka record as the reader hands it over. */
export interface LogRecord {
  topic: string;
  partition: number;
  offset: string;
  value: Buffer | null;
  headers: Record<string, unknown>;
}

export interface BatchOutcome {
  applied: number;
  ignored: number;
  rejected: number;
  /** The reason code of each rejected record, as kept in `rejected_event` (for /metrics). */
  rejectedCodes: string[];
}

/** The read model name under which positions are kept in `consumer_position`. */
export const READ_MODEL = 'analytics';

interface Rejection {
  record: LogRecord;
  code: string;
  reason: string;
}

type Decoded = { record: LogRecord; type: string; data: object; time: string };

/**
 * Applies a run of records of one topic partition to the read models in the
 * given transaction, together with the partition's next position: the rows,
 * the engineer-day sums and the position commit or roll back together, so each
 * record takes effect exactly once however often Kafka delivers it.
 */
const contracts = new ContractCheck();

export async function applyRecords(tx: EntityManager, records: LogRecord[], columns: ColumnCatalog): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { applied: 0, ignored: 0, rejected: 0, rejectedCodes: [] };
  if (records.length === 0) return outcome;
  const decoded: Decoded[] = [];
  const rejections: Rejection[] = [];
  for (const record of records) {
    const result = decodeKafkaRecord(record.value, record.headers as never);
    if (!result.ok) {
      rejections.push({ record, code: result.code, reason: result.reason });
      continue;
    }
    const { event } = result;
    if (!isKnownType(event.type)) {
      if (event.type.startsWith('erp.')) rejections.push({ record, code: 'UNKNOWN_TYPE', reason: `Unknown event type "${event.type}"` });
      else outcome.ignored++;
      continue;
    }
    if (!EVENT_HANDLERS[event.type]) {
      outcome.ignored++;
      continue;
    }
    const problem = contracts.problem(event.type, event.data);
    if (problem !== null) {
      rejections.push({ record, code: 'SCHEMA_VIOLATION', reason: problem });
      continue;
    }
    decoded.push({ record, type: event.type, data: event.data as object, time: event.time ?? new Date(0).toISOString() });
  }

  const state = new BatchState();
  await loadTouched(tx, state, decoded);
  for (const item of decoded) EVENT_HANDLERS[item.type]!.apply(state, item.data, item.time);
  outcome.applied = decoded.length;
  outcome.rejected = rejections.length;
  outcome.rejectedCodes = rejections.map((r) => r.code);

  const sums = new ContributionSums();
  await saveRows(tx, state, columns, sums);
  await saveAvailability(tx, state, sums);
  await saveAggregates(tx, sums);
  await savePendingCommitments(tx, state, sums);
  await saveRejections(tx, rejections);
  return outcome;
}

async function loadTouched(tx: EntityManager, state: BatchState, decoded: Decoded[]): Promise<void> {
  const wanted = new Map<TableName, Set<string>>();
  for (const item of decoded) {
    for (const [table, key] of EVENT_HANDLERS[item.type]!.touches(item.data)) {
      let keys = wanted.get(table);
      if (!keys) wanted.set(table, (keys = new Set()));
      keys.add(key);
    }
  }
  for (const [table, keys] of wanted) {
    const list = [...keys];
    const rows: { row: Row }[] = await tx.query(`SELECT to_jsonb(t) AS row FROM "${table}" t WHERE "${PRIMARY_KEYS[table]}" = ANY($1)`, [list]);
    const found = new Map(rows.map(({ row }) => [String(row[PRIMARY_KEYS[table]]), row]));
    for (const key of list) state.loaded(table, key, found.get(key));
  }
}

/** Column names per table, read once from the entity metadata. */
export type ColumnCatalog = Record<TableName, string[]>;

async function saveRows(tx: EntityManager, state: BatchState, columns: ColumnCatalog, sums: ContributionSums): Promise<void> {
  for (const [table, keys] of state.dirty) {
    const pk = PRIMARY_KEYS[table];
    const sorted = [...keys].sort();
    const rows = sorted.map((key) => state.get(table, key)!);
    const contribution = CONTRIBUTIONS[table];
    if (contribution) {
      for (const key of sorted) {
        sums.add(contribution(state.original.get(table)?.get(key)), -1);
        sums.add(contribution(state.get(table, key)), 1);
      }
    }
    const cols = columns[table];
    const set = cols.filter((c) => c !== pk).map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ');
    const list = cols.map((c) => `"${c}"`).join(', ');
    await tx.query(
      `INSERT INTO "${table}" (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb) ON CONFLICT ("${pk}") DO UPDATE SET ${set}`,
      [JSON.stringify(rows)],
    );
  }
}

/**
 * Available minutes are stated, not added: per engineer and day the latest
 * statement (by changedAt) wins. The month's sum moves by the difference.
 */
async function saveAvailability(tx: EntityManager, state: BatchState, sums: ContributionSums): Promise<void> {
  const facts = [...state.availability.values()].sort((a, b) => (a.engineerId + a.workDate).localeCompare(b.engineerId + b.workDate));
  if (facts.length === 0) return;
  const stored: { engineer_id: string; work_date: string; available_minutes: number; changed_at: string | null }[] = await tx.query(
    `SELECT d.engineer_id, to_char(d.work_date, 'YYYY-MM-DD') AS work_date, d.available_minutes, d.availability_changed_at AS changed_at
     FROM engineer_day d JOIN jsonb_to_recordset($1::jsonb) AS k("engineerId" text, "workDate" date) ON d.engineer_id = k."engineerId" AND d.work_date = k."workDate"
     FOR UPDATE OF d`,
    [JSON.stringify(facts.map(({ engineerId, workDate }) => ({ engineerId, workDate })))],
  );
  const known = new Map(stored.map((r) => [`${r.engineer_id}|${r.work_date}`, r]));
  const winners = facts.filter((f) => {
    const before = known.get(`${f.engineerId}|${f.workDate}`);
    if (before?.changed_at && isBefore(f.changedAt, before.changed_at)) return false;
    sums.add([{ aggregate: 'engineer_month', key: [f.engineerId, monthOf(f.workDate)], values: { available_minutes: f.minutes - (before?.available_minutes ?? 0) } }], 1);
    return true;
  });
  if (winners.length === 0) return;
  await tx.query(
    `INSERT INTO engineer_day (engineer_id, work_date, available_minutes, availability_changed_at)
     SELECT a."engineerId", a."workDate"::date, a.minutes, a."changedAt"::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS a("engineerId" text, "workDate" text, minutes integer, "changedAt" text)
     ON CONFLICT (engineer_id, work_date) DO UPDATE SET available_minutes = EXCLUDED.available_minutes, availability_changed_at = EXCLUDED.availability_changed_at`,
    [JSON.stringify(winners)],
  );
}

/** One upsert per aggregate: each sum moves by the batch's change. */
async function saveAggregates(tx: EntityManager, sums: ContributionSums): Promise<void> {
  for (const [aggregate, changes] of sums.changes()) {
    if (changes.length === 0) continue;
    const spec = AGGREGATES[aggregate as AggregateName];
    const keyCols = spec.keys.map((k) => `"${k.column}"`);
    const valueCols = spec.values.map((v) => `"${v.column}"`);
    const select = [
      ...spec.keys.map((k, i) => `d.k${i}::${k.type}`),
      ...spec.values.map((v, i) => (v.scale === 100 ? `d.v${i} / 100.0` : `d.v${i}`)),
    ].join(', ');
    const shape = [...spec.keys.map((_, i) => `k${i} text`), ...spec.values.map((_, i) => `v${i} bigint`)].join(', ');
    const set = valueCols.map((c) => `${c} = "${aggregate}".${c} + EXCLUDED.${c}`).join(', ');
    const payload = changes.map(({ key, values }) => {
      const row: Record<string, unknown> = {};
      key.forEach((k, i) => (row[`k${i}`] = k));
      spec.values.forEach((v, i) => (row[`v${i}`] = values[v.column] ?? 0));
      return row;
    });
    await tx.query(
      `INSERT INTO "${aggregate}" (${[...keyCols, ...valueCols].join(', ')})
       SELECT ${select} FROM jsonb_to_recordset($1::jsonb) AS d(${shape})
       ON CONFLICT (${keyCols.join(', ')}) DO UPDATE SET ${set}`,
      [JSON.stringify(payload)],
    );
  }
}

/** Commitments not cancelled (nor their project) with no task yet or a task still open (as task-status reads the facts in reports/report-catalog.ts). */
export const PENDING_COMMITMENT = `c.cancelled_at IS NULL AND pr.cancelled_at IS NULL AND (ct.tasks IS NULL OR ct.tasks = 0 OR ct.open_tasks > 0)`;

/**
 * Whether a commitment is pending depends on it, its project and its tasks' sums, so it is worked out after
 * those are saved, for every commitment the batch may have moved: the pending count of the customer and region
 * it was counted under (commitment_pending) is taken back and that of where it counts now added (and likewise on
 * the customer's row of customer_tasks).
 */
async function savePendingCommitments(tx: EntityManager, state: BatchState, sums: ContributionSums): Promise<void> {
  const ids = new Set<string>(state.dirty.get('commitment') ?? []);
  for (const [aggregate, changes] of sums.changes()) {
    if (aggregate === 'commitment_tasks') for (const { key } of changes) ids.add(key[0]!);
  }
  const projects = [...(state.dirty.get('project') ?? [])];
  if (projects.length > 0) {
    const rows: { commitment_id: string }[] = await tx.query(`SELECT commitment_id FROM commitment WHERE project_id = ANY($1)`, [projects]);
    for (const r of rows) ids.add(r.commitment_id);
  }
  if (ids.size === 0) return;
  const list = [...ids].sort();
  const before: { customer_id: string; region: string }[] = await tx.query(
    `WITH gone AS (DELETE FROM commitment_pending WHERE commitment_id = ANY($1) RETURNING customer_id, region) SELECT customer_id, region FROM gone`,
    [list],
  );
  const after: { commitment_id: string; customer_id: string; region: string }[] = await tx.query(
    `INSERT INTO commitment_pending (commitment_id, customer_id, region)
     SELECT c.commitment_id, c.customer_id, COALESCE(pr.region, '')
     FROM commitment c LEFT JOIN project pr ON pr.project_id = c.project_id LEFT JOIN commitment_tasks ct ON ct.commitment_id = c.commitment_id
     WHERE c.commitment_id = ANY($1) AND c.customer_id IS NOT NULL AND ${PENDING_COMMITMENT}
     ORDER BY c.commitment_id
     RETURNING commitment_id, customer_id, region`,
    [list],
  );
  const pending = new ContributionSums();
  const counted = (r: { customer_id: string; region: string }): Contribution[] => [
    { aggregate: 'customer_region_tasks', key: [r.customer_id, r.region], values: { pending_commitments: 1 } },
    { aggregate: 'customer_tasks', key: [r.customer_id], values: { pending_commitments: 1 } },
  ];
  for (const r of before) pending.add(counted(r), -1);
  for (const r of after) pending.add(counted(r), 1);
  await saveAggregates(tx, pending);
}

export async function saveRejections(tx: EntityManager, rejections: Rejection[]): Promise<void> {
  for (const { record, code, reason } of rejections) {
    await tx.query(
      `INSERT INTO rejected_event (topic, partition, record_offset, reason_code, reason, value) VALUES ($1, $2, $3, $4, $5, $6)`,
      [record.topic, record.partition, record.offset, code, reason.slice(0, 2000), record.value ? record.value.toString('utf8').slice(0, 10_000) : null],
    );
  }
}

/** The position of a partition (the next offset to apply), locked for this transaction. */
export async function lockPosition(tx: EntityManager, topic: string, partition: number): Promise<bigint> {
  await tx.query(
    `INSERT INTO consumer_position (read_model, topic, partition, next_offset) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING`,
    [READ_MODEL, topic, partition],
  );
  const [row] = await tx.query(
    `SELECT next_offset FROM consumer_position WHERE read_model = $1 AND topic = $2 AND partition = $3 FOR UPDATE`,
    [READ_MODEL, topic, partition],
  );
  return BigInt(row.next_offset);
}

export async function savePosition(tx: EntityManager, topic: string, partition: number, nextOffset: bigint): Promise<void> {
  await tx.query(
    `UPDATE consumer_position SET next_offset = $4, updated_at = now() WHERE read_model = $1 AND topic = $2 AND partition = $3`,
    [READ_MODEL, topic, partition, nextOffset.toString()],
  );
}
