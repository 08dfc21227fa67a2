/**
 * Analytics under load: time approvals and service projects pushed through
 * Kafka into the read models, then every report queried, then a rebuild.
 *
 *   npm run build && node dist/bench/analytics-ingest.bench.js [timeEntries=1000000] [projects=100000]
 *
 * Env: KAFKA_BROKERS (default 127.0.0.1:19500), PG_URL (default postgres://postgres@127.0.0.1:5432).
 * Uses its own topic prefix and databases, dropped at the end.
 *
 * The data: `projects` service projects (two commitments each, 5,000
 * customers in 12 regions) with one task each (owned by one of 40
 * coordinators, every 20th by nobody); 500 engineers with a 2026
 * calendar (weekdays 8 h); `timeEntries` approved time entries over 2026 (1–8 h,
 * 80% billable, 1% corrections of an earlier entry), keyed by task. Events are
 * produced gzip-compressed in batches of 2,000, then the consumer takes the
 * backlog (producing alongside would share the process and its two cores).
 *
 * Printed: produce rate, ingestion throughput (consumer start → last applied), the
 * 95th-percentile latency of each report query over 40 runs (all customers,
 * and one random customer), and the time to rebuild from offset 0 into a fresh
 * database.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { CompressionTypes, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { encodeStructured, eventContractOf, Topics, type CloudEvent } from '#contracts';
import { createKafka, ensureTopics } from '#messaging';
import { dropDatabase, ensureDatabase, runMigrationsLocked, serviceDataSourceOptions } from '#persistence';
import type { KafkaConnectionConfig } from '#platform';
import { ANALYTICS_ENTITIES, ANALYTICS_MIGRATIONS } from '../apps/analytics/src/analytics.database.js';
import { ANALYTICS_TOPICS } from '../apps/analytics/src/ingest/analytics-topics.js';
import { EventLogReader } from '../apps/analytics/src/ingest/event-log-reader.js';
import { READ_MODEL } from '../apps/analytics/src/ingest/projector.js';
import { describeProgress, rebuildReadModels } from '../apps/analytics/src/ingest/rebuild.js';
import { REPORTS } from '../apps/analytics/src/reports/report-catalog.js';
import { runReport } from '../apps/analytics/src/reports/reports.service.js';
import type { ReportFilters } from '../apps/analytics/src/reports/dto/report-query.dto.js';

const TIME_ENTRIES = Number(process.argv[2] ?? 1_000_000);
const PROJECTS = Number(process.argv[3] ?? 100_000);
const ENGINEERS = 500;
const CUSTOMERS = 5_000;
const REGIONS = ['MH', 'KA', 'TN', 'GJ', 'DL', 'UP', 'WB', 'TG', 'RJ', 'KL', 'PB', 'MP'];
const BATCH = 2_000;
const QUERY_RUNS = 40;

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19500').split(',');
const pg = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const prefix = `bench${process.pid}.`;
const kafkaConfig: KafkaConnectionConfig = { brokers, clientId: `analytics-bench-${process.pid}` };
const liveUrl = `${pg}/bench_analytics_${process.pid}`;
const rebuiltUrl = `${pg}/bench_analytics_${process.pid}_rebuilt`;

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20270101);
const int = (n: number) => Math.floor(random() * n);
const id = (kind: string, n: number) => `${kind}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const project = (n: number) => id('10000000', n);
const task = (n: number) => id('20000000', n);
const engineer = (n: number) => id('e0000000', n);
const customerOf = (p: number) => `C-${(p % CUSTOMERS).toString().padStart(5, '0')}`;
/** 40 service coordinators own the tasks; every 20th task has no owner yet. */
const OWNERS = 40;
const ownerOf = (p: number) => (p % 20 === 0 ? null : `coordinator.${(p % OWNERS).toString().padStart(2, '0')}`);
const DAY = 86_400_000;
const YEAR_START = Date.parse('2026-01-01T00:00:00Z');

