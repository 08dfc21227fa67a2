import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { isTransientInfrastructureError } from '#persistence';
import { PRIMARY_KEYS, type TableName } from './batch-state.js';
import { applyRecords, lockPosition, savePosition, saveRejections, type BatchOutcome, type ColumnCatalog, type LogRecord } from './projector.js';

export interface EventLogReaderOptions {
  kafka: Kafka;
  dataSource: DataSource;
  /** Physical topic names to read. */
  topics: string[];
  /** Physical → logical topic name (positions and rejections keep logical names). */
  logical: (physical: string) => string;
  groupId: string;
  sessionTimeoutMs?: number;
  /** Called after every committed batch (progress of a rebuild, tests). */
  onBatch?: (topic: string, partition: number, nextOffset: bigint, outcome: BatchOutcome) => void;
  /** Told what each committed transaction did, for /metrics (the service's IngestMetrics; a rebuild has none). */
  metrics?: ReaderMetrics;
}

/**
 * What the reader reports for /metrics. Each call follows the commit of the
 * transaction it describes, so a batch rolled back (and applied again record by
 * record) is counted once; nothing here touches the database.
 */
export interface ReaderMetrics {
  /**
   * A committed run of a partition's records: applied, ignored and rejected (see
   * BatchOutcome), and `duplicates` skipped because they lie before the stored
   * position (a redelivery of records already applied).
   */
  recordBatch(topic: string, outcome: BatchOutcome, duplicates: number): void;
  /** The partition's stored position after a commit, and the partition's end as of the fetch. */
  recordPosition(topic: string, partition: number, highWatermark: string, nextOffset: bigint): void;
  /** A transaction retried after a database or broker fault. */
  recordRetry(topic: string): void;
}

const NOTHING_APPLIED: BatchOutcome = Object.freeze({ applied: 0, ignored: 0, rejected: 0, rejectedCodes: [] });

type Committed = { seek: true } | { seek: false; nextOffset: bigint; duplicates: number; outcome?: BatchOutcome };

/**
 * Reads analytics' topics and applies them to the read models, one database
 * transaction per fetched batch of a partition. The database, not the consumer
 * group, holds the truth of how far each partition is applied
 * (`consumer_position`, written in the batch's transaction): records before the
 * position are skipped (a redelivery), and when the group would start past it
 * (a freshly rebuilt or restored database) the reader seeks back to it.
 * Partitions are applied one at a time, so two batches never race on a row.
 */
export class EventLogReader {
  private readonly log = new Logger(EventLogReader.name);
  private consumer?: Consumer;
  private stopped = false;
  private readonly columns: ColumnCatalog;
  /** Partitions already sought back to their stored position in this assignment. */
  private readonly sought = new Set<string>();
  private running = false;

  constructor(private readonly options: EventLogReaderOptions) {
    this.columns = columnCatalog(options.dataSource);
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    const { kafka, topics, groupId } = this.options;
    const sessionTimeout = this.options.sessionTimeoutMs ?? 30_000;
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout,
      heartbeatInterval: Math.max(500, Math.floor(sessionTimeout / 10)),
      maxWaitTimeInMs: 200,
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxBytes: 16 * 1024 * 1024,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    consumer.on(consumer.events.GROUP_JOIN, () => this.sought.clear());
    consumer.on(consumer.events.CRASH, (e) => {
      const error = (e.payload.error as Error)?.message;
      // kafkajs restarts the consumer itself after a retriable error (a broker starting, a rebalance).
      if (e.payload.restart) this.log.warn({ msg: 'consumer crashed; kafkajs restarts it', error });
      else this.log.error({ msg: 'consumer crashed', error });
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.consumeBatch(payload),
    });
    this.running = true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.running = false;
    await this.consumer?.disconnect().catch(() => undefined);
  }

