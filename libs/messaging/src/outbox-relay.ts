import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { SERVICE_CONFIG, type ServiceConfig } from '#platform';
import { KAFKA } from './messaging.options.js';
import { OUTBOX_CHANNEL } from './outbox.js';
import { TopicNames } from './topic-names.js';

const BATCH_SIZE = 500;
const IDLE_POLL_MS = 1000;
const STANDBY_POLL_MS = 2000;

/** Rows sent and being marked published: their ids, and the UPDATE's outcome (an error, or nothing). */
interface Marking {
  ids: string[];
  done: Promise<Error | undefined>;
}
const NOTHING_BEING_MARKED: Marking = { ids: [], done: Promise.resolve(undefined) };

interface PendingRow {
  id: string;
  topic: string;
  message_key: string | null;
  /** The event's JSON as the outbox keeps it (json: the text written): sent as it is, not parsed and written again here. */
  event: string;
  headers: Record<string, string>;
}

/**
 * Publishes the outbox in id order with an idempotent producer. Exactly one
 * instance of a service relays at a time: it holds a session advisory lock on a
 * dedicated connection, which PostgreSQL frees if that instance dies.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly lockKey: number;
  private producer?: Producer;
  private lockClient?: pg.Client;
  private running = false;
  private wake?: () => void;
  /** A notification came since the last publish began: look again before sleeping. */
  private notified = false;
  private loop?: Promise<void>;
  private published = 0;
  /** The last batch sent, being marked published meanwhile (its ids, and the UPDATE's outcome). */
  private marking: Marking = NOTHING_BEING_MARKED;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly topics: TopicNames,
  ) {
    this.lockKey = hashKey(`outbox-relay:${config.serviceName}`);
  }

  onApplicationBootstrap(): void {
    if (process.env.SERVICELOOP_OUTBOX_RELAY === 'off') return;
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    // A send blocked on a broker that is down must not hold shutdown forever.
    await Promise.race([this.loop, new Promise((r) => setTimeout(r, 5000).unref())]);
    await this.marking.done;
    await this.releaseLock();
    await this.producer?.disconnect().catch(() => undefined);
  }

  /** Events published by this instance since it started. */
  get publishedCount(): number {
    return this.published;
  }

  get isActive(): boolean {
    return !!this.lockClient;
  }

  private async run(): Promise<void> {
    let backoff = 200;
    while (this.running) {
      try {
        if (!this.lockClient && !(await this.acquireLock())) {
          await this.sleep(STANDBY_POLL_MS);
          continue;
        }
        const sent = await this.publishBatch();
        backoff = 200;
        if (sent < BATCH_SIZE) await this.sleep(IDLE_POLL_MS);
      } catch (error) {
        this.logger.warn({ msg: 'outbox relay failed; retrying', error: (error as Error).message, retryInMs: backoff });
        await this.releaseLock();
        this.notified = false; // a failure waits its backoff whatever arrived
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, 10_000);
      }
    }
  }

  private async acquireLock(): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.config.databaseUrl, connectionTimeoutMillis: 5000 });
    client.on('error', () => {
      // The connection dropped: the lock is gone with it.
      if (this.lockClient === client) this.lockClient = undefined;
      this.wake?.();
    });
    await client.connect();
    const { rows } = await client.query('SELECT pg_try_advisory_lock($1) AS locked', [this.lockKey]);
    if (!rows[0].locked) {
      await client.end().catch(() => undefined);
      return false;
    }
    client.on('notification', () => {
      // Remembered too: a notification during a publish must not wait for the idle poll.
      this.notified = true;
      this.wake?.();
    });
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.lockClient = client;
    this.logger.log({ msg: 'outbox relay active', service: this.config.serviceName });
    return true;
  }

  private async releaseLock(): Promise<void> {
    const client = this.lockClient;
    this.lockClient = undefined;
    await client?.end().catch(() => undefined);
  }

  /**
   * One round: the next rows, sent. Each round trip of a round runs beside the
   * others: the lock check, the read of the next rows and the marking of the
   * rows sent last round (the read leaves those out, as their UPDATE may not have
   * committed yet). Rows sent and not marked, if this instance dies, are sent
   * again by the next relay and found in the consumers' inbox.
   */
  private async publishBatch(): Promise<number> {
    this.notified = false;
    const marking = this.marking;
    const [, rows, markFailed] = await Promise.all([
      // Still holding the lock? A dead connection means another instance may relay now.
      this.lockClient!.query('SELECT 1'),
      this.dataSource.query(
        `SELECT id, topic, message_key, event::text AS event, headers FROM outbox_event
          WHERE published_at IS NULL AND id <> ALL($1::bigint[]) ORDER BY id LIMIT ${BATCH_SIZE}`,
        [marking.ids],
      ) as Promise<PendingRow[]>,
      marking.done,
    ]);
    this.marking = NOTHING_BEING_MARKED;
    if (markFailed) {
      // The rows sent last round are still unpublished: read again with them in, at once (not after a backoff: the
      // database answered just now). Sending what was read without them would put later rows before them.
      this.logger.warn({ msg: 'outbox rows sent but not marked published; they go out again', rows: marking.ids.length, error: markFailed.message });
      return this.publishBatch();
    }
    if (rows.length === 0) return 0;
    const producer = await this.ensureProducer();
    const byTopic = new Map<string, { key: string | null; value: string; headers: Record<string, string> }[]>();
    for (const row of rows) {
      const topic = this.topics.physical(row.topic);
      const messages = byTopic.get(topic) ?? [];
      messages.push({
        key: row.message_key,
        value: row.event,
        // As stored by the outbox: correlation-id, traceparent and tracestate of the cause.
        headers: { 'content-type': 'application/cloudevents+json', ...row.headers },
      });
      byTopic.set(topic, messages);
    }
    await producer.sendBatch({
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
    const ids = rows.map((r) => r.id);
    this.marking = {
      ids,
      done: this.dataSource.query('UPDATE outbox_event SET published_at = now() WHERE id = ANY($1::bigint[])', [ids]).then(
        () => undefined,
        (error: Error) => error,
      ),
    };
    this.published += rows.length;
    return rows.length;
  }

  private async ensureProducer(): Promise<Producer> {
    if (!this.producer) {
      // Idempotent: a retried send never duplicates or reorders within a partition.
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 10_000 },
      });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  private sleep(ms: number): Promise<void> {
    if (this.notified) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

/** A stable 32-bit key for PostgreSQL advisory locks. */
export function hashKey(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash;
}
