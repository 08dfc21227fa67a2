import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { loadServiceConfig, Metrics } from '#platform';
import { MessagingMetrics } from './messaging-metrics.js';
import { TopicNames } from './topic-names.js';

const config = loadServiceConfig(
  { serviceName: 'service-commitments', httpPort: 3001, databaseName: 'serviceloop_service_commitments' },
  { KAFKA_BROKERS: 'broker:9092', KAFKA_TOPIC_PREFIX: 't1.', KAFKA_CONSUMER_GROUP: 'group-1', DATABASE_URL: 'postgres://x@127.0.0.1:1/none' },
);

/** A broker as the admin client sees it: high watermarks, the group's committed offsets, and whether it answers. */
class FakeBroker {
  high = new Map<number, number>([[0, 10], [1, 4]]);
  committed = new Map<number, number>([[0, 7], [1, -1]]);
  hangs = false;
  calls = 0;

  admin() {
    const answer = <T>(value: () => T): Promise<T> => (this.hangs ? new Promise<T>(() => undefined) : Promise.resolve(value()));
    return {
      connect: () => answer(() => undefined),
      disconnect: () => Promise.resolve(),
      listTopics: () => answer(() => (this.calls++, ['t1.erp.sales-orders', 't1.other'])),
      fetchTopicOffsets: (topic: string) =>
        answer(() => (topic === 't1.erp.sales-orders' ? [...this.high].map(([partition, high]) => ({ partition, high: String(high), low: '0', offset: String(high) })) : [])),
      fetchOffsets: ({ groupId }: { groupId: string }) =>
        answer(() => {
          expect(groupId).toBe('group-1');
          return [{ topic: 't1.erp.sales-orders', partitions: [...this.committed].map(([partition, offset]) => ({ partition, offset: String(offset), metadata: null })) }];
        }),
    };
  }
}

function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('consumer lag on /metrics, measured against the broker at scrape time', () => {
  const dataSource = { query: async () => [{ count: '0' }] } as unknown as DataSource;

  function setUp() {
    const broker = new FakeBroker();
    const metrics = new Metrics(config);
    const messaging = new MessagingMetrics(metrics, dataSource, broker as unknown as Kafka, config, { consumes: ['erp.sales-orders'], produces: [] }, new TopicNames(config));
    return { broker, metrics, messaging };
  }

  it("is the high watermark minus the group's committed offset (nothing committed: from the start), per partition", async () => {
    const { metrics } = setUp();
    const text = await metrics.registry.metrics();
    expect(sample(text, 'serviceloop_consumer_lag', 'partition="0"')).toBe(3);
    expect(sample(text, 'serviceloop_consumer_lag', 'partition="1"')).toBe(4);
    expect(sample(text, 'serviceloop_consumer_lag_measured_at_seconds')).toBeGreaterThan(Date.now() / 1000 - 5);
  });

  it('reuses a measurement for a few seconds, then measures afresh (a stalled consumer shows its lag growing)', async () => {
    const { broker, metrics, messaging } = setUp();
    messaging.lagCacheMs = 1000; // long enough that a loaded machine scrapes twice within it
    await metrics.registry.metrics();
    broker.high.set(0, 25);
    expect(sample(await metrics.registry.metrics(), 'serviceloop_consumer_lag', 'partition="0"')).toBe(3);
    expect(broker.calls).toBe(1);
    await new Promise((r) => setTimeout(r, 1050));
    expect(sample(await metrics.registry.metrics(), 'serviceloop_consumer_lag', 'partition="0"')).toBe(18);
    expect(broker.calls).toBe(2);
  });

  it('does not hang when the broker does not answer: keeps the last values and counts the failure', async () => {
    const { broker, metrics, messaging } = setUp();
    messaging.lagCacheMs = 0;
    messaging.lagTimeoutMs = 300;
    const first = await metrics.registry.metrics();
    const measuredAt = sample(first, 'serviceloop_consumer_lag_measured_at_seconds');
    broker.hangs = true;
    broker.high.set(0, 99);
    const text = await metrics.registry.metrics(); // the broker never answers: this returns only by the timeout
    expect(sample(text, 'serviceloop_consumer_lag', 'partition="0"')).toBe(3);
    expect(sample(text, 'serviceloop_consumer_lag_measure_failures_total')).toBe(1);
    expect(sample(text, 'serviceloop_consumer_lag_measured_at_seconds')).toBe(measuredAt);
    broker.hangs = false;
    expect(sample(await metrics.registry.metrics(), 'serviceloop_consumer_lag', 'partition="0"')).toBe(92);
  });

  it('shows what the consumer saw handling a record when that is newer than the cached measurement', async () => {
    const { broker, metrics, messaging } = setUp();
    await metrics.registry.metrics();
    await new Promise((r) => setTimeout(r, 5));
    broker.committed.set(0, 10);
    messaging.recordLag('erp.sales-orders', 0, '10', '9');
    expect(sample(await metrics.registry.metrics(), 'serviceloop_consumer_lag', 'partition="0"')).toBe(0);
    expect(broker.calls).toBe(1);
  });
});
