import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testKafkaEnv } from './jest-global-setup.mjs';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default async function globalTeardown() {
  for (const container of globalThis.__serviceloopContainers ?? []) await container.stop().catch(() => undefined);
  if (process.env.SERVICELOOP_TEST_STARTED_KAFKA === '1' && process.env.KEEP_TEST_KAFKA !== '1') {
    await run('bash', [path.join(repoRoot, 'scripts/kafka.sh'), 'stop'], { env: testKafkaEnv() }).catch(() => undefined);
  }
}
