import { randomUUID } from 'node:crypto';
import { CompressionTypes, Kafka, logLevel, Partitioners, type IHeaders, type KafkaMessage } from 'kafkajs';
import { testInfrastructure } from './infrastructure.js';
import { eventually } from './eventually.js';

export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

export interface ReadRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  /** Each header's first value. */
  headers: Record<string, string>;
  /** Every value of each header, in order (a header may repeat). */
  headerValues: Record<string, string[]>;
}

/** Raw access to the test broker: produce exactly the bytes a test wants, read topics back. */
export class TestKafka {
  readonly kafka: Kafka;
  private producer = undefined as ReturnType<Kafka['producer']> | undefined;

  constructor(readonly topicPrefix: string) {
    this.kafka = new Kafka({ clientId: `test-${topicPrefix}`, brokers: testInfrastructure().kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  }

  topic(name: string): string {
    return `${this.topicPrefix}${name}`;
  }

  async produce(
    topic: string,
    messages: { key?: string | null; value: Buffer | string | null; headers?: IHeaders }[],
    compression: CompressionTypes = CompressionTypes.None,
  ): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
      await this.producer.connect();
    }
    await this.producer.send({ topic: this.topic(topic), messages, compression });
  }

  /** Reads every record currently on a topic (all partitions), from the beginning. */
  async readAll(topic: string): Promise<ReadRecord[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const physical = this.topic(topic);
      const offsets = await admin.fetchTopicOffsets(physical);
      const total = offsets.reduce((sum, p) => sum + (Number(p.high) - Number(p.low)), 0);
      if (total === 0) return [];
      const consumer = this.kafka.consumer({ groupId: `reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
      const records: ReadRecord[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic: physical, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic: t, partition, message }) => {
          records.push(toRead(t, partition, message));
        },
      });
      try {
        await eventually(() => records.length >= total, { timeoutMs: 20_000, what: `${total} records on ${physical}` });
      } finally {
        await consumer.disconnect();
      }
      return records;
    } finally {
      await admin.disconnect();
    }
  }

  /** Sum of lag of a consumer group over a topic. */
  async lag(groupId: string, topic: string): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const physical = this.topic(topic);
      const [ends, committed] = await Promise.all([
        admin.fetchTopicOffsets(physical),
        admin.fetchOffsets({ groupId, topics: [physical] }),
      ]);
      const committedByPartition = new Map(committed[0].partitions.map((p) => [p.partition, Number(p.offset)]));
      return ends.reduce((sum, p) => {
        const done = committedByPartition.get(p.partition) ?? -1;
        return sum + Number(p.high) - Math.max(done, Number(p.low));
      }, 0);
    } finally {
      await admin.disconnect();
    }
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
  }
}

function toRead(topic: string, partition: number, message: KafkaMessage): ReadRecord {
  const headers: Record<string, string> = {};
  const headerValues: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(message.headers ?? {})) {
    if (v === undefined) continue;
    headerValues[k] = (Array.isArray(v) ? v : [v]).map((one) => one.toString());
    headers[k] = headerValues[k][0];
  }
  return { topic, partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value, headers, headerValues };
}