let eventNo = 0;
function record(type: string, data: object, time: string) {
  const contract = eventContractOf(type)!;
  const event: CloudEvent = { specversion: '1.0', id: `bench-${++eventNo}`, source: 'serviceloop://bench', type, time, datacontenttype: 'application/json', data };
  const { value, headers } = encodeStructured(event);
  return { topic: contract.topic, key: contract.recordKeyOf(data as never), value, headers };
}

function* projectEvents(): Generator<ReturnType<typeof record>> {
  for (let p = 1; p <= PROJECTS; p++) {
    const customer = customerOf(p);
    const region = REGIONS[p % REGIONS.length]!;
    const site = { id: `${customer}-S`, name: null, address: null, city: null, region, country: 'IN', timezone: 'Asia/Kolkata' };
    const created = new Date(YEAR_START + int(300) * DAY).toISOString();
    yield record(
      'psa.service-project.created.v1',
      {
        projectId: project(p),
        orderId: `SO-${p}`,
        source: 'erp://bench',
        customer: { id: customer, name: `Customer ${customer}` },
        site,
        currency: 'INR',
        customerPoNumber: null,
        status: 'active',
        commitments: [
          { commitmentId: id('30000000', 2 * p), orderLineId: '10', sku: 'SVC-INSTALL', kind: 'installation', unitIndex: 1, status: 'promised' },
          { commitmentId: id('30000000', 2 * p + 1), orderLineId: '20', sku: 'SVC-TRAINING', kind: 'training', unitIndex: 1, status: 'promised' },
        ],
        createdAt: created,
      },
      created,
    );
    const due = new Date(Date.parse(created) + (10 + int(60)) * DAY).toISOString().slice(0, 10);
    yield record(
      'psa.task.ready.v1',
      {
        task: {
          taskId: task(p),
          commitmentId: id('30000000', 2 * p),
          serviceRequestId: null,
          projectId: project(p),
          orderId: `SO-${p}`,
          customerId: customer,
          customerName: `Customer ${customer}`,
          site,
          serialNumber: `M-${p}`,
          sku: 'SVC-INSTALL',
          kind: 'installation',
          name: 'Installation',
          status: ['ready', 'scheduled', 'in_progress', 'done'][int(4)],
          requiredSkills: ['installation'],
          estimatedHours: '8',
          engineers: 1,
          earliestStart: null,
          dueDate: due,
          dueAt: null,
          priority: null,
          dependsOnTaskIds: [],
          checklist: [],
          owner: ownerOf(p),
        },
        readyAt: created,
      },
      created,
    );
  }
}

function* availabilityEvents(): Generator<ReturnType<typeof record>> {
  for (let e = 1; e <= ENGINEERS; e++) {
    const days = [];
    for (let d = 0; d < 365; d++) {
      const t = YEAR_START + d * DAY;
      const weekday = new Date(t).getUTCDay();
      const working = weekday !== 0 && weekday !== 6;
      days.push({ date: new Date(t).toISOString().slice(0, 10), availableMinutes: working ? 480 : 0, kind: working ? 'working' : 'off' });
    }
    yield record(
      'psa.engineer.availability-changed.v1',
      { engineerId: engineer(e), name: `Engineer ${e}`, team: `Team ${e % 25}`, region: REGIONS[e % REGIONS.length], days, changedAt: '2025-12-15T00:00:00Z' },
      '2025-12-15T00:00:00Z',
    );
  }
}

