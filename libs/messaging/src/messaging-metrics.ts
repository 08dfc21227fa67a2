import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import type { Admin, Kafka } from 'kafkajs';
import { Metrics, SERVICE_CONFIG, type ServiceConfig } from '#platform';
import { KAFKA, MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';
import { TopicNames } from './topic-names.js';

/** A scrape reuses a lag measurement this young, so scrapes stay cheap. */
export const LAG_CACHE_MS = 5_000;
/** A measurement the broker does not answer within this is given up; the gauge keeps its last values. */
export const LAG_TIMEOUT_MS = 2_000;

type LagKey = `${string}\u0000${number}`;

/**
 * What the event transport counts, in this service's Prometheus registry. The
 * backlog gauges (outbox, parked, dead letters) are read from the database at
 * scrape time, so every instance reports the service's true numbers. Consumer
 * lag is measured against the broker at scrape time too (the partitions' high
 * watermarks against the consumer group's committed offsets), so a stalled
 * consumer shows its growing lag; a measurement is reused for LAG_CACHE_MS, and
 * one the broker does not answer within LAG_TIMEOUT_MS leaves the last values,
 * which `serviceloop_consumer_lag_measured_at_seconds` and
 * `serviceloop_consumer_lag_measure_failures_total` then tell.
 */
@Injectable()
export class MessagingMetrics implements OnApplicationShutdown {
  private readonly logger = new Logger(MessagingMetrics.name);
  private readonly consumed: Counter<'topic' | 'outcome'>;
  private readonly failed: Counter<'topic' | 'reason_code'>;
  private readonly retried: Counter<'topic'>;
  private readonly lag: Gauge<'topic' | 'partition'>;
  private readonly lagMeasuredAt: Gauge;
  private readonly lagFailures: Counter;
  /** Lag as of the last record this instance handled, and when: newer than the broker's measurement, it is shown instead. */
  private readonly handledLag = new Map<LagKey, { lag: number; at: number }>();
  private measured?: { at: number; lag: Map<LagKey, number> };
  private measuring?: Promise<void>;
  private admin?: Admin;
  private stopped = false;
  /** How long a measurement is reused, and how long the broker gets to answer (tests shorten them). */
  lagCacheMs = LAG_CACHE_MS;
  lagTimeoutMs = LAG_TIMEOUT_MS;

  constructor(
    metrics: Metrics,
    dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly topics: TopicNames,
  ) {
    const registers = [metrics.registry];
    this.consumed = new Counter({
      name: 'serviceloop_events_consumed_total',
      help: 'Records taken off a topic, by outcome (applied, duplicate, ignored, parked, dead_lettered)',
      labelNames: ['topic', 'outcome'],
      registers,
    });
    this.failed = new Counter({
      name: 'serviceloop_events_failed_total',
      help: 'Records dead-lettered, by reason code: refused by the consumer, or held past the parking timeout (ORDER_NOT_FOUND)',
      labelNames: ['topic', 'reason_code'],
      registers,
    });
    this.retried = new Counter({
      name: 'serviceloop_events_retried_total',
      help: 'Retries after infrastructure faults (database or broker unreachable)',
      labelNames: ['topic'],
      registers,
    });
    const self = this;
    // Each of the lag metrics waits for the same measurement, so one scrape shows them consistent.
    this.lagMeasuredAt = new Gauge({
      name: 'serviceloop_consumer_lag_measured_at_seconds',
      help: 'Unix time of the last successful consumer lag measurement against the broker (0: never)',
      registers,
      async collect() {
        await self.measureLag();
      },
    });
    this.lagFailures = new Counter({
      name: 'serviceloop_consumer_lag_measure_failures_total',
      help: 'Consumer lag measurements the broker did not answer in time (the lag gauge then keeps its last values)',
      registers,
      async collect() {
        await self.measureLag();
      },
    });
    this.lag = new Gauge({
      name: 'serviceloop_consumer_lag',
      help: "Records behind the partition end: the broker's high watermark minus the consumer group's committed offset, measured at scrape time (cached a few seconds)",
      labelNames: ['topic', 'partition'],
      registers,
      async collect() {
        await self.measureLag();
        for (const [key, value] of self.currentLag()) {
          const [topic, partition] = key.split('\u0000');
          this.set({ topic, partition }, value);
        }
      },
    });
    const valueOf = (sql: string) => async (): Promise<number> => Number((await dataSource.query(sql))[0].value);
    const fromDatabase = (name: string, help: string, sql: string) =>
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          // A scrape while the database is down must still answer (the health check says why).
          this.set(await valueOf(sql)().catch(() => -1));
        },
      });
    fromDatabase('serviceloop_outbox_backlog', 'Outbox events not yet published (-1: database unreachable)', 'SELECT count(*) AS value FROM outbox_event WHERE published_at IS NULL');
    // A backlog is normal under load; one whose oldest event keeps ageing is a relay that does not publish.
    fromDatabase(
      'serviceloop_outbox_oldest_age_seconds',
      'Seconds since the oldest outbox event not yet published was written (0: none waiting; -1: database unreachable)',
      'SELECT coalesce((SELECT extract(epoch FROM now() - created_at) FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT 1), 0) AS value',
    );
    fromDatabase('serviceloop_parked_events', 'Events held until their order or visit exists (-1: database unreachable)', 'SELECT count(*) AS value FROM parked_event WHERE released_at IS NULL');
    // Held events are dead-lettered ORDER_NOT_FOUND after PARKING_TIMEOUT_MS: their age warns before that.
    fromDatabase(
      'serviceloop_parked_event_oldest_age_seconds',
      'Seconds the oldest event still held has waited (0: none held; -1: database unreachable)',
      'SELECT coalesce(extract(epoch FROM now() - min(parked_at)), 0) AS value FROM parked_event WHERE released_at IS NULL',
    );
    fromDatabase('serviceloop_dead_letters', 'Dead letters not replayed (-1: database unreachable)', 'SELECT count(*) AS value FROM dead_letter WHERE replayed_at IS NULL');
  }

  recordOutcome(topic: string, outcome: string): void {
    this.consumed.inc({ topic, outcome });
  }

  recordDeadLetter(topic: string, reasonCode: string): void {
    this.consumed.inc({ topic, outcome: 'dead_lettered' });
    this.failed.inc({ topic, reason_code: reasonCode });
  }

  /** A held event nothing claimed in time, dead-lettered ORDER_NOT_FOUND (it was counted consumed when it was parked). */
  recordHeldEventExpired(topic: string): void {
    this.failed.inc({ topic, reason_code: 'ORDER_NOT_FOUND' });
  }

  recordRetry(topic: string): void {
    this.retried.inc({ topic });
  }

  /**
   * Lag as the transport saw it while handling a record. It is shown until the
   * broker is measured again, so a scrape right after the consumer caught up does
   * not show the cached measurement from before; a stalled consumer records
   * nothing, and the broker's measurement shows its lag.
   */
  recordLag(topic: string, partition: number, highWatermark: string, offset: string): void {
    this.handledLag.set(`${topic}\u0000${partition}`, { lag: Math.max(0, Number(highWatermark) - Number(offset) - 1), at: Date.now() });
  }

  /** Per partition, the fresher of the broker's measurement and what this instance saw handling records. */
  private currentLag(): Map<LagKey, number> {
    const lag = new Map<LagKey, number>(this.measured?.lag ?? []);
    for (const [key, handled] of this.handledLag) {
      if (!this.measured || handled.at > this.measured.at) lag.set(key, handled.lag);
    }
    return lag;
  }

  /** Measures lag against the broker unless a measurement is younger than lagCacheMs; never throws, never waits longer than lagTimeoutMs. */
  async measureLag(): Promise<void> {
    if (this.stopped || this.options.consumes.length === 0) return;
    if (this.measured && Date.now() - this.measured.at < this.lagCacheMs) return;
    // Concurrent scrapes share one measurement.
    this.measuring ??= this.measureWithTimeout().finally(() => {
      this.measuring = undefined;
    });
    await this.measuring;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.admin?.disconnect().catch(() => undefined);
  }

  private async measureWithTimeout(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const started = Date.now();
    try {
      const lag = await Promise.race([
        this.fetchLag(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the broker did not answer within ${this.lagTimeoutMs} ms`)), this.lagTimeoutMs);
        }),
      ]);
      this.measured = { at: started, lag };
      this.lagMeasuredAt.set(Date.now() / 1000);
    } catch (error) {
      this.lagFailures.inc();
      this.logger.warn({ msg: 'consumer lag not measured; /metrics keeps the last values', error: (error as Error).message });
      // Start afresh next time: a half-open connection would keep failing.
      const admin = this.admin;
      this.admin = undefined;
      void admin?.disconnect().catch(() => undefined);
    } finally {
      clearTimeout(timer);
    }
  }

  private async fetchLag(): Promise<Map<LagKey, number>> {
    this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
    const admin = this.admin;
    await admin.connect();
    // Only topics that exist (the consumer creates them when it starts); one metadata call, which also fails fast when the broker is away.
    const existing = new Set(await admin.listTopics());
    const logical = [...new Set(this.options.consumes)].filter((t) => existing.has(this.topics.physical(t)));
    const physical = logical.map((t) => this.topics.physical(t));
    if (physical.length === 0) return new Map();
    const [ends, committed] = await Promise.all([
      Promise.all(physical.map((topic) => admin.fetchTopicOffsets(topic))),
      admin.fetchOffsets({ groupId: this.config.consumerGroup, topics: physical }),
    ]);
    const committedOf = new Map<string, string>();
    for (const { topic, partitions } of committed) {
      for (const { partition, offset } of partitions) committedOf.set(`${topic}\u0000${partition}`, offset);
    }
    const lag = new Map<LagKey, number>();
    logical.forEach((topic, i) => {
      for (const { partition, high, low } of ends[i]) {
        const offset = committedOf.get(`${physical[i]}\u0000${partition}`) ?? '-1';
        // Nothing committed yet: the group starts at the beginning of what the partition keeps.
        const position = Number(offset) < 0 ? Number(low) : Number(offset);
        lag.set(`${topic}\u0000${partition}`, Math.max(0, Number(high) - position));
      }
    });
    return lag;
  }
}
