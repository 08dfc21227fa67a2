import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Gauge, type Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { ConsumerLag, createKafka, eventCounters, lagKey, type LagKey } from '#messaging';
import { Metrics, SERVICE_CONFIG, type ServiceConfig } from '#platform';
import { ANALYTICS_TOPICS } from './analytics-topics.js';
import type { ReaderMetrics } from './event-log-reader.js';
import { READ_MODEL, type BatchOutcome } from './projector.js';

/**
 * What analytics' reader counts, under the names the other services' event
 * transport uses (MessagingMetrics), so the same dashboards and alert rules read
 * both. Counting happens in memory after each committed batch; the gauges read
 * the database only when scraped. Consumer lag is the partition's high watermark
 * minus the stored position (`consumer_position`), which is analytics' truth; the
 * consumer group's offset is only a mirror of it and may lag or lead it (after a
 * rebuild). Its measurement shares ConsumerLag with the transport: cached for a
 * few seconds, given up after a timeout.
 *
 * Analytics has no outbox, parking lot or dead-letter topic, so it exposes no
 * `serviceloop_outbox_*`, `serviceloop_parked_*` or `serviceloop_dead_letters`.
 * What it cannot read it keeps in `rejected_event`: counted by
 * `serviceloop_rejected_events`, not as dead letters, because nothing replays
 * them (a rebuild reads the same records and rejects them again).
 */
@Injectable()
export class IngestMetrics implements ReaderMetrics, OnApplicationShutdown {
  private readonly logger = new Logger(IngestMetrics.name);
  private readonly consumed: Counter<'topic' | 'outcome'>;
  private readonly failed: Counter<'topic' | 'reason_code'>;
  private readonly retried: Counter<'topic'>;
  private readonly lag: ConsumerLag;

  constructor(metrics: Metrics, dataSource: DataSource, @Inject(SERVICE_CONFIG) config: ServiceConfig) {
    const registers = [metrics.registry];
    ({ consumed: this.consumed, failed: this.failed, retried: this.retried } = eventCounters(registers, {
      consumed:
        'Records taken off a topic, by outcome (applied; duplicate: before the stored position, a redelivery; ignored: a type analytics does not read; rejected: kept in rejected_event)',
      failed: 'Records rejected (kept in rejected_event, not applied), by reason code',
    }));
    this.lag = new ConsumerLag({
      registers,
      kafka: createKafka(config.kafka),
      topics: ANALYTICS_TOPICS,
      physical: (topic) => `${config.topicPrefix}${topic}`,
      // One statement per measurement (not per scrape: measurements are cached).
      positions: async () => {
        const rows: { topic: string; partition: number; next_offset: string }[] = await dataSource.query(
          `SELECT topic, partition, next_offset FROM consumer_position WHERE read_model = $1`,
          [READ_MODEL],
        );
        return new Map<LagKey, string>(rows.map((r) => [lagKey(r.topic, r.partition), String(r.next_offset)]));
      },
      lagHelp:
        "Records behind the partition end: the broker's high watermark minus the read models' stored position (consumer_position), measured at scrape time (cached a few seconds)",
      logger: this.logger,
    });
    new Gauge({
      name: 'serviceloop_rejected_events',
      help: 'Records analytics could not read or apply, kept in rejected_event (GET /read-models/rejected-events); not dead letters: nothing replays them (-1: database unreachable)',
      registers,
      async collect() {
        // A scrape while the database is down must still answer (the health check says why).
        this.set(await dataSource.query(`SELECT count(*) AS value FROM rejected_event`).then((rows) => Number(rows[0].value), () => -1));
      },
    });
  }

  recordBatch(topic: string, outcome: BatchOutcome, duplicates: number): void {
    if (outcome.applied > 0) this.consumed.inc({ topic, outcome: 'applied' }, outcome.applied);
    if (outcome.ignored > 0) this.consumed.inc({ topic, outcome: 'ignored' }, outcome.ignored);
    if (duplicates > 0) this.consumed.inc({ topic, outcome: 'duplicate' }, duplicates);
    for (const code of outcome.rejectedCodes) {
      this.consumed.inc({ topic, outcome: 'rejected' });
      this.failed.inc({ topic, reason_code: code });
    }
  }

  recordPosition(topic: string, partition: number, highWatermark: string, nextOffset: bigint): void {
    this.lag.recordHandled(topic, partition, Number(highWatermark) - Number(nextOffset));
  }

  recordRetry(topic: string): void {
    this.retried.inc({ topic });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.lag.stop();
  }
}
