// Jest's global setup (plain ESM: it runs outside the TypeScript transform).
// One broker per test run: testcontainers where a container engine exists,
// otherwise the project's own Kafka script on a test port with its own data folder.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const testKafkaPort = process.env.TEST_KAFKA_PORT || '19092';
export const testKafkaEnv = () => ({
  ...process.env,
  KAFKA_PORT: testKafkaPort,
  KAFKA_DATA_DIR: path.join(repoRoot, `.local/kafka-test-${testKafkaPort}`),
});

async function containerRuntimeAvailable() {
  if (process.env.SERVICELOOP_TEST_CONTAINERS === 'off') return false;
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

export default async function globalSetup() {
  const started = Date.now();
  // Service processes the tests spawn inherit this: tests poll faster than any client should.
  process.env.HTTP_RATE_LIMIT_PER_SECOND ??= '0';
  if (!process.env.SERVICELOOP_TEST_KAFKA_BROKERS) {
    if (await containerRuntimeAvailable()) {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const kafka = await new KafkaContainer('apache/kafka:4.1.1').withKraft().start();
      const postgres = await new PostgreSqlContainer('postgres:16').start();
      globalThis.__serviceloopContainers = [kafka, postgres];
      process.env.SERVICELOOP_TEST_KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
      process.env.SERVICELOOP_TEST_POSTGRES_URL = `postgres://${postgres.getUsername()}:${postgres.getPassword()}@${postgres.getHost()}:${postgres.getPort()}`;
      process.env.SERVICELOOP_TEST_INFRA_MODE = 'testcontainers';
    } else {
      await run('bash', [path.join(repoRoot, 'scripts/kafka.sh'), 'start'], {
        env: { ...testKafkaEnv(), KAFKA_RESET: '1' },
        maxBuffer: 10 * 1024 * 1024,
      });
      process.env.SERVICELOOP_TEST_KAFKA_BROKERS = `127.0.0.1:${testKafkaPort}`;
      process.env.SERVICELOOP_TEST_INFRA_MODE = 'local';
      process.env.SERVICELOOP_TEST_STARTED_KAFKA = '1';
    }
  }
  process.stdout.write(
    `\n[test harness] ${process.env.SERVICELOOP_TEST_INFRA_MODE ?? 'given'}: Kafka ${process.env.SERVICELOOP_TEST_KAFKA_BROKERS}` +
      ` (${Date.now() - started} ms)\n`,
  );
}
