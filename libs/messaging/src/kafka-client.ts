import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { KafkaConnectionConfig } from '#platform';
import { registerCompressionCodecs } from './compression.js';
import { kafkaLogs } from './kafka-logs.js';
import { quietIdleRequestQueues } from './request-queue-timer.js';

/**
 * The kafkajs options for a validated connection config (see kafkaConfigFromEnv
 * in #platform): SASL/SCRAM credentials and TLS with an optional CA bundle.
 */
export function kafkaClientOptions(config: KafkaConnectionConfig, readFile: (file: string) => string = (file) => readFileSync(file, 'utf8')): KafkaConfig {
  const options: KafkaConfig = {
    clientId: config.clientId,
    brokers: config.brokers,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogs,
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5000 },
  };
  if (config.sasl) {
    const { mechanism, username, password } = config.sasl;
    options.sasl = { mechanism, username, password } as SASLOptions;
  }
  if (config.ssl) {
    options.ssl = {
      rejectUnauthorized: config.ssl.rejectUnauthorized,
      ...(config.ssl.caFile ? { ca: [readFile(config.ssl.caFile)] } : {}),
    };
  }
  return options;
}

/**
 * The one place that builds a kafkajs client, so the client library stays
 * behind this lib's own small interface.
 */
export function createKafka(config: KafkaConnectionConfig): Kafka {
  registerCompressionCodecs();
  quietIdleRequestQueues();
  return new Kafka(kafkaClientOptions(config));
}

/**
 * Topic auto-creation is off on the broker: every service creates the topics it
 * reads or writes, with enough partitions for several instances.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: partitions,
          replicationFactor: 1,
          // Event topics are the log analytics rebuilds from: keep them.
          configEntries: [{ name: 'retention.ms', value: '-1' }],
        })),
      });
    } catch (error) {
      // Another instance created it meanwhile.
      if (!/already exists/i.test(String((error as Error).message)) && (error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') {
        throw error;
      }
    }
  } finally {
    await admin.disconnect();
  }
}
