/**
 * ServiceLoop under load: the contract's example order (six service lines, not an
 * empty order) driven through the whole chain, beside a baseline measured in the
 * same run on the same machine.
 *
 *   npm run build && node dist/bench/order-chain.bench.js [orders=5000] [rate=500] [visits=200] [steadyRate=100] [steadyOrders=1000]
 *
 * Env: BENCH_KAFKA_BROKERS (default: starts its own broker on 127.0.0.1:19792 with
 * scripts/kafka.sh, reset, and stops it at the end); BENCH_POSTGRES_URL (default
 * postgres://postgres@127.0.0.1:5432, the server without a database name).
 *
 * 0. Warm-up (BENCH_WARMUP_ORDERS, default `orders`; 0 leaves it out): that many other orders through the
 *    baseline's consumer and through the chain, not measured, so both are measured as they run for a living: a
 *    fresh broker spends much of its CPU compiling (C2 and C1 threads, in a JFR recording) and fresh services run
 *    their code unoptimized at first.
 * 1. Baseline: a bare kafkajs consumer inserting the same order events into
 *    PostgreSQL in batches (one multi-row INSERT per fetched batch), timed from a
 *    backlog of `orders` events.
 * 2. Intake throughput, measured as the baseline is: `orders` orders produced at
 *    once into erp.sales-orders; service-commitments turns each into a project
 *    (order lines, six commitments, tasks, outbox) while field-execution and
 *    billing consume what it announces. Throughput = orders / (last
 *    psa.service-project.created seen on its topic − first order produced).
 *    Then the rows each service's database gained per order, counted table by
 *    table once every service caught up (the baseline adds one row per order).
 * 3. Latency at `rate`: `orders` more orders offered at `rate` per second, once
 *    every service has caught up; latency = ERP event produced →
 *    psa.service-project.created seen on its topic (the project is committed and
 *    announced), split into produced → written by service-commitments (the
 *    event's `time`) and written → seen. Then the same at `steadyRate`.
 * 4. A burst of dispatches (BENCH_DISPATCH_BURST, default 300, for orders not used by the visits) with 20 new
 *    orders right behind it: how long those orders wait behind the burst.
 * 5. Visits: for `visits` of the orders, a dispatch, a booking (as scheduling
 *    sends it) and a visit completed on field-execution; latency = completion
 *    answered → billing's fee line ready on psa.billing, and finance's approval →
 *    psa.invoice.requested.v1 on psa.invoices.
 * 6. The rows floor (unless BENCH_ROWS_FLOOR=0), with the services stopped: the rows the chain wrote per order in
 *    step 2, in every service's database, written by a bare kafkajs consumer (per fetched batch, a transaction per
 *    database, a statement per table) into copies of those tables: once as the services' insertMany writes (one
 *    array per column), once as the baseline writes its one row (multi-row VALUES). What the chain's data alone
 *    allows on this machine, beside the baseline and the intake.
 * 7. The chain floor (unless BENCH_CHAIN_FLOOR=0), with the services stopped: the least the design card's chain must
 *    do per order (an inbox, the project as one row, an outbox and its relay; two downstream stages with an inbox
 *    and a copy each: 7 rows), written by bare kafkajs consumers, then its first stage alone. What any implementation
 *    of three services with an outbox and an idempotent inbox allows on this machine, beside the baseline.
 * Resident memory (VmRSS) of each service is sampled every 500 ms; the maximum is printed.
 * CPU (user + system, from /proc) of each service, the broker, PostgreSQL and the bench is
 * printed per order of the intake and of each paced stream (until every service caught up) and per visit of
 * step 5: where the machine's time goes.
 * BENCH_VISIT_CONCURRENCY (default 8): visits completed at once. BENCH_IDLE_SECONDS=<n>:
 * after the intake, what the system costs per second with nothing to do.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CompressionTypes, Kafka, logLevel, Partitioners, type Consumer, type KafkaMessage, type Producer } from 'kafkajs';
import pg from 'pg';
import { devAuthConfig, devToken } from '#auth';
import { encodeStructured, exampleEvent, exampleMachineDispatched, exampleSalesOrderCreated, Topics, type CloudEvent } from '#contracts';
import { quietIdleRequestQueues } from '#messaging';
import { arrayInsert, dropDatabase, ensureDatabase } from '#persistence';
import { freePort, ServiceProcess } from '#testing';
import { visitIdFor } from '../apps/field-execution/src/visits/domain/visit-identity.js';
import { BILLING_CONSUMED_TOPICS } from '../apps/billing/src/consumed-topics.js';
import { FIELD_EXECUTION_CONSUMED_TOPICS } from '../apps/field-execution/src/consumed-topics.js';
import { SERVICE_COMMITMENTS_CONSUMED_TOPICS } from '../apps/service-commitments/src/consumed-topics.js';

const ORDERS = Number(process.argv[2] ?? 5000);
const RATE = Number(process.argv[3] ?? 500);
const VISITS = Number(process.argv[4] ?? 200);
/** A second, steady stream below the intake's capacity: latency when not queueing. */
const STEADY_RATE = Number(process.argv[5] ?? 100);
const STEADY_ORDERS = Number(process.argv[6] ?? 1000);
/** Instances of service-commitments in one consumer group (they share its database). */
const INTAKE_INSTANCES = Number(process.env.BENCH_INTAKE_INSTANCES ?? 1);
/** Orders run through the baseline and through the chain before either is measured. */
const WARMUP_ORDERS = Number(process.env.BENCH_WARMUP_ORDERS ?? ORDERS);
const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OWN_KAFKA_PORT = '19792';
const BROKERS = process.env.BENCH_KAFKA_BROKERS ?? `127.0.0.1:${OWN_KAFKA_PORT}`;
const PG = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const SUFFIX = `b${Date.now().toString(36)}`;
const PREFIX = `${SUFFIX}.`;
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 6);
/** How often a visit's flow asks a service over HTTP whether its step is there (as a client screen would, not in a busy loop). */
const HTTP_POLL_MS = 250;
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE_DIR;
const BENCH_LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'error';
const EXTRA_NODE_ARGS = process.env.BENCH_NODE_ARGS ? ` ${process.env.BENCH_NODE_ARGS}` : '';

