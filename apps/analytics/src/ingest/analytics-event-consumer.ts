import { Inject, Injectable } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { createKafka, ensureTopics } from '#messaging';
import { SERVICE_CONFIG, type ServiceConfig } from '#platform';
import { ANALYTICS_TOPICS } from './analytics-topics.js';
import { EventLogReader } from './event-log-reader.js';
import { IngestMetrics } from './ingest-metrics.js';

/**
 * The service's event consumer, plugged in like the other services' transport.
 * Analytics does not use the shared per-record transport: it applies whole
 * fetched batches in one transaction with the partition position (see
 * EventLogReader), which is what makes a million events an affair of seconds.
 */
@Injectable()
export class AnalyticsEventConsumer extends Server implements CustomTransportStrategy {
  private reader?: EventLogReader;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly dataSource: DataSource,
    private readonly metrics: IngestMetrics,
  ) {
    super();
  }

  get isConnected(): boolean {
    return this.reader?.isRunning ?? false;
  }

  on(): void {
    // kafkajs instrumentation events are not re-exposed.
  }

  unwrap<T>(): T {
    return this.reader as T;
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    try {
      const kafka = createKafka(this.config.kafka);
      const physical = ANALYTICS_TOPICS.map((t) => `${this.config.topicPrefix}${t}`);
      await ensureTopics(kafka, physical, this.config.topicPartitions);
      this.reader = new EventLogReader({
        kafka,
        dataSource: this.dataSource,
        topics: physical,
        logical: (name) => (name.startsWith(this.config.topicPrefix) ? name.slice(this.config.topicPrefix.length) : name),
        groupId: this.config.consumerGroup,
        sessionTimeoutMs: this.config.sessionTimeoutMs,
        metrics: this.metrics,
      });
      await this.reader.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.reader?.stop();
  }
}
