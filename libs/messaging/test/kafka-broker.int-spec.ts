/**
 * kafkajs is frozen since 2023 and Kafka 4 removed old protocol versions: this
 * proves, against the broker the project runs, that produce, consume, consumer
 * groups, offset commits and every compression codec still work.
 */
import { randomUUID } from 'node:crypto';
import { CompressionTypes, type Consumer } from 'kafkajs';
import { createKafka, ensureTopics } from '#messaging';
import { eventually, testInfrastructure } from '#testing';

const kafka = createKafka({ brokers: testInfrastructure().kafkaBrokers.split(','), clientId: 'broker-compat-test' });
const topic = `compat-${randomUUID().slice(0, 8)}`;
const groupId = `compat-group-${randomUUID().slice(0, 8)}`;

async function consumeInGroup(expected: number): Promise<{ consumer: Consumer; seen: { key: string; value: string; partition: number }[] }> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const seen: { key: string; value: string; partition: number }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      seen.push({ key: message.key!.toString(), value: message.value!.toString(), partition });
      await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
    },
  });
  await eventually(() => seen.length >= expected, { what: `${expected} messages`, timeoutMs: 30_000 });
  return { consumer, seen };
}

describe('the Kafka broker with kafkajs', () => {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });

  beforeAll(async () => {
    await ensureTopics(kafka, [topic], 3);
    await producer.connect();
  });
  afterAll(async () => {
    await producer.disconnect();
  });

  it('creates topics with the partitions asked for (auto-creation is off)', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    const missing = `missing-${randomUUID().slice(0, 8)}`;
    await expect(admin.fetchTopicMetadata({ topics: [missing] })).rejects.toThrow();
    expect(await admin.listTopics()).not.toContain(missing);
    await admin.disconnect();
    expect(metadata.topics[0].partitions).toHaveLength(3);
  });

  it('keeps per-key order, commits offsets, and resumes a group where it left off', async () => {
    const keys = ['SO-1', 'SO-2', 'SO-3', 'SO-4'];
    await producer.send({ topic, messages: keys.flatMap((key) => [1, 2, 3].map((n) => ({ key, value: `${key}#${n}` }))) });
    const first = await consumeInGroup(12);
    for (const key of keys) {
      const values = first.seen.filter((m) => m.key === key);
      expect(values.map((m) => m.value)).toEqual([`${key}#1`, `${key}#2`, `${key}#3`]);
      expect(new Set(values.map((m) => m.partition)).size).toBe(1);
    }
    await first.consumer.disconnect();

    const admin = kafka.admin();
    await admin.connect();
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    await admin.disconnect();
    expect(committed[0].partitions.reduce((sum, p) => sum + Number(p.offset), 0)).toBe(12);

    await producer.send({ topic, messages: [{ key: 'SO-9', value: 'after-restart' }] });
    const second = await consumeInGroup(1);
    await second.consumer.disconnect();
    expect(second.seen.map((m) => m.value)).toEqual(['after-restart']);
  });

  it.each([
    ['gzip', CompressionTypes.GZIP],
    ['snappy', CompressionTypes.Snappy],
    ['lz4', CompressionTypes.LZ4],
    ['zstd', CompressionTypes.ZSTD],
  ])('round-trips a %s-compressed batch', async (name, compression) => {
    const codecTopic = `${topic}-${name}`;
    await ensureTopics(kafka, [codecTopic], 1);
    const body = JSON.stringify({ codec: name, padding: 'x'.repeat(2000) });
    await producer.send({ topic: codecTopic, compression, messages: [{ key: 'k', value: body }, { key: 'k', value: body }] });
    const consumer = kafka.consumer({ groupId: `${groupId}-${name}`, maxWaitTimeInMs: 100 });
    const values: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: codecTopic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value!.toString()) });
    await eventually(() => values.length === 2, { what: `${name} messages` });
    await consumer.disconnect();
    expect(values).toEqual([body, body]);
  });
});
