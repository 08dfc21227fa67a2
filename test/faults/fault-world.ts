/**
 * The fault suite's world: ServiceLoop's services as real OS processes on one
 * broker (each with its own database), billing twice in one consumer group and
 * behind a cuttable PostgreSQL proxy, and a seeded schedule of faults.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { devToken, type Role } from '#auth';
import { dropDatabase, ensureDatabase } from '#persistence';
import type { ServiceDefaults } from '#platform';
import { eventually, freePort, ServiceProcess, serviceProcessEnv, TcpProxy, testServiceConfig } from '#testing';

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RunningService {
  name: string;
  instance: string;
  port: number;
  process: ServiceProcess;
  databaseUrl: string;
  consumerGroup: string;
}

/** One service instance as a process; several instances of a service share its database and consumer group. */
export async function serviceInstance(
  defaults: ServiceDefaults,
  topicPrefix: string,
  suffix: string,
  instance: string,
  databaseUrlFor: (url: string) => string = (url) => url,
): Promise<RunningService> {
  const config = testServiceConfig(defaults, { suffix });
  const port = await freePort();
  await ensureDatabase(config.databaseUrl);
  const process = new ServiceProcess(
    defaults.serviceName,
    serviceProcessEnv(config, port, { DATABASE_URL: databaseUrlFor(config.databaseUrl), KAFKA_TOPIC_PREFIX: topicPrefix, KAFKA_TOPIC_PARTITIONS: '3' }),
  );
  return { name: defaults.serviceName, instance, port, process, databaseUrl: config.databaseUrl, consumerGroup: config.consumerGroup };
}

export async function dropServiceDatabases(services: RunningService[]): Promise<void> {
  for (const url of new Set(services.map((s) => s.databaseUrl))) await dropDatabase(url).catch(() => undefined);
}

/** A PostgreSQL URL that goes through the proxy instead of straight to the server. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(proxy.port);
  return parsed.toString();
}

const tokens = new Map<string, string>();
function tokenFor(roles: Role[], extra: Record<string, string> = {}): string {
  const key = JSON.stringify([roles, extra]);
  if (!tokens.has(key)) tokens.set(key, devToken({ subject: extra.subject ?? `fault-${roles.join('-')}`, roles, ...extra }));
  return tokens.get(key)!;
}

export interface HttpResult {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One HTTP call; connection failures (a killed service) come back as status 0. */
export async function call(port: number, method: string, path: string, roles: Role[], body?: unknown, extra: Record<string, string> = {}): Promise<HttpResult> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokenFor(roles, extra)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  } catch {
    return { status: 0, body: null };
  }
}

/**
 * Calls until the service answers with one of `accept` (a killed service is
 * restarted by the fault schedule meanwhile). A 5xx or no answer is retried;
 * anything else unexpected fails the run with the body.
 */
export async function until(what: string, attempt: () => Promise<HttpResult>, accept: number[], timeoutMs = 120_000): Promise<HttpResult> {
  return eventually(
    async () => {
      const result = await attempt();
      if (accept.includes(result.status)) return result;
      throw new Error(`HTTP ${result.status} ${JSON.stringify(result.body)?.slice(0, 300)}`);
    },
    { what, timeoutMs, intervalMs: 250 },
  );
}

export async function countRows(databaseUrl: string, sql: string, params: unknown[] = []): Promise<any[]> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export { randomUUID };