// The bench's clients (the baseline's and the floors' consumers too) run on kafkajs as the services do.
quietIdleRequestQueues();
const kafka = new Kafka({ clientId: 'bench', brokers: BROKERS.split(','), logLevel: logLevel.NOTHING });

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(values: number[]): string {
  return `p50 ${percentile(values, 50).toFixed(0)} ms, p95 ${percentile(values, 95).toFixed(0)} ms, p99 ${percentile(values, 99).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms (n=${values.length})`;
}

function orderEvent(i: number, kind: 'B' | 'W' = 'B'): CloudEvent {
  return exampleEvent('erp.sales-order.created.v1', { ...structuredClone(exampleSalesOrderCreated), orderId: `SO-${kind}-${SUFFIX}-${i}` });
}

/** Produces order events at once, keyed by order, 500 a request; `sentAt` (if given) notes when each went. */
async function produceAll(producer: Producer, topic: string, events: CloudEvent[], sentAt?: Map<string, number>): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    const slice = events.slice(i, i + 500);
    const now = Date.now();
    if (sentAt) for (const e of slice) sentAt.set((e.data as { orderId: string }).orderId, now);
    await producer.send({ topic, compression: CompressionTypes.None, messages: slice.map((e) => ({ key: (e.data as { orderId: string }).orderId, ...encodeStructured(e) })) });
  }
}

async function produceAtRate(producer: Producer, topic: string, events: CloudEvent[], perSecond: number, sentAt: Map<string, number>): Promise<number> {
  const started = Date.now();
  const batch = Math.max(1, Math.round(perSecond / 20));
  for (let i = 0; i < events.length; i += batch) {
    const due = started + (i / perSecond) * 1000;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const slice = events.slice(i, i + batch);
    const now = Date.now();
    for (const e of slice) sentAt.set((e.data as { orderId: string }).orderId, now);
    await producer.send({ topic, compression: CompressionTypes.None, messages: slice.map((e) => ({ key: (e.data as { orderId: string }).orderId, ...encodeStructured(e) })) });
  }
  return (Date.now() - started) / 1000;
}

async function createTopics(topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const missing = [...new Set(topics)].filter((t) => !existing.has(t));
  if (missing.length > 0) await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })) });
  await admin.disconnect();
}

/**
 * A bare kafkajs consumer of `topic` from its beginning, handing each fetched batch to `write` (given the batch's
 * messages and how many came before it) until `expected` records were written. `joined`: its group was joined.
 * `done`: when the first batch came and when the last was written.
 */
async function readBatches(
  topic: string,
  groupId: string,
  expected: number,
  write: (messages: KafkaMessage[], before: number) => Promise<void>,
): Promise<{ consumer: Consumer; joined: Promise<void>; done: Promise<{ first: number; last: number }> }> {
  const consumer = kafka.consumer({ groupId });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let written = 0;
  let first = 0;
  const done = new Promise<{ first: number; last: number }>((resolve, reject) => {
    void consumer.run({
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        try {
          if (first === 0) first = Date.now();
          await write(batch.messages, written);
          for (const m of batch.messages) resolveOffset(m.offset);
          await heartbeat();
          written += batch.messages.length;
          if (written >= expected) resolve({ first, last: Date.now() });
        } catch (error) {
          reject(error);
        }
      },
    });
  });
  return { consumer, joined, done };
}

/**
 * Produces `events` to a fresh topic at once, then reads them back with `readBatches`. Returns when the first batch
 * came (joining the group is not throughput), when every event was written, and the seconds between.
 */
async function writeBacklog(
  events: CloudEvent[],
  name: string,
  write: (messages: KafkaMessage[], before: number) => Promise<void>,
): Promise<{ first: number; last: number; seconds: number }> {
  const topic = `${PREFIX}${name}.sales-orders`;
  await createTopics([topic]);
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await produceAll(producer, topic, events);
  const { consumer, done } = await readBatches(topic, `bench-${name}-${SUFFIX}`, events.length, write);
  const { first, last } = await done;
  await consumer.disconnect();
  await producer.disconnect();
  return { first, last, seconds: (last - first) / 1000 };
}

