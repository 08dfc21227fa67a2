import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createKafka, ensureTopics } from '#messaging';
import { ensureDatabase, runMigrationsLocked, serviceDataSourceOptions } from '#persistence';
import type { KafkaConnectionConfig } from '#platform';
import { ANALYTICS_ENTITIES, ANALYTICS_MIGRATIONS } from '../analytics.database.js';
import { READ_MODEL_TABLES } from '../read-models/read-model.entities.js';
import { ANALYTICS_TOPICS } from './analytics-topics.js';
import { EventLogReader } from './event-log-reader.js';

export interface RebuildOptions {
  databaseUrl: string;
  kafka: KafkaConnectionConfig;
  topicPrefix: string;
  topicPartitions: number;
  /** Called about once a second and at the end. */
  progress?: (p: RebuildProgress) => void;
  progressEveryMs?: number;
}

export interface RebuildProgress {
  applied: number;
  total: number;
  elapsedMs: number;
  done: boolean;
}

/**
 * Empties every read model (and the positions) of the database at
 * `databaseUrl`, creating and migrating it if needed, then replays the
 * analytics topics from offset 0 up to their ends as they were when the rebuild
 * started, with the same projection the service applies incrementally. Records
 * arriving meanwhile are applied too; the service, started on this database,
 * resumes from the stored positions.
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildProgress> {
  await ensureDatabase(options.databaseUrl);
  const dataSource = new DataSource(serviceDataSourceOptions({ databaseUrl: options.databaseUrl, entities: ANALYTICS_ENTITIES, migrations: ANALYTICS_MIGRATIONS }));
  await dataSource.initialize();
  const kafka = createKafka(options.kafka);
  const physical = ANALYTICS_TOPICS.map((t) => `${options.topicPrefix}${t}`);
  const started = Date.now();
  let reader: EventLogReader | undefined;
  try {
    await runMigrationsLocked(dataSource);
    await dataSource.query(`TRUNCATE ${READ_MODEL_TABLES.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY`);
    await ensureTopics(kafka, physical, options.topicPartitions);

    const admin = kafka.admin();
    await admin.connect();
    const targets = new Map<string, bigint>();
    let total = 0;
    try {
      for (const topic of physical) {
        for (const p of await admin.fetchTopicOffsets(topic)) {
          const logical = topic.slice(options.topicPrefix.length);
          if (BigInt(p.high) > BigInt(p.low)) targets.set(`${logical}:${p.partition}`, BigInt(p.high));
          total += Number(BigInt(p.high) - BigInt(p.low));
        }
      }
    } finally {
      await admin.disconnect();
    }

    let applied = 0;
    const reached = new Map<string, bigint>();
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const check = () => {
      for (const [key, high] of targets) if ((reached.get(key) ?? 0n) < high) return;
      finish();
    };
    const groupId = `analytics-rebuild-${randomUUID()}`;
    reader = new EventLogReader({
      kafka,
      dataSource,
      topics: physical,
      logical: (name) => name.slice(options.topicPrefix.length),
      groupId,
      onBatch: (topic, partition, next, outcome) => {
        applied += outcome.applied + outcome.ignored + outcome.rejected;
        reached.set(`${topic}:${partition}`, next);
        check();
      },
    });
    const timer = setInterval(
      () => options.progress?.({ applied, total, elapsedMs: Date.now() - started, done: false }),
      options.progressEveryMs ?? 1000,
    );
    try {
      check();
      await reader.start();
      await finished;
    } finally {
      clearInterval(timer);
      await reader.stop();
      const cleanup = kafka.admin();
      await cleanup.connect();
      await cleanup.deleteGroups([groupId]).catch(() => undefined);
      await cleanup.disconnect();
    }
    const result = { applied, total, elapsedMs: Date.now() - started, done: true };
    options.progress?.(result);
    return result;
  } finally {
    await dataSource.destroy();
  }
}

/** "1,234,567 / 2,000,000 records (61.7%), 48,210 records/s" */
export function describeProgress(p: RebuildProgress): string {
  const rate = p.elapsedMs > 0 ? Math.round((p.applied * 1000) / p.elapsedMs) : 0;
  const share = p.total > 0 ? ((100 * p.applied) / p.total).toFixed(1) : '100.0';
  return `${p.done ? 'rebuilt' : 'rebuilding'}: ${p.applied.toLocaleString('en')} / ${p.total.toLocaleString('en')} records (${share}%), ${rate.toLocaleString('en')} records/s, ${(p.elapsedMs / 1000).toFixed(1)} s`;
}
