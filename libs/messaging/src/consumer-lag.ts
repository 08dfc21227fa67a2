import { Logger } from '@nestjs/common';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Admin, Kafka } from 'kafkajs';

/** A scrape reuses a lag measurement this young, so scrapes stay cheap. */
export const LAG_CACHE_MS = 5_000;
/** A measurement the broker does not answer within this is given up; the gauge keeps its last values. */
export const LAG_TIMEOUT_MS = 2_000;

/** A topic partition: the logical topic name and the partition, joined by NUL. */
export type LagKey = `${string}\u0000${number}`;

export function lagKey(topic: string, partition: number): LagKey {
  return `${topic}\u0000${partition}`;
}

/** A topic the consumer reads: its logical name (the metric's `topic` label) and the broker's. */
export interface LagTopic {
  logical: string;
  physical: string;
}

/**
 * Where the consumer is in each partition of these topics: the offset of the next
 * record it will take, by `lagKey(logical, partition)`. A partition it has no
 * position for, or a negative one, counts from the start of what the partition keeps.
 */
export type ConsumerPositions = (admin: Admin, topics: readonly LagTopic[]) => Promise<Map<LagKey, string>>;

export interface ConsumerLagOptions {
  registers: Registry[];
  kafka: Kafka;
  /** Logical topics the consumer reads. */
  topics: readonly string[];
  physical: (logical: string) => string;
  positions: ConsumerPositions;
  /** Help of `serviceloop_consumer_lag`: what the position is, for this consumer. */
  lagHelp: string;
  logger: Logger;
}

/**
 * The consumer group's committed offsets as the positions: what a consumer whose
 * group offset is its truth (the shared event transport) has taken.
 */
export function committedOffsets(groupId: string): ConsumerPositions {
  return async (admin, topics) => {
    const logicalOf = new Map(topics.map((t) => [t.physical, t.logical]));
    const committed = await admin.fetchOffsets({ groupId, topics: topics.map((t) => t.physical) });
    const positions = new Map<LagKey, string>();
    for (const { topic, partitions } of committed) {
      for (const { partition, offset } of partitions) positions.set(lagKey(logicalOf.get(topic) ?? topic, partition), offset);
    }
    return positions;
  };
}

/**
 * Consumer lag on /metrics, measured against the broker at scrape time: per
 * partition, the high watermark minus the consumer's position, so a stalled
 * consumer shows its growing lag. A measurement is reused for `cacheMs`; one the
 * broker (or the positions' source) does not answer within `timeoutMs` leaves the
 * last values, which `serviceloop_consumer_lag_measured_at_seconds` and
 * `serviceloop_consumer_lag_measure_failures_total` then tell. What the consumer
 * saw while handling records (`recordHandled`) is shown when it is newer than the
 * measurement, so a scrape right after it caught up does not show the cached lag
 * from before. Shared by the event transport (MessagingMetrics) and analytics'
 * own reader, which differ only in where their position is kept.
 */
export class ConsumerLag {
  private readonly lag: Gauge<'topic' | 'partition'>;
  private readonly measuredAt: Gauge;
  private readonly failures: Counter;
  private readonly handled = new Map<LagKey, { lag: number; at: number }>();
  private measured?: { at: number; lag: Map<LagKey, number> };
  private measuring?: Promise<void>;
  private admin?: Admin;
  private stopped = false;
  /** How long a measurement is reused, and how long the broker gets to answer (tests shorten them). */
  cacheMs = LAG_CACHE_MS;
  timeoutMs = LAG_TIMEOUT_MS;

  constructor(private readonly options: ConsumerLagOptions) {
    const { registers } = options;
    const self = this;
    // Each of the lag metrics waits for the same measurement, so one scrape shows them consistent.
    this.measuredAt = new Gauge({
      name: 'serviceloop_consumer_lag_measured_at_seconds',
      help: 'Unix time of the last successful consumer lag measurement against the broker (0: never)',
      registers,
      async collect() {
        await self.measure();
      },
    });
    this.failures = new Counter({
      name: 'serviceloop_consumer_lag_measure_failures_total',
      help: 'Consumer lag measurements the broker did not answer in time (the lag gauge then keeps its last values)',
      registers,
      async collect() {
        await self.measure();
      },
    });
    this.lag = new Gauge({
      name: 'serviceloop_consumer_lag',
      help: options.lagHelp,
      labelNames: ['topic', 'partition'],
      registers,
      async collect() {
        await self.measure();
        for (const [key, value] of self.current()) {
          const [topic, partition] = key.split('\u0000');
          this.set({ topic, partition }, value);
        }
      },
    });
  }

  /** The lag of a partition as the consumer saw it when it last handled records there. */
  recordHandled(topic: string, partition: number, lag: number): void {
    this.handled.set(lagKey(topic, partition), { lag: Math.max(0, lag), at: Date.now() });
  }

  /** Measures lag against the broker unless a measurement is younger than cacheMs; never throws, never waits longer than timeoutMs. */
  async measure(): Promise<void> {
    if (this.stopped || this.options.topics.length === 0) return;
    if (this.measured && Date.now() - this.measured.at < this.cacheMs) return;
    // Concurrent scrapes share one measurement.
    this.measuring ??= this.measureWithTimeout().finally(() => {
      this.measuring = undefined;
    });
    await this.measuring;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.admin?.disconnect().catch(() => undefined);
  }

  /** Per partition, the fresher of the broker's measurement and what the consumer saw handling records. */
  private current(): Map<LagKey, number> {
    const lag = new Map<LagKey, number>(this.measured?.lag ?? []);
    for (const [key, handled] of this.handled) {
      if (!this.measured || handled.at > this.measured.at) lag.set(key, handled.lag);
    }
    return lag;
  }

  private async measureWithTimeout(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const started = Date.now();
    try {
      const lag = await Promise.race([
        this.fetchLag(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the broker did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
        }),
      ]);
      this.measured = { at: started, lag };
      this.measuredAt.set(Date.now() / 1000);
    } catch (error) {
      this.failures.inc();
      this.options.logger.warn({ msg: 'consumer lag not measured; /metrics keeps the last values', error: (error as Error).message });
      // Start afresh next time: a half-open connection would keep failing.
      const admin = this.admin;
      this.admin = undefined;
      void admin?.disconnect().catch(() => undefined);
    } finally {
      clearTimeout(timer);
    }
  }

  private async fetchLag(): Promise<Map<LagKey, number>> {
    this.admin ??= this.options.kafka.admin({ retry: { retries: 0 } });
    const admin = this.admin;
    await admin.connect();
    // Only topics that exist (the consumer creates them when it starts); one metadata call, which also fails fast when the broker is away.
    const existing = new Set(await admin.listTopics());
    const topics = [...new Set(this.options.topics)]
      .map((logical) => ({ logical, physical: this.options.physical(logical) }))
      .filter((t) => existing.has(t.physical));
    if (topics.length === 0) return new Map();
    const [ends, positions] = await Promise.all([
      Promise.all(topics.map((t) => admin.fetchTopicOffsets(t.physical))),
      this.options.positions(admin, topics),
    ]);
    const lag = new Map<LagKey, number>();
    topics.forEach(({ logical }, i) => {
      for (const { partition, high, low } of ends[i]) {
        const key = lagKey(logical, partition);
        const offset = positions.get(key) ?? '-1';
        // No position yet: the consumer starts at the beginning of what the partition keeps.
        const position = Number(offset) < 0 ? Number(low) : Number(offset);
        lag.set(key, Math.max(0, Number(high) - position));
      }
    });
    return lag;
  }
}