/** Baseline: a bare kafkajs consumer inserting the events into PostgreSQL in batches. */
async function baseline(events: CloudEvent[], name = 'baseline'): Promise<number> {
  const url = `${PG}/bench_${name}_${SUFFIX}`;
  await ensureDatabase(url);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query('CREATE TABLE IF NOT EXISTS sales_order (event_id text PRIMARY KEY, order_id text NOT NULL, body jsonb NOT NULL)');
  const { seconds } = await writeBacklog(events, name, async (messages) => {
    const rows = messages.map((m) => JSON.parse(m.value!.toString()) as CloudEvent<{ orderId: string }>);
    const values = rows.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`).join(',');
    await db.query(`INSERT INTO sales_order (event_id, order_id, body) VALUES ${values} ON CONFLICT DO NOTHING`, rows.flatMap((r) => [r.id, r.data.orderId, JSON.stringify(r.data)]));
  });
  await db.end();
  await dropDatabase(url);
  return events.length / seconds;
}

/**
 * The rows floor: the rows the chain wrote per order during the intake (in every service's database), written by a
 * bare kafkajs consumer as the baseline writes its one row: per fetched batch of orders, one transaction per database
 * and multi-row INSERTs, into copies of the services' tables (`LIKE ... INCLUDING ALL`: columns, defaults, indexes and
 * checks; not foreign keys). No framework, no validation, no events announced: what writing the chain's data alone
 * allows on this machine. The rows are copies of rows the run wrote (their values as text), spread over the orders
 * at each table's rate per order.
 */
async function rowsFloor(
  events: CloudEvent[],
  added: { name: string; databaseUrl: string; perOrder: Map<string, number> }[],
  shape: 'values' | 'arrays',
): Promise<{ rate: number; rowsPerOrder: number; split: string; tables: string }> {
  const targets: { name: string; db: pg.Client; ms: number; tables: { name: string; columns: string[]; types: string[]; perOrder: number; rows: (string | null)[][]; ms: number }[] }[] = [];
  for (const { name: service, databaseUrl, perOrder } of added) {
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const tables = [];
    for (const [name, rate] of perOrder) {
      const { rows: cols } = await db.query<{ name: string; type: string }>(
        `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
         WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
        [`"${name}"`],
      );
      const columns = cols.map((c) => `"${c.name}"`);
      const wanted = Math.ceil(rate * events.length);
      const { rows } = await db.query({ text: `SELECT ${columns.map((c) => `${c}::text`).join(', ')} FROM "${name}" LIMIT ${wanted}`, rowMode: 'array' });
      if (rows.length < wanted) throw new Error(`rows floor: ${name} has ${rows.length} rows, ${wanted} wanted`);
      await db.query(`CREATE TABLE "floor_${shape}_${name}" (LIKE "${name}" INCLUDING ALL)`);
      tables.push({ name: `floor_${shape}_${name}`, columns, types: cols.map((c) => c.type), perOrder: rate, rows: rows as (string | null)[][], ms: 0 });
    }
    targets.push({ name: service, db, ms: 0, tables });
  }
  const { seconds } = await writeBacklog(events, `floor-${shape}`, async (messages, from) => {
    // Decoded as the baseline decodes them: the orders themselves are not what is written here.
    for (const m of messages) JSON.parse(m.value!.toString());
    const to = from + messages.length;
    for (const target of targets) {
      const { db, tables } = target;
      const began = Date.now();
      await db.query('BEGIN');
      for (const table of tables) {
        const { name, columns, types, perOrder, rows } = table;
        const tableBegan = Date.now();
        const slice = rows.slice(Math.round(from * perOrder), Math.round(to * perOrder));
        if (slice.length === 0) continue;
        if (shape === 'arrays') {
          // As insertMany writes: one array per column.
          const statement = arrayInsert(`"${name}"`, columns.map((column, c) => ({ name: column, type: types[c], values: slice.map((row) => row[c]) })), '', { overridingSystemValue: true });
          await db.query(statement.sql, statement.parameters(0, slice.length));
        } else {
          // At most 60,000 parameters a statement (PostgreSQL's limit is 65,535).
          const perStatement = Math.max(1, Math.floor(60_000 / columns.length));
          for (let i = 0; i < slice.length; i += perStatement) {
            const chunk = slice.slice(i, i + perStatement);
            const values = chunk.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
            await db.query(`INSERT INTO "${name}" (${columns.join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${values}`, chunk.flat());
          }
        }
        table.ms += Date.now() - tableBegan;
      }
      await db.query('COMMIT');
      target.ms += Date.now() - began;
    }
  });
  for (const { db } of targets) await db.end();
  const rowsPerOrder = added.reduce((sum, a) => sum + [...a.perOrder.values()].reduce((x, y) => x + y, 0), 0);
  const share = (ms: number) => `${(ms / seconds / 10).toFixed(0)} %`;
  const split = targets.map((t) => `${t.name} ${share(t.ms)}`).join(', ');
  const tables = targets
    .flatMap((t) => t.tables.map((table) => ({ name: `${table.name.replace(/^floor_[a-z]+_/, '')} (${t.name})`, ms: table.ms })))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
    .map((table) => `${table.name} ${share(table.ms)}`)
    .join(', ');
  return { rate: events.length / seconds, rowsPerOrder, split, tables };
}

/**
 * The chain floor: the least that the design card's chain must do per order, written with no framework, as the
 * baseline is, with the services stopped. Three stages on three databases, each a bare kafkajs consumer:
 * - the commitments stage reads the orders and, per fetched batch, in one transaction, records each event in its
 *   inbox (so a re-read order is applied once), stores the project as one row (the order as jsonb) and its
 *   announcement in an outbox; after the commit it produces the announcements and marks them sent (the relay);
 * - two downstream stages (as field-execution and billing) read the announcements and, per fetched batch, in one
 *   transaction, record each in their inbox and keep a copy of the project as one row.
 * 7 rows an order where the chain writes 31; no validation, no domain logic. The rate is the intake's: orders from the
 * first fetched batch until the last announcement is on its topic, while the downstream stages read beside it; then
 * when both downstream stages had caught up.
 */
async function chainFloor(events: CloudEvent[], stages: 1 | 3): Promise<{ rate: number; caughtUp: number }> {
  const label = `floor-chain${stages}`;
  const announced = `${PREFIX}${label}.projects`;
  await createTopics([announced]);
  const databases: pg.Client[] = [];
  const database = async (name: string, tables: string[]): Promise<pg.Client> => {
    const url = `${PG}/bench_${label.replace('-', '_')}_${name}_${SUFFIX}`;
    await ensureDatabase(url);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query('CREATE TABLE processed_event (source text NOT NULL, event_id text NOT NULL, processed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (source, event_id))');
    for (const table of tables) await db.query(table);
    databases.push(db);
    return db;
  };
  const commitments = await database('commitments', [
    'CREATE TABLE service_project (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), order_id text NOT NULL UNIQUE, body jsonb NOT NULL)',
    'CREATE TABLE outbox_event (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id text NOT NULL UNIQUE, key text NOT NULL, event json NOT NULL, published_at timestamptz)',
  ]);
  /** Records the batch's events in `db`'s inbox; returns those it had not seen. */
  const fresh = async <T>(db: pg.Client, rows: CloudEvent<T>[]): Promise<CloudEvent<T>[]> => {
    const { rows: inserted } = await db.query<{ event_id: string }>(
      'INSERT INTO processed_event (source, event_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING RETURNING event_id',
      [rows.map((r) => r.source), rows.map((r) => r.id)],
    );
    const ids = new Set(inserted.map((r) => r.event_id));
    return rows.filter((r) => ids.has(r.id));
  };
  const downstream = await Promise.all(
    (stages === 3 ? ['field', 'billing'] : []).map(async (name) => {
      const db = await database(name, ['CREATE TABLE project_copy (order_id text PRIMARY KEY, body jsonb NOT NULL)']);
      const stage = await readBatches(announced, `bench-${label}-${name}-${SUFFIX}`, events.length, async (messages) => {
        const rows = messages.map((m) => JSON.parse(m.value!.toString()) as CloudEvent<{ orderId: string }>);
        await db.query('BEGIN');
        const applied = await fresh(db, rows);
        await db.query('INSERT INTO project_copy (order_id, body) SELECT * FROM unnest($1::text[], $2::jsonb[]) ON CONFLICT (order_id) DO UPDATE SET body = excluded.body', [
          applied.map((r) => r.data.orderId),
          applied.map((r) => JSON.stringify(r.data)),
        ]);
        await db.query('COMMIT');
      });
      await stage.joined;
      return stage;
    }),
  );
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const { first, last, seconds } = await writeBacklog(events, label, async (messages) => {
    const rows = messages.map((m) => JSON.parse(m.value!.toString()) as CloudEvent<{ orderId: string }>);
    await commitments.query('BEGIN');
    const applied = await fresh(commitments, rows);
    const bodies = applied.map((r) => JSON.stringify(r.data));
    await commitments.query('INSERT INTO service_project (order_id, body) SELECT * FROM unnest($1::text[], $2::jsonb[])', [applied.map((r) => r.data.orderId), bodies]);
    const announcements = applied.map((r) => ({ ...r, id: randomUUID(), type: 'psa.service-project.created.v1', source: 'bench-floor', data: r.data }));
    const { rows: outbox } = await commitments.query<{ id: string; key: string; event: string }>(
      'INSERT INTO outbox_event (event_id, key, event) SELECT * FROM unnest($1::text[], $2::text[], $3::json[]) RETURNING id, key, event::text',
      [announcements.map((a) => a.id), applied.map((r) => r.data.orderId), announcements.map((a) => JSON.stringify(a))],
    );
    await commitments.query('COMMIT');
    await producer.send({ topic: announced, compression: CompressionTypes.None, messages: outbox.map((o) => ({ key: o.key, value: o.event })) });
    await commitments.query('UPDATE outbox_event SET published_at = now() WHERE id = ANY($1::bigint[])', [outbox.map((o) => o.id)]);
  });
  const caughtUp = Math.max(last, ...(await Promise.all(downstream.map(async (d) => (await d.done).last))));
  for (const { consumer } of downstream) await consumer.disconnect();
  await producer.disconnect();
  for (const db of databases) {
    const url = `${PG}/${db.database}`;
    await db.end();
    await dropDatabase(url);
  }
  return { rate: events.length / seconds, caughtUp: events.length / ((caughtUp - first) / 1000) };
}

