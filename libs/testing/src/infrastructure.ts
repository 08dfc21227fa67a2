import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const run = promisify(execFile);
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the test run's broker and database server are; set by the global setup. */
export interface TestInfrastructure {
  kafkaBrokers: string;
  /** postgres:// URL of the server, without a database name. */
  postgresUrl: string;
  mode: 'testcontainers' | 'local';
}

export const TEST_KAFKA_PORT = Number(process.env.TEST_KAFKA_PORT || 19092);

export function testInfrastructure(): TestInfrastructure {
  return {
    kafkaBrokers: process.env.SERVICELOOP_TEST_KAFKA_BROKERS || `127.0.0.1:${TEST_KAFKA_PORT}`,
    postgresUrl: process.env.SERVICELOOP_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432',
    mode: (process.env.SERVICELOOP_TEST_INFRA_MODE as TestInfrastructure['mode']) || 'local',
  };
}

async function containerRuntimeAvailable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000)),
    ]);
    return true;
  } catch {
    return false;
  }
}

type Stoppable = { stop(): Promise<unknown> };
const started: Stoppable[] = [];

/**
 * One broker per test run: testcontainers where a container engine exists,
 * otherwise the project's own Kafka script on a test port with its own data folder.
 * PostgreSQL is the machine's server unless containers are available.
 */
export async function startTestInfrastructure(): Promise<TestInfrastructure> {
  if (process.env.SERVICELOOP_TEST_KAFKA_BROKERS) return testInfrastructure();
  if (process.env.SERVICELOOP_TEST_CONTAINERS !== 'off' && (await containerRuntimeAvailable())) {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const kafka = await new KafkaContainer('apache/kafka:4.1.1').withKraft().start();
    const postgres = await new PostgreSqlContainer('postgres:16').start();
    started.push(kafka, postgres);
    process.env.SERVICELOOP_TEST_KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
    process.env.SERVICELOOP_TEST_POSTGRES_URL = `postgres://${postgres.getUsername()}:${postgres.getPassword()}@${postgres.getHost()}:${postgres.getPort()}`;
    process.env.SERVICELOOP_TEST_INFRA_MODE = 'testcontainers';
    return testInfrastructure();
  }
  await run('bash', [path.join(REPO_ROOT, 'scripts/kafka.sh'), 'start'], {
    env: {
      ...process.env,
      KAFKA_PORT: String(TEST_KAFKA_PORT),
      KAFKA_DATA_DIR: path.join(REPO_ROOT, '.local/kafka-test'),
      KAFKA_RESET: '1',
    },
    maxBuffer: 10 * 1024 * 1024,
  });
  process.env.SERVICELOOP_TEST_KAFKA_BROKERS = `127.0.0.1:${TEST_KAFKA_PORT}`;
  process.env.SERVICELOOP_TEST_INFRA_MODE = 'local';
  process.env.SERVICELOOP_TEST_STARTED_KAFKA = '1';
  return testInfrastructure();
}

export async function stopTestInfrastructure(): Promise<void> {
  for (const container of started.splice(0)) await container.stop().catch(() => undefined);
  if (process.env.SERVICELOOP_TEST_STARTED_KAFKA === '1' && process.env.KEEP_TEST_KAFKA !== '1') {
    await run('bash', [path.join(REPO_ROOT, 'scripts/kafka.sh'), 'stop'], {
      env: { ...process.env, KAFKA_PORT: String(TEST_KAFKA_PORT), KAFKA_DATA_DIR: path.join(REPO_ROOT, '.local/kafka-test') },
    }).catch(() => undefined);
  }
}

/** Restarts the test broker (fault tests); local mode only. */
export async function restartTestKafka(): Promise<void> {
  const env = { ...process.env, KAFKA_PORT: String(TEST_KAFKA_PORT), KAFKA_DATA_DIR: path.join(REPO_ROOT, '.local/kafka-test') };
  await run('bash', [path.join(REPO_ROOT, 'scripts/kafka.sh'), 'stop'], { env });
  await run('bash', [path.join(REPO_ROOT, 'scripts/kafka.sh'), 'start'], { env });
}
