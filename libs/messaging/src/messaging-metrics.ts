import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { Metrics } from '#platform';

/**
 * What the event transport counts, in this service's Prometheus registry. The
 * backlog gauges (outbox, parked, dead letters) are read from the database at
 * scrape time, so every instance reports the service's true numbers.
 */
@Injectable()
export class MessagingMetrics {
  private readonly consumed: Counter<'topic' | 'outcome'>;
  private readonly failed: Counter<'topic' | 'reason_code'>;
  private readonly retried: Counter<'topic'>;
  private readonly lag: Gauge<'topic' | 'partition'>;

  constructor(metrics: Metrics, dataSource: DataSource) {
    const registers = [metrics.registry];
    this.consumed = new Counter({
      name: 'serviceloop_events_consumed_total',
      help: 'Records taken off a topic, by outcome (applied, duplicate, ignored, parked, dead_lettered)',
      labelNames: ['topic', 'outcome'],
      registers,
    });
    this.failed = new Counter({
      name: 'serviceloop_events_failed_total',
      help: 'Records dead-lettered, by reason code',
      labelNames: ['topic', 'reason_code'],
      registers,
    });
    this.retried = new Counter({
      name: 'serviceloop_events_retried_total',
      help: 'Retries after infrastructure faults (database or broker unreachable)',
      labelNames: ['topic'],
      registers,
    });
    this.lag = new Gauge({
      name: 'serviceloop_consumer_lag',
      help: 'Records behind the partition end, as of the last record this instance handled',
      labelNames: ['topic', 'partition'],
      registers,
    });
    const count = (sql: string) => async (): Promise<number> => Number((await dataSource.query(sql))[0].count);
    const fromDatabase = (name: string, help: string, sql: string) =>
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          // A scrape while the database is down must still answer (the health check says why).
          this.set(await count(sql)().catch(() => -1));
        },
      });
    fromDatabase('serviceloop_outbox_backlog', 'Outbox events not yet published (-1: database unreachable)', 'SELECT count(*) FROM outbox_event WHERE published_at IS NULL');
    fromDatabase('serviceloop_parked_events', 'Events held until their order or visit exists (-1: database unreachable)', 'SELECT count(*) FROM parked_event WHERE released_at IS NULL');
    fromDatabase('serviceloop_dead_letters', 'Dead letters not replayed (-1: database unreachable)', 'SELECT count(*) FROM dead_letter WHERE replayed_at IS NULL');
  }

  recordOutcome(topic: string, outcome: string): void {
    this.consumed.inc({ topic, outcome });
  }

  recordDeadLetter(topic: string, reasonCode: string): void {
    this.consumed.inc({ topic, outcome: 'dead_lettered' });
    this.failed.inc({ topic, reason_code: reasonCode });
  }

  recordRetry(topic: string): void {
    this.retried.inc({ topic });
  }

  recordLag(topic: string, partition: number, highWatermark: string, offset: string): void {
    this.lag.set({ topic, partition: String(partition) }, Math.max(0, Number(highWatermark) - Number(offset) - 1));
  }
}