function* timeEvents(): Generator<ReturnType<typeof record>> {
  const corrected = new Set<number>();
  for (let n = 1; n <= TIME_ENTRIES; n++) {
    const p = 1 + int(PROJECTS);
    const startMs = YEAR_START + int(364) * DAY + (3 + int(4)) * 3_600_000;
    const hours = 1 + int(8);
    const approvedAt = new Date(startMs + (1 + int(20)) * DAY).toISOString();
    // One correction per entry at most, as field execution allows.
    let corrects: string | null = null;
    if (n > 100 && random() < 0.01) {
      const target = n - 1 - int(50);
      if (!corrected.has(target)) {
        corrected.add(target);
        corrects = id('70000000', target);
      }
    }
    yield record(
      'psa.time.approved.v1',
      {
        visitId: id('f0000000', p),
        taskId: task(p),
        projectId: project(p),
        customerId: customerOf(p),
        engineerId: engineer(1 + int(ENGINEERS)),
        timeEntryId: id('70000000', n),
        start: new Date(startMs).toISOString(),
        end: new Date(startMs + hours * 3_600_000).toISOString(),
        hours: `${hours}.00`,
        activity: 'work',
        billable: random() < 0.8,
        approvedBy: 'bench',
        approvedAt,
        corrects,
      },
      approvedAt,
    );
  }
}

async function produceAll(producer: Producer, sources: Generator<ReturnType<typeof record>>[]): Promise<number> {
  let produced = 0;
  const inFlight: Promise<unknown>[] = [];
  for (const source of sources) {
    let batch: ReturnType<typeof record>[] = [];
    const flush = async () => {
      const byTopic = new Map<string, { key: string | null; value: Buffer; headers: Record<string, string> }[]>();
      for (const r of batch) {
        const list = byTopic.get(r.topic) ?? [];
        list.push({ key: r.key, value: r.value, headers: r.headers as Record<string, string> });
        byTopic.set(r.topic, list);
      }
      produced += batch.length;
      batch = [];
      inFlight.push(
        producer.sendBatch({
          compression: CompressionTypes.GZIP,
          acks: 1,
          topicMessages: [...byTopic].map(([topic, messages]) => ({ topic: `${prefix}${topic}`, messages })),
        }),
      );
      if (inFlight.length >= 4) await inFlight.shift();
    };
    for (const r of source) {
      batch.push(r);
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length) await flush();
  }
  await Promise.all(inFlight);
  return produced;
}

