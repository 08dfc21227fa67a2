import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Gauge, type Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import { Metrics, SERVICE_CONFIG, type ServiceConfig } from '#platform';
import { committedOffsets, ConsumerLag } from './consumer-lag.js';
import { eventCounters } from './event-counters.js';
import { KAFKA, MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';
import { TopicNames } from './topic-names.js';

/**
 * What the event transport counts, in this service's Prometheus registry. The
 * backlog gauges (outbox, parked, dead letters) are read from the database at
 * scrape time, so every instance reports the service's true numbers. Consumer
 * lag is measured against the broker at scrape time too (the partitions' high
 * watermarks against the consumer group's committed offsets), so a stalled
 * consumer shows its growing lag; a measurement is reused for LAG_CACHE_MS, and
 * one the broker does not answer within LAG_TIMEOUT_MS leaves the last values,
 * which `serviceloop_consumer_lag_measured_at_seconds` and
 * `serviceloop_consumer_lag_measure_failures_total` then tell (see ConsumerLag,
 * which analytics' own reader shares).
 */
@Injectable()
export class MessagingMetrics implements OnApplicationShutdown {
  private readonly logger = new Logger(MessagingMetrics.name);
  private readonly consumed: Counter<'topic' | 'outcome'>;
  private readonly failed: Counter<'topic' | 'reason_code'>;
  private readonly retried: Counter<'topic'>;
  private readonly lag: ConsumerLag;

  constructor(
    metrics: Metrics,
    dataSource: DataSource,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    topics: TopicNames,
  ) {
    const registers = [metrics.registry];
    ({ consumed: this.consumed, failed: this.failed, retried: this.retried } = eventCounters(registers, {
      consumed: 'Records taken off a topic, by outcome (applied, duplicate, ignored, parked, dead_lettered)',
      failed: 'Records dead-lettered, by reason code: refused by the consumer, or held past the parking timeout (ORDER_NOT_FOUND)',
    }));
    this.lag = new ConsumerLag({
      registers,
      kafka,
      topics: options.consumes,
      physical: (topic) => topics.physical(topic),
      positions: committedOffsets(config.consumerGroup),
      lagHelp: "Records behind the partition end: the broker's high watermark minus the consumer group's committed offset, measured at scrape time (cached a few seconds)",
      logger: this.logger,
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
    this.lag.recordHandled(topic, partition, Number(highWatermark) - Number(offset) - 1);
  }

  /** How long a lag measurement is reused (tests shorten it). */
  get lagCacheMs(): number {
    return this.lag.cacheMs;
  }
  set lagCacheMs(ms: number) {
    this.lag.cacheMs = ms;
  }

  /** How long the broker gets to answer a lag measurement (tests shorten it). */
  get lagTimeoutMs(): number {
    return this.lag.timeoutMs;
  }
  set lagTimeoutMs(ms: number) {
    this.lag.timeoutMs = ms;
  }

  /** Measures lag against the broker unless a measurement is younger than lagCacheMs; never throws, never waits longer than lagTimeoutMs. */
  measureLag(): Promise<void> {
    return this.lag.measure();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.lag.stop();
  }
}