interface Service {
  name: string;
  port: number;
  process: ServiceProcess;
  databaseUrl: string;
  maxRssKb: number;
  /** Its Kafka consumer group (shared by the instances of one service). */
  groupId: string;
}

async function startService(name: string, database: string): Promise<Service> {
  const port = await freePort();
  const databaseUrl = `${PG}/bench_${database}_${SUFFIX}`;
  const groupId = `bench-${name}-${SUFFIX}`;
  await ensureDatabase(databaseUrl);
  const process = new ServiceProcess(name, {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: BROKERS,
    KAFKA_TOPIC_PREFIX: PREFIX,
    KAFKA_CONSUMER_GROUP: groupId,
    KAFKA_TOPIC_PARTITIONS: String(PARTITIONS),
    HTTP_PORT: String(port),
    LOG_LEVEL: BENCH_LOG_LEVEL,
    HTTP_RATE_LIMIT_PER_SECOND: '0',
    AUTH_JWT_SECRET: devAuthConfig().secret!,
    // BENCH_CPU_PROFILE_DIR=<dir>: each service writes a V8 CPU profile there when it stops.
    // BENCH_NODE_ARGS: more node flags for each service (V8 heap settings, say).
    ...(PROFILE_DIR || EXTRA_NODE_ARGS ? { SERVICE_NODE_ARGS: `${PROFILE_DIR ? `--cpu-prof --cpu-prof-dir=${PROFILE_DIR}/${name}` : ''}${EXTRA_NODE_ARGS}`.trim() } : {}),
  });
  process.start();
  await process.waitForHealth(port, 120_000);
  return { name, port, process, databaseUrl, maxRssKb: 0, groupId };
}

/** CPU seconds (user + system) used so far by each process, by name: the services, the broker, PostgreSQL (all its processes), the bench. */
function cpuSeconds(services: Service[], brokerPidFile: string | undefined): Map<string, number> {
  /** A process's CPU ticks: its own, and those of its ended children it reaped (null when gone). */
  const ticks = (pid: number | string) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return { parent: fields[1], own: Number(fields[11]) + Number(fields[12]), reaped: Number(fields[13]) + Number(fields[14]) };
    } catch {
      return null;
    }
  };
  const comm = (pid: string) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      return null;
    }
  };
  const used = new Map<string, number>();
  for (const s of services) used.set(s.name, ticks(s.process.pid!)?.own ?? 0);
  try {
    if (brokerPidFile) used.set('broker', ticks(readFileSync(brokerPidFile, 'utf8').trim())?.own ?? 0);
  } catch {
    // no broker of our own
  }
  // PostgreSQL: its live processes, plus what its ended backends used (reaped by the postmaster).
  let postgres = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || comm(pid) !== 'postgres') continue;
    const t = ticks(pid);
    if (!t) continue;
    postgres += t.own + (comm(t.parent) !== 'postgres' ? t.reaped : 0);
  }
  used.set('postgresql', postgres);
  used.set('bench', ticks(process.pid)?.own ?? 0);
  const hz = 100; // USER_HZ on Linux
  for (const [name, t] of used) used.set(name, t / hz);
  return used;
}

/** What each process spent between two readings of cpuSeconds, per unit of work, in ms. */
function cpuPer(before: Map<string, number>, after: Map<string, number>, units: number): string {
  const parts = [...after].map(([name, s]) => [name, ((s - (before.get(name) ?? 0)) * 1000) / units] as const);
  const total = parts.reduce((a, [, ms]) => a + ms, 0);
  return `${parts.map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(', ')}; all ${total.toFixed(1)} ms`;
}