  private async consumeBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, heartbeat, isRunning, isStale } = payload;
    if (batch.messages.length === 0 || this.stopped || !isRunning() || isStale()) return;
    const topic = this.options.logical(batch.topic);
    const records: LogRecord[] = batch.messages.map((m) => ({
      topic,
      partition: batch.partition,
      offset: m.offset,
      value: m.value,
      headers: m.headers ?? {},
    }));
    const first = BigInt(records[0]!.offset);
    const last = BigInt(records[records.length - 1]!.offset);
    let result: 'seek' | 'done';
    try {
      result = await this.withRetry(topic, () => this.applyBatch(topic, batch.partition, records, first, last, batch.highWatermark), heartbeat);
    } catch (error) {
      if (this.stopped) return;
      // A record the projection cannot apply must not stop the partition: apply one by one, reject the culprit.
      this.log.error({ msg: 'batch failed; applying record by record', topic, partition: batch.partition, error: (error as Error).message });
      result = 'done';
      for (const record of records) {
        const offset = BigInt(record.offset);
        try {
          const one = await this.withRetry(topic, () => this.applyBatch(topic, batch.partition, [record], offset, offset, batch.highWatermark), heartbeat);
          if (one === 'seek') {
            result = 'seek';
            break;
          }
        } catch (failure) {
          await this.withRetry(topic, () => this.rejectRecord(record, (failure as Error).message || String(failure), batch.highWatermark), heartbeat);
        }
      }
    }
    if (result === 'seek') {
      const position = await this.storedPosition(topic, batch.partition);
      this.log.log({ msg: 'seeking to the stored position', topic, partition: batch.partition, position: position.toString() });
      this.consumer!.seek({ topic: batch.topic, partition: batch.partition, offset: position.toString() });
      return;
    }
    payload.resolveOffset(batch.messages[batch.messages.length - 1]!.offset);
    // The group's offset only helps monitoring (lag); the stored position is what counts.
    await this.consumer!.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (last + 1n).toString() }]).catch(() => undefined);
    await heartbeat();
  }

  private async applyBatch(topic: string, partition: number, records: LogRecord[], first: bigint, last: bigint, highWatermark: string): Promise<'seek' | 'done'> {
    const result = await this.options.dataSource.transaction(async (tx): Promise<Committed> => {
      const position = await lockPosition(tx, topic, partition);
      const key = `${topic}:${partition}`;
      if (position < first && !this.sought.has(key)) {
        this.sought.add(key);
        return { seek: true };
      }
      this.sought.add(key);
      const fresh = records.filter((r) => BigInt(r.offset) >= position);
      // Those before the position were applied before: this is a redelivery of them.
      const duplicates = records.length - fresh.length;
      if (fresh.length === 0) return { seek: false, nextOffset: position, duplicates };
      const outcome = await applyRecords(tx, fresh, this.columns);
      await savePosition(tx, topic, partition, last + 1n);
      return { seek: false, nextOffset: last + 1n, duplicates, outcome };
    });
    if (result.seek) return 'seek';
    // Reported once committed: a rebuild may stop as soon as the last partition reaches its end.
    if (result.outcome) this.options.onBatch?.(topic, partition, last + 1n, result.outcome);
    this.options.metrics?.recordBatch(topic, result.outcome ?? NOTHING_APPLIED, result.duplicates);
    this.options.metrics?.recordPosition(topic, partition, highWatermark, result.nextOffset);
    return 'done';
  }

  private async rejectRecord(record: LogRecord, reason: string, highWatermark: string): Promise<void> {
    const offset = BigInt(record.offset);
    const committed = await this.options.dataSource.transaction(async (tx): Promise<{ rejected: boolean; nextOffset: bigint }> => {
      const position = await lockPosition(tx, record.topic, record.partition);
      if (offset < position) return { rejected: false, nextOffset: position };
      await saveRejections(tx, [{ record, code: 'PROCESSING_FAILED', reason }]);
      await savePosition(tx, record.topic, record.partition, offset + 1n);
      return { rejected: true, nextOffset: offset + 1n };
    });
    const rejected: BatchOutcome = { ...NOTHING_APPLIED, rejected: 1, rejectedCodes: ['PROCESSING_FAILED'] };
    this.options.metrics?.recordBatch(record.topic, committed.rejected ? rejected : NOTHING_APPLIED, committed.rejected ? 0 : 1);
    this.options.metrics?.recordPosition(record.topic, record.partition, highWatermark, committed.nextOffset);
  }

  private async storedPosition(topic: string, partition: number): Promise<bigint> {
    return this.options.dataSource.transaction((tx) => lockPosition(tx, topic, partition));
  }

  /** Infrastructure faults (and deadlocks) are retried without limit; the partition waits. */
  private async withRetry<T>(topic: string, work: () => Promise<T>, heartbeat: () => Promise<void>): Promise<T> {
    let delay = 100;
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (this.stopped || !isTransientInfrastructureError(error)) throw error;
        this.options.metrics?.recordRetry(topic);
        this.log.warn({ msg: 'batch failed; retrying', error: (error as Error).message, retryInMs: delay });
        await new Promise((r) => setTimeout(r, delay));
        await heartbeat().catch(() => undefined);
        delay = Math.min(delay * 2, 5000);
      }
    }
  }
}

export function columnCatalog(dataSource: DataSource): ColumnCatalog {
  const catalog = {} as ColumnCatalog;
  for (const table of Object.keys(PRIMARY_KEYS) as TableName[]) {
    const metadata = dataSource.entityMetadatas.find((m) => m.tableName === table);
    if (!metadata) throw new Error(`no entity for read model table ${table}`);
    catalog[table] = metadata.columns.map((c) => c.databaseName);
  }
  return catalog;
}
