import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const run = promisify(execFile);
const LIB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The repository, whether this runs from source (tests) or from dist/ (benchmarks). */
export const REPO_ROOT = path.basename(LIB_ROOT) === 'dist' ? path.dirname(LIB_ROOT) : LIB_ROOT;

/** Where the test run's broker and database server are; set by the global setup (jest-global-setup.mjs). */
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

/** Restarts the run's broker (fault tests); only where the project's script started it. */
export async function restartTestKafka(): Promise<void> {
  const env = { ...process.env, KAFKA_PORT: String(TEST_KAFKA_PORT), KAFKA_DATA_DIR: path.join(REPO_ROOT, `.local/kafka-test-${TEST_KAFKA_PORT}`) };
  await run('bash', [path.join(REPO_ROOT, 'scripts/kafka.sh'), 'stop'], { env });
  await run('bash', [path.join(REPO_ROOT, 'scripts/kafka.sh'), 'start'], { env });
}