function sampleMemory(services: Service[]): NodeJS.Timeout {
  return setInterval(() => {
    for (const s of services) {
      try {
        const status = readFileSync(`/proc/${s.process.pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        s.maxRssKb = Math.max(s.maxRssKb, kb);
      } catch {
        // not running at this instant
      }
    }
  }, 500);
}

/** Watches an output topic, calling back with each event and when it was seen. */
async function watch(topic: string, onEvent: (event: CloudEvent<Record<string, unknown>>, seenAt: number) => void) {
  // The broker answers a fetch as soon as a record arrives, so the wait bounds only an empty poll: 500 ms as the
  // services' consumers. At 50 ms the four watchers' polls cost the broker some 80 ms of CPU a second and the bench
  // 60, taken from the chain they measure; the written → seen figures did not change.
  const consumer = kafka.consumer({ groupId: `bench-watch-${randomUUID()}`, maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic: `${PREFIX}${topic}`, fromBeginning: true });
  // A watcher only looks: no offset commits (kafkajs would send one per partition batch, one after the other,
  // and the partitions behind would be seen late), every partition of a fetch at once.
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: PARTITIONS,
    eachBatch: async ({ batch }) => {
      const seenAt = Date.now();
      for (const message of batch.messages) onEvent(JSON.parse(message.value!.toString()), seenAt);
    },
  });
  return consumer;
}

async function call(port: number, method: string, url: string, token: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 120_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * The topics each service consumes (what its module is given). A group's lag is read on
 * these: a topic the group has not committed on yet is not caught up either.
 */
const CONSUMES: Record<string, readonly string[]> = {
  'service-commitments': SERVICE_COMMITMENTS_CONSUMED_TOPICS,
  'field-execution': FIELD_EXECUTION_CONSUMED_TOPICS,
  billing: BILLING_CONSUMED_TOPICS,
};

/** Rows in each table of a service's database (its own bookkeeping of migrations left out). */
async function rowsOf(databaseUrl: string): Promise<Map<string, number>> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows: tables } = await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'`,
    );
    const counts = new Map<string, number>();
    for (const { name } of tables) counts.set(name, Number((await db.query(`SELECT count(*) AS n FROM "${name}"`)).rows[0].n));
    return counts;
  } finally {
    await db.end();
  }
}

/** Rows each service added per order between two counts, its biggest tables named. */
function rowsPerOrder(before: Map<string, number>, after: Map<string, number>, orders: number): { total: number; tables: string } {
  const added = [...after].map(([table, n]) => [table, (n - (before.get(table) ?? 0)) / orders] as const).filter(([, n]) => n > 0);
  const total = added.reduce((sum, [, n]) => sum + n, 0);
  const tables = added
    .filter(([, n]) => n >= 0.01)
    .sort((a, b) => b[1] - a[1])
    .map(([table, n]) => `${table} ${Number(n.toFixed(2))}`)
    .join(', ');
  return { total, tables: tables || 'none' };
}

/** Waits until every service's group has consumed everything on its topics (lag 0). */
/** Waits until every service has consumed all it consumes; returns when each one first had (ms since epoch). */
async function caughtUp(services: Service[]): Promise<Map<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  const doneAt = new Map<string, number>();
  try {
    await until('the services to catch up', async () => {
      for (const { groupId, name } of services) {
        if (doneAt.has(name)) continue;
        const topics = CONSUMES[name.replace(/-\d+$/, '')].map((t) => `${PREFIX}${t}`);
        let behind = false;
        for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
          const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
          if (partitions.some((p) => Math.max(0, Number(p.offset)) < (ends.get(p.partition) ?? 0))) behind = true;
        }
        if (!behind) doneAt.set(name, Date.now());
      }
      return doneAt.size === services.length ? true : undefined;
    }, 15 * 60_000);
  } finally {
    await admin.disconnect();
  }
  return doneAt;
}

async function main(): Promise<void> {
  const ownKafka = !process.env.BENCH_KAFKA_BROKERS;
  const kafkaEnv = { ...process.env, KAFKA_PORT: OWN_KAFKA_PORT, KAFKA_DATA_DIR: path.join(ROOT, `.local/kafka-bench-${OWN_KAFKA_PORT}`) };
  if (ownKafka) await run('bash', [path.join(ROOT, 'scripts/kafka.sh'), 'start'], { env: { ...kafkaEnv, KAFKA_RESET: '1' } });
  const services: Service[] = [];
  const consumers: { disconnect(): Promise<void> }[] = [];
  try {
    console.log(`ServiceLoop order chain: ${ORDERS} example orders at ${RATE}/s, ${VISITS} visits to invoice; broker ${BROKERS}`);
    const events = Array.from({ length: ORDERS }, (_, i) => orderEvent(i));

    const warmup = Array.from({ length: WARMUP_ORDERS }, (_, i) => orderEvent(i, 'W'));
    if (WARMUP_ORDERS > 0) await baseline(warmup, 'baseline_warmup');
    const baselineRate = await baseline(events);
    console.log(`baseline: bare kafkajs consumer, batched INSERTs into PostgreSQL: ${baselineRate.toFixed(0)} orders/s`);

    await createTopics(Object.values(Topics).flatMap((t) => [`${PREFIX}${t}`, `${PREFIX}${t}.dlq`]));
    services.push(await startService('service-commitments', 'commitments'));
    services.push(await startService('field-execution', 'field'));
    services.push(await startService('billing', 'billing'));
    for (let i = 1; i < INTAKE_INSTANCES; i++) services.push({ ...(await startService('service-commitments', 'commitments')), name: `service-commitments-${i + 1}` });
    const memory = sampleMemory(services);
    const [commitments, field, billing] = services;

    const sentAt = new Map<string, number>();
    const projectLatency: number[] = [];
    /** Per project seen: [produced → written by service-commitments, written → seen on the topic]. */
    const projectHops: [number, number][] = [];
    const projects = new Map<string, { projectId: string; seenAt: number; writtenAt: number }>();
    const feeReadyAt = new Map<string, number>();
    const requestSeenAt = new Map<string, number>();
    // Each hop of visit → fee, by task: field-execution's event seen, then service-commitments' task done.
    const visitCompletedAt = new Map<string, number>();
    const taskDoneAt = new Map<string, number>();
    /** When service-commitments wrote the event (its `time`): the rest of the hop is the outbox relay and the broker. */
    const taskDoneWrittenAt = new Map<string, number>();
    const warmedUp = new Set<string>();
    consumers.push(
      await watch(Topics.serviceProjects, (e, seenAt) => {
        if (e.type === 'psa.task.done.v1') {
          taskDoneAt.set((e.data.task as { taskId: string }).taskId, seenAt);
          taskDoneWrittenAt.set((e.data.task as { taskId: string }).taskId, Date.parse(e.time ?? ''));
        }
        if (e.type !== 'psa.service-project.created.v1') return;
        const orderId = e.data.orderId as string;
        if (orderId.startsWith('SO-W-')) return void warmedUp.add(orderId);
        projects.set(orderId, { projectId: e.data.projectId as string, seenAt, writtenAt: Date.parse(e.time ?? '') });
        const sent = sentAt.get(orderId);
        if (sent) {
          projectLatency.push(seenAt - sent);
          const written = Date.parse(e.time ?? '');
          projectHops.push([written - sent, seenAt - written]);
        }
      }),
      await watch(Topics.fieldWork, (e, seenAt) => {
        if (e.type === 'psa.visit.completed.v1') visitCompletedAt.set(e.data.taskId as string, seenAt);
      }),
      await watch(Topics.billing, (e, seenAt) => {
        if (e.data.state === 'ready' && e.data.sourceKind === 'milestone') feeReadyAt.set(e.data.orderId as string, seenAt);
      }),
      await watch(Topics.invoices, (e, seenAt) => {
        requestSeenAt.set(e.data.invoiceRequestId as string, seenAt);
      }),
    );

    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const salesOrders = `${PREFIX}${Topics.salesOrders}`;
    const lastProjectSeen = () => Math.max(...[...projects.values()].map((p) => p.seenAt));

    const brokerPidFile = ownKafka ? path.join(kafkaEnv.KAFKA_DATA_DIR, 'kafka.pid') : undefined;
    if (WARMUP_ORDERS > 0) {
      const from = Date.now();
      await produceAll(producer, salesOrders, warmup);
      await until('every warm-up project', async () => (warmedUp.size >= WARMUP_ORDERS ? true : undefined), 15 * 60_000);
      await caughtUp(services);
      console.log(`warm-up: ${WARMUP_ORDERS} orders through the baseline and the chain (${((Date.now() - from) / 1000).toFixed(1)} s in the chain), not measured`);
    }
    const rowsBefore = await Promise.all(services.map((s) => rowsOf(s.databaseUrl)));
    const cpuBeforeIntake = cpuSeconds(services, brokerPidFile);
    // Throughput from a backlog, as the baseline's: every order produced at once.
    const firstSent = Date.now();
    await produceAll(producer, salesOrders, events, sentAt);
    await until('every project', async () => (projects.size >= ORDERS ? true : undefined), 15 * 60_000);
    const intake = ORDERS / ((lastProjectSeen() - firstSent) / 1000);
    console.log(`intake from a backlog of ${ORDERS} orders: ${intake.toFixed(0)} orders/s (${((intake / baselineRate) * 100).toFixed(1)}% of the baseline; target ≥ 50%)`);
    const lastWritten = Math.max(...[...projects.values()].map((p) => p.writtenAt));
    console.log(`  the last project written by service-commitments after ${((lastWritten - firstSent) / 1000).toFixed(2)} s, seen on its topic after ${((lastProjectSeen() - firstSent) / 1000).toFixed(2)} s (first order produced at ${new Date(firstSent).toISOString()})`);

    // What the intake wrote: the baseline adds one row per order.
    await caughtUp(services);
    const cpuAfterIntake = cpuSeconds(services, brokerPidFile);
    const rowsAfter = await Promise.all(services.map((s) => rowsOf(s.databaseUrl)));
    const written = services.map((s, i) => ({ name: s.name, ...rowsPerOrder(rowsBefore[i], rowsAfter[i], ORDERS) }));
    console.log(`  rows added per order: ${written.reduce((sum, w) => sum + w.total, 0).toFixed(1)} in all (the baseline: 1)`);
    for (const w of written) console.log(`    ${w.name.padEnd(20)} ${w.total.toFixed(1)}: ${w.tables}`);
    // Each table's rows per order, kept for the rows floor at the end.
    const addedRows = services.slice(0, 3).map((svc, i) => ({
      name: svc.name,
      databaseUrl: svc.databaseUrl,
      perOrder: new Map([...rowsAfter[i]].map(([table, n]) => [table, (n - (rowsBefore[i].get(table) ?? 0)) / ORDERS] as const).filter(([, n]) => n > 0)),
    }));
    // Where the machine's CPU goes per order (the intake and the wait for every service to catch up).
    console.log(`  CPU per order, ms: ${cpuPer(cpuBeforeIntake, cpuAfterIntake, ORDERS)}`);
    // BENCH_IDLE_SECONDS=<n>: what the system costs with nothing to do (consumers polling, heartbeats, timers), per second.
    const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 0);
    if (idleSeconds > 0) {
      const idleFrom = cpuSeconds(services, brokerPidFile);
      await new Promise((r) => setTimeout(r, idleSeconds * 1000));
      console.log(`idle for ${idleSeconds} s, CPU per second, ms: ${cpuPer(idleFrom, cpuSeconds(services, brokerPidFile), idleSeconds)}`);
    }

    // Latency at the offered rates, each once every service has caught up.
    let offset = ORDERS;
    for (const [rate, count] of [[RATE, ORDERS], [STEADY_RATE, STEADY_ORDERS]] as const) {
      if (count === 0 || rate <= 0) continue;
      await caughtUp(services);
      const paced = Array.from({ length: count }, (_, i) => orderEvent(offset + i));
      offset += count;
      projectLatency.length = 0;
      projectHops.length = 0;
      const cpuBeforePaced = cpuSeconds(services, brokerPidFile);
      const started = Date.now();
      const seconds = await produceAtRate(producer, salesOrders, paced, rate, sentAt);
      await until(`every project at ${rate}/s`, async () => (projects.size >= offset ? true : undefined), 15 * 60_000);
      const sustained = count / ((lastProjectSeen() - started) / 1000);
      console.log(`at ${rate}/s: ${count} orders offered at ${(count / seconds).toFixed(0)}/s; sustained ${sustained.toFixed(0)} orders/s`);
      console.log(`  ERP order → project visible (psa.service-project.created.v1 on its topic): ${summary(projectLatency)}`);
      console.log(`    of which: produced → written by service-commitments: ${summary(projectHops.map((h) => h[0]))}`);
      console.log(`              written → seen on the topic (commit, outbox relay, broker): ${summary(projectHops.map((h) => h[1]))}`);
      await caughtUp(services);
      console.log(`  CPU per order, ms (until every service caught up): ${cpuPer(cpuBeforePaced, cpuSeconds(services, brokerPidFile), count)}`);
      // BENCH_LATENCY_DUMP=<dir>: each order's produced, written and seen instants (ms), one line per order, to study the tail.
      if (process.env.BENCH_LATENCY_DUMP) {
        const lines = paced.map((e) => {
          const orderId = (e.data as { orderId: string }).orderId;
          const p = projects.get(orderId);
          return `${sentAt.get(orderId)} ${p?.writtenAt} ${p?.seenAt}`;
        });
        writeFileSync(path.join(process.env.BENCH_LATENCY_DUMP, `latency-${rate}.txt`), `${lines.join('\n')}\n`);
      }
    }

    // A burst of dispatches (an ERP's end-of-day upload) with a few new orders right behind it: how long the orders
    // wait behind the burst (service-commitments applies both; kafkajs fetches again only when a fetch is done).
    const BURST = Number(process.env.BENCH_DISPATCH_BURST ?? 300);
    if (BURST > 0 && VISITS + BURST <= ORDERS) {
      await caughtUp(services);
      const burst = events.slice(VISITS, VISITS + BURST).map((e) => {
        const orderId = (e.data as { orderId: string }).orderId;
        const dispatch = exampleEvent('erp.machine.dispatched.v1', { ...structuredClone(exampleMachineDispatched), dispatchId: `DN-${orderId}`, orderId, lines: [{ lineId: '10', sku: 'INJ-250T', quantity: 1, serialNumbers: [`SN-${orderId}`] }] });
        return { key: orderId, ...encodeStructured(dispatch) };
      });
      const behind = Array.from({ length: 20 }, (_, i) => orderEvent(offset + i));
      offset += behind.length;
      projectLatency.length = 0;
      projectHops.length = 0;
      const burstSent = Date.now();
      for (let i = 0; i < burst.length; i += 500) await producer.send({ topic: `${PREFIX}${Topics.dispatches}`, messages: burst.slice(i, i + 500) });
      const now = Date.now();
      for (const e of behind) sentAt.set((e.data as { orderId: string }).orderId, now);
      await producer.send({ topic: salesOrders, messages: behind.map((e) => ({ key: (e.data as { orderId: string }).orderId, ...encodeStructured(e) })) });
      await until('the orders behind the burst', async () => (projects.size >= offset ? true : undefined), 15 * 60_000);
      console.log(`dispatch burst: ${BURST} dispatches, then ${behind.length} new orders`);
      console.log(`  those orders → project visible: ${summary(projectLatency)}`);
      console.log(`    of which: produced → written by service-commitments: ${summary(projectHops.map((h) => h[0]))}`);
      console.log(`              written → seen on the topic (commit, outbox relay, broker): ${summary(projectHops.map((h) => h[1]))}`);
      const appliedAt = await caughtUp(services);
      const each = services.map((x) => `${x.name} ${((appliedAt.get(x.name)! - burstSent) / 1000).toFixed(1)} s`).join(', ');
      console.log(`  the burst applied by every service in ${((Date.now() - burstSent) / 1000).toFixed(1)} s (${each})`);
    }

    // Visits: dispatch, booking, completion; then finance's approval.
    if (VISITS > 0) {
      // Visits: dispatch, booking, completion; then finance's approval.
      const finance = devToken({ subject: 'bench-finance', roles: ['finance'] });
      const visitToFee: number[] = [];
      const hops: [number, number, number, number][] = [];
      const approvalToRequest: number[] = [];
      const orderIds = events.slice(0, VISITS).map((e) => (e.data as { orderId: string }).orderId);
      for (const orderId of orderIds) {
        const dispatch = exampleEvent('erp.machine.dispatched.v1', { ...structuredClone(exampleMachineDispatched), dispatchId: `DN-${orderId}`, orderId, lines: [{ lineId: '10', sku: 'INJ-250T', quantity: 1, serialNumbers: [`SN-${orderId}`] }] });
        await producer.send({ topic: `${PREFIX}${Topics.dispatches}`, messages: [{ key: orderId, ...encodeStructured(dispatch) }] });
      }
      // The visits are timed on a quiet chain: dispatches are applied first. (A burst of dispatches delays
      // service-commitments' other events: its consumer takes the next fetch only when a fetch's batches are applied.)
      const dispatchesSent = Date.now();
      await caughtUp(services);
      console.log(`dispatches: ${VISITS} applied in ${((Date.now() - dispatchesSent) / 1000).toFixed(1)} s`);
      const manager = devToken({ subject: 'bench-manager', roles: ['service_manager'] });
      const cpuBeforeVisits = cpuSeconds(services, brokerPidFile);
      const visitsStarted = Date.now();
      // BENCH_VISIT_CONCURRENCY: visits completed at once (default 8).
      const concurrency = Number(process.env.BENCH_VISIT_CONCURRENCY ?? 8);
      for (let i = 0; i < orderIds.length; i += concurrency) {
        await Promise.all(
          orderIds.slice(i, i + concurrency).map(async (orderId, j) => {
            const projectId = projects.get(orderId)!.projectId;
            const task = await until(`installation task of ${orderId}`, async () => {
              const res = await call(commitments.port, 'GET', `/projects/${projectId}`, manager);
              const install = res.body?.commitments?.find((c: { kind: string }) => c.kind === 'installation');
              return install?.tasks?.[0]?.status === 'ready' ? install.tasks[0] : undefined;
            }, 120_000, HTTP_POLL_MS);
            const engineerId = randomUUID();
            const bookingId = randomUUID();
            const now = Date.now();
            const booking = exampleEvent<Record<string, unknown>>('psa.visit.scheduled.v1', undefined, { source: 'serviceloop://scheduling' });
            Object.assign(booking.data, { bookingId, taskId: task.id, projectId, customerId: 'C-1007', engineerIds: [engineerId], start: new Date(now - 3600_000).toISOString(), end: new Date(now + 3600_000).toISOString(), segments: [{ start: new Date(now - 3600_000).toISOString(), end: new Date(now + 3600_000).toISOString() }], status: 'confirmed' });
            booking.subject = bookingId;
            await producer.send({ topic: `${PREFIX}${Topics.schedules}`, messages: [{ key: task.id, ...encodeStructured(booking) }] });
            const engineer = devToken({ subject: `bench-engineer-${i + j}`, roles: ['engineer'], engineerId });
            const visitId = visitIdFor(bookingId, engineerId);
            const visit = await until(`visit ${visitId}`, async () => {
              const res = await call(field.port, 'GET', `/visits/${visitId}`, engineer);
              return Array.isArray(res.body?.checklist) ? res.body : undefined;
            }, 120_000, HTTP_POLL_MS);
            await call(field.port, 'POST', `/visits/${visitId}/check-in`, engineer, { at: new Date(now - 30 * 60_000).toISOString() });
            for (const { item } of visit.checklist) await call(field.port, 'POST', `/visits/${visitId}/checklist`, engineer, { item, ticked: true });
            const completed = await call(field.port, 'POST', `/visits/${visitId}/complete`, engineer, { outcome: 'completed', signOff: { name: 'Plant head' } });
            if (completed.status !== 201) throw new Error(`completion of ${visitId}: HTTP ${completed.status} ${JSON.stringify(completed.body)}`);
            const completedAt = Date.now();
            const ready = await until(`fee of ${orderId}`, async () => feeReadyAt.get(orderId));
            visitToFee.push(ready - completedAt);
            const completionSeen = visitCompletedAt.get(task.id) ?? NaN;
            const doneSeen = taskDoneAt.get(task.id) ?? NaN;
            const doneWritten = taskDoneWrittenAt.get(task.id) ?? NaN;
            hops.push([completionSeen - completedAt, doneSeen - completionSeen, ready - doneSeen, doneWritten - completionSeen]);
            const approvedAt = Date.now();
            const made = await call(billing.port, 'POST', '/invoice-requests', finance, { customerId: 'C-1007', orderId });
            if (made.status !== 201) throw new Error(`invoice request for ${orderId}: HTTP ${made.status} ${JSON.stringify(made.body)}`);
            const seen = await until(`request of ${orderId} on psa.invoices`, async () => requestSeenAt.get(made.body[0].id));
            approvalToRequest.push(seen - approvedAt);
          }),
        );
      }
      const visitsTook = Date.now() - visitsStarted;
      const cpuAfterVisits = cpuSeconds(services, brokerPidFile);
      console.log(`visits: ${VISITS}, ${concurrency} at a time, in ${(visitsTook / 1000).toFixed(1)} s`);
      // Each visit's whole flow: the booking, the engineer's app (check-in, checklist, completion, as the bench polls
      // like a screen would), the fee, finance's approval and the request.
      console.log(`  CPU per visit, ms: ${cpuPer(cpuBeforeVisits, cpuAfterVisits, VISITS)}`);
      console.log(`  visit completed → fee line ready (psa.billing-line.changed.v1): ${summary(visitToFee)}`);
      console.log(`    of which: completion answered → psa.visit.completed.v1 seen: ${summary(hops.map((h) => h[0]))}`);
      console.log(`              → psa.task.done.v1 seen (service-commitments): ${summary(hops.map((h) => h[1]))}`);
      console.log(`                (written by service-commitments after: ${summary(hops.map((h) => h[3]))})`);
      console.log(`              → fee line ready seen (billing): ${summary(hops.map((h) => h[2]))}`);
      console.log(`  finance approval → psa.invoice.requested.v1 on psa.invoices: ${summary(approvalToRequest)}`);
      const chain = visitToFee.map((v, i) => v + approvalToRequest[i]);
      console.log(`  visit completed → invoice request emitted (finance approving at once): ${summary(chain)}`);
    }
    clearInterval(memory);
    console.log('resident memory under load (max VmRSS):');
    for (const s of services) console.log(`  ${s.name.padEnd(20)} ${(s.maxRssKb / 1024).toFixed(0)} MiB`);
    await producer.disconnect();

    // With the services stopped, as the baseline ran: the chain's rows, written bare.
    if (process.env.BENCH_ROWS_FLOOR !== '0') {
      for (const svc of services) await svc.process.stop();
      for (const shape of ['arrays', 'values'] as const) {
        const floor = await rowsFloor(events, addedRows, shape);
        console.log(
          `rows floor (${shape === 'arrays' ? 'one array per column, as the services write' : 'multi-row VALUES, as the baseline writes'}): the chain's ${floor.rowsPerOrder.toFixed(1)} rows per order written by a bare kafkajs consumer, batched, into copies of its tables: ${floor.rate.toFixed(0)} orders/s (${((floor.rate / baselineRate) * 100).toFixed(1)}% of the baseline; the intake ${((intake / floor.rate) * 100).toFixed(1)}% of this floor)`,
        );
        console.log(`  of the floor's time, writing each service's rows: ${floor.split}; the largest tables: ${floor.tables}`);
      }
    }
    // BENCH_CHAIN_FLOOR=0 leaves it out; it needs the services stopped too.
    if (process.env.BENCH_CHAIN_FLOOR !== '0') {
      for (const svc of services) await svc.process.stop();
      const chain = await chainFloor(events, 3);
      console.log(
        `chain floor (three bare kafkajs stages: inbox, the project as one row, outbox and relay; two downstream stages each with inbox and a copy; 7 rows per order): ${chain.rate.toFixed(0)} orders/s to the last announcement (${((chain.rate / baselineRate) * 100).toFixed(1)}% of the baseline; the intake ${((intake / chain.rate) * 100).toFixed(1)}% of this floor), ${chain.caughtUp.toFixed(0)} orders/s until both downstream stages caught up`,
      );
      const alone = await chainFloor(events, 1);
      console.log(`  its first stage alone (nothing downstream; 3 rows per order): ${alone.rate.toFixed(0)} orders/s (${((alone.rate / baselineRate) * 100).toFixed(1)}% of the baseline)`);
    }
  } finally {
    for (const c of consumers) await c.disconnect().catch(() => undefined);
    for (const s of services) {
      await s.process.stop().catch(() => undefined);
      // BENCH_LOG_DIR=<dir>: each service's output (at BENCH_LOG_LEVEL, default error) is kept there.
      if (process.env.BENCH_LOG_DIR) writeFileSync(path.join(process.env.BENCH_LOG_DIR, `${s.name}.log`), `${s.process.output.join('\n')}\n`);
      // BENCH_KEEP_DATABASES=1: the services' databases stay for a look at what the run wrote.
      if (!process.env.BENCH_KEEP_DATABASES) await dropDatabase(s.databaseUrl).catch(() => undefined);
    }
    if (ownKafka) await run('bash', [path.join(ROOT, 'scripts/kafka.sh'), 'stop'], { env: kafkaEnv }).catch(() => undefined);
  }
}

await main();