async function positionsTotal(db: DataSource): Promise<number> {
  const [row] = await db.query(`SELECT COALESCE(SUM(next_offset), 0)::bigint AS n FROM consumer_position WHERE read_model = $1`, [READ_MODEL]);
  return Number(row.n);
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A typical query per report: the whole business, and one customer. */
function queriesFor(report: string): { label: string; filters: () => ReportFilters }[] {
  const customer = () => customerOf(1 + int(CUSTOMERS));
  const month = () => {
    const m = 1 + int(12);
    const last = new Date(Date.UTC(2026, m, 0)).getUTCDate();
    return { from: `2026-${String(m).padStart(2, '0')}-01`, to: `2026-${String(m).padStart(2, '0')}-${last}` };
  };
  switch (report) {
    case 'utilization':
      return [
        { label: 'all engineers, one month', filters: () => month() },
        { label: 'by team, whole year', filters: () => ({ from: '2026-01-01', to: '2026-12-31', groupBy: 'team' }) },
        { label: 'one engineer, whole year', filters: () => ({ from: '2026-01-01', to: '2026-12-31', engineerId: engineer(1 + int(ENGINEERS)) }) },
      ];
    case 'completed-work':
      return [
        { label: 'whole year', filters: () => ({ from: '2026-01-01', to: '2026-12-31' }) },
        { label: 'one customer, whole year', filters: () => ({ from: '2026-01-01', to: '2026-12-31', customerId: customer() }) },
      ];
    case 'customer-load':
      return [
        { label: 'all customers, one month', filters: () => ({ ...month(), asOf: '2026-12-31' }) },
        { label: 'one customer, whole year', filters: () => ({ from: '2026-01-01', to: '2026-12-31', asOf: '2026-12-31', customerId: customer() }) },
      ];
    case 'task-status':
      return [
        { label: 'all, by region', filters: () => ({ asOf: '2026-09-30', groupBy: 'region' }) },
        { label: 'all, by customer', filters: () => ({ asOf: '2026-09-30' }) },
        { label: 'all, by owner', filters: () => ({ asOf: '2026-09-30', groupBy: 'owner' }) },
        { label: 'one owner, by customer', filters: () => ({ asOf: '2026-09-30', ownerId: `coordinator.${int(OWNERS).toString().padStart(2, '0')}` }) },
        { label: 'one customer, by project', filters: () => ({ asOf: '2026-09-30', customerId: customer(), groupBy: 'project' }) },
      ];
    default: {
      const r = REPORTS.find((x) => x.name === report)!;
      const base: ReportFilters = r.filters.includes('asOf') ? { asOf: '2026-12-31' } : {};
      return [
        { label: 'all', filters: () => base },
        { label: 'one customer', filters: () => ({ ...base, customerId: customer() }) },
      ];
    }
  }
}

async function main(): Promise<void> {
  console.log(`analytics bench: ${TIME_ENTRIES.toLocaleString('en')} time entries, ${PROJECTS.toLocaleString('en')} projects, ${ENGINEERS} engineers, brokers ${brokers.join(',')}`);
  const kafka = createKafka(kafkaConfig);
  const physical = ANALYTICS_TOPICS.map((t) => `${prefix}${t}`);
  await ensureTopics(kafka, physical, 3);
  await ensureDatabase(liveUrl);
  const live = new DataSource(serviceDataSourceOptions({ databaseUrl: liveUrl, entities: ANALYTICS_ENTITIES, migrations: ANALYTICS_MIGRATIONS }));
  await live.initialize();
  await runMigrationsLocked(live);

  // Produce first, then let the consumer take the backlog: on a shared two-core machine a producer in the
  // same process would starve the consumer and the figure would measure neither.
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const produceStart = performance.now();
  const produced = await produceAll(producer, [availabilityEvents(), projectEvents(), timeEvents()]);
  const produceSeconds = (performance.now() - produceStart) / 1000;
  await producer.disconnect();
  console.log(`PRODUCE: ${produced.toLocaleString('en')} records (gzip, batches of ${BATCH}) in ${produceSeconds.toFixed(1)} s = ${Math.round(produced / produceSeconds).toLocaleString('en')} records/s`);

  const reader = new EventLogReader({ kafka, dataSource: live, topics: physical, logical: (n) => n.slice(prefix.length), groupId: `${prefix}analytics` });
  const started = performance.now();
  await reader.start();
  const ticker = setInterval(async () => {
    const applied = await positionsTotal(live).catch(() => 0);
    const s = (performance.now() - started) / 1000;
    console.log(`  ingest: ${applied.toLocaleString('en')} / ${produced.toLocaleString('en')} applied after ${s.toFixed(0)} s (${Math.round(applied / s).toLocaleString('en')}/s)`);
  }, 10_000);
  while ((await positionsTotal(live)) < produced) await new Promise((r) => setTimeout(r, 250));
  const ingested = performance.now();
  clearInterval(ticker);
  await reader.stop();
  const ingestSeconds = (ingested - started) / 1000;
  console.log(`INGEST: ${produced.toLocaleString('en')} records consumed from Kafka into the read models in ${ingestSeconds.toFixed(1)} s = ${Math.round(produced / ingestSeconds).toLocaleString('en')} records/s (consumer start → last position committed)`);
  const [counts] = await live.query(
    `SELECT (SELECT COUNT(*) FROM time_entry) AS time_entries, (SELECT COUNT(*) FROM project) AS projects, (SELECT COUNT(*) FROM task) AS tasks, (SELECT COUNT(*) FROM engineer_day) AS engineer_days, (SELECT COUNT(*) FROM rejected_event) AS rejected`,
  );
  console.log(`read models: ${JSON.stringify(counts)}`);
  await live.query('ANALYZE');

  console.log(`QUERIES (p95 of ${QUERY_RUNS} runs each; target < 50 ms):`);
  for (const report of REPORTS) {
    for (const { label, filters } of queriesFor(report.name)) {
      const samples: number[] = [];
      let rows = 0;
      for (let i = 0; i < QUERY_RUNS + 3; i++) {
        const f = filters();
        const t = performance.now();
        const view = await runReport(live.manager, report, f, '2026-12-31');
        if (i >= 3) samples.push(performance.now() - t);
        rows = view.rows.length;
      }
      const p95 = percentile(samples, 95);
      console.log(`  ${report.name.padEnd(20)} ${label.padEnd(28)} p95 ${p95.toFixed(1).padStart(7)} ms  (median ${percentile(samples, 50).toFixed(1)} ms, ${rows} rows)${p95 < 50 ? '' : '  OVER TARGET'}`);
    }
  }

  const rebuildStart = performance.now();
  let last = '';
  const result = await rebuildReadModels({
    databaseUrl: rebuiltUrl,
    kafka: kafkaConfig,
    topicPrefix: prefix,
    topicPartitions: 3,
    progressEveryMs: 10_000,
    progress: (p) => {
      last = describeProgress(p);
      console.log(`  ${last}`);
    },
  });
  const rebuildSeconds = (performance.now() - rebuildStart) / 1000;
  console.log(`REBUILD: ${result.applied.toLocaleString('en')} records replayed into fresh read models in ${rebuildSeconds.toFixed(1)} s (${Math.round(result.applied / rebuildSeconds).toLocaleString('en')} records/s)`);

  const rebuilt = new DataSource(serviceDataSourceOptions({ databaseUrl: rebuiltUrl, entities: ANALYTICS_ENTITIES, migrations: ANALYTICS_MIGRATIONS }));
  await rebuilt.initialize();
  const digest = (db: DataSource) =>
    db.query(
      `SELECT (SELECT md5(string_agg(d::text, ',' ORDER BY engineer_id, work_date)) FROM engineer_day d) AS days,
              (SELECT md5(string_agg(t::text, ',' ORDER BY time_entry_id)) FROM time_entry t) AS entries,
              (SELECT md5(string_agg(t::text, ',' ORDER BY task_id)) FROM task t) AS tasks,
              (SELECT md5(string_agg(c::text, ',' ORDER BY customer_id)) FROM customer_tasks c
                WHERE tasks <> 0 OR open_tasks <> 0 OR done_tasks <> 0 OR dated_open_tasks <> 0 OR pending_commitments <> 0) AS customer_tasks,
              (SELECT md5(string_agg(o::text, ',' ORDER BY owner)) FROM owner_tasks o WHERE tasks <> 0 OR open_tasks <> 0 OR done_tasks <> 0 OR dated_open_tasks <> 0) AS owner_tasks,
              (SELECT md5(string_agg(q::text, ',' ORDER BY owner, due_date)) FROM owner_due_day q WHERE open_tasks <> 0 OR unbooked_tasks <> 0) AS owner_due_days,
              (SELECT md5(string_agg(q::text, ',' ORDER BY customer_id, region, due_date)) FROM task_due_day q WHERE open_tasks <> 0 OR unbooked_tasks <> 0) AS due_days,
              (SELECT md5(string_agg(m::text, ',' ORDER BY customer_id, month)) FROM customer_month m
                WHERE billable_hours <> 0 OR non_billable_hours <> 0 OR visits_completed <> 0) AS customer_months`,
    );
  const [a] = await digest(live);
  const [b] = await digest(rebuilt);
  console.log(`rebuilt equals incremental: ${JSON.stringify(a) === JSON.stringify(b)}`);
  await rebuilt.destroy();
  await live.destroy();

  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: physical }).catch(() => undefined);
  await admin.deleteGroups([`${prefix}analytics`]).catch(() => undefined);
  await admin.disconnect();
  await dropDatabase(liveUrl);
  await dropDatabase(rebuiltUrl);
}

await main();
process.exit(0);
