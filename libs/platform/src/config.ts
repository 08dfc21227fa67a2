import { accessSync, constants } from 'node:fs';

/**
 * Service configuration is read from the environment once, at boot, into a typed
 * object. A bad value stops the service with a message that names the variable.
 */
export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`Configuration error: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

export interface KafkaConnectionConfig {
  brokers: string[];
  clientId: string;
  /** SASL/SCRAM, enabled when KAFKA_SASL_MECHANISM is set. */
  sasl?: { mechanism: 'scram-sha-256' | 'scram-sha-512' | 'plain'; username: string; password: string };
  /** TLS, enabled by KAFKA_SSL=true; KAFKA_SSL_CA_FILE optional. */
  ssl?: { caFile?: string; rejectUnauthorized: boolean };
}

export interface ServiceConfig {
  serviceName: string;
  httpHost: string;
  httpPort: number;
  databaseUrl: string;
  kafka: KafkaConnectionConfig;
  /** Consumer group of this service; instances of one service share it. */
  consumerGroup: string;
  /** Prefix for every topic name; lets test suites share one broker. */
  topicPrefix: string;
  /** Partitions for topics this service creates. */
  topicPartitions: number;
  /** Consumer session timeout: how soon a dead instance's partitions move to another. */
  sessionTimeoutMs: number;
  /** How long an event waits for its order before it is dead-lettered ORDER_NOT_FOUND. */
  parkingTimeoutMs: number;
  logFormat: 'json' | 'pretty';
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  http: HttpLimits;
  /**
   * The OpenAPI UI and document under /docs (HTTP_DOCS): `public` (default, for
   * development), `token` (any valid bearer token of this deployment) or `off` (404).
   */
  httpDocs: DocsAccess;
  /** A Kafka record value larger than this is dead-lettered instead of parsed (KAFKA_MAX_RECORD_BYTES). */
  kafkaMaxRecordBytes: number;
}

export interface HttpLimits {
  /** Request bodies above this many bytes are refused with 413 (HTTP_BODY_LIMIT, e.g. 1mb). */
  bodyLimitBytes: number;
  /** Token bucket per client address; null when HTTP_RATE_LIMIT_PER_SECOND=0. */
  rateLimit: { perSecond: number; burst: number } | null;
  /**
   * Proxies in front of the service (ingress, load balancer) whose X-Forwarded-For
   * is trusted to name the client (HTTP_TRUST_PROXY hops, default 0): without it
   * every client behind an ingress would share one rate-limit bucket.
   */
  trustProxyHops: number;
}

export type DocsAccess = 'public' | 'token' | 'off';

export interface ServiceDefaults {
  serviceName: string;
  httpPort: number;
  databaseName: string;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min) throw new ConfigError(name, `must be at least ${min}, got ${value}`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function url(env: Env, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  try {
    const parsed = new URL(raw);
    if (!parsed.protocol.startsWith('postgres')) throw new Error('not postgres');
  } catch {
    throw new ConfigError(name, `must be a postgres:// URL, got "${raw}"`);
  }
  return raw;
}

const SIZE = /^(\d+)\s*(b|kb|mb)?$/i;
const UNIT: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };

function bytes(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const match = SIZE.exec(raw.trim());
  if (!match) throw new ConfigError(name, `must be a size such as 512kb or 1mb, got "${raw}"`);
  const value = Number(match[1]) * UNIT[(match[2] ?? 'b').toLowerCase()];
  if (value < 1024) throw new ConfigError(name, `must be at least 1kb, got "${raw}"`);
  return value;
}

export function httpLimitsFromEnv(env: Env): HttpLimits {
  const perSecond = int(env, 'HTTP_RATE_LIMIT_PER_SECOND', 50, 0);
  const burst = int(env, 'HTTP_RATE_LIMIT_BURST', Math.max(1, perSecond * 2), 1);
  if (perSecond > 0 && burst < perSecond) {
    throw new ConfigError('HTTP_RATE_LIMIT_BURST', `must be at least HTTP_RATE_LIMIT_PER_SECOND (${perSecond}), got ${burst}`);
  }
  return {
    bodyLimitBytes: bytes(env, 'HTTP_BODY_LIMIT', 1024 * 1024),
    rateLimit: perSecond === 0 ? null : { perSecond, burst },
    trustProxyHops: int(env, 'HTTP_TRUST_PROXY', 0, 0),
  };
}

export function docsAccessFromEnv(env: Env): DocsAccess {
  return oneOf(env, 'HTTP_DOCS', ['public', 'token', 'off'] as const, 'public');
}

export function kafkaConfigFromEnv(env: Env, clientId: string): KafkaConnectionConfig {
  const brokers = (env.KAFKA_BROKERS || '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);
  for (const broker of brokers) {
    if (!/^[^:\s]+:\d+$/.test(broker)) throw new ConfigError('KAFKA_BROKERS', `must be host:port[,host:port], got "${broker}"`);
  }
  const config: KafkaConnectionConfig = { brokers, clientId };
  const mechanism = env.KAFKA_SASL_MECHANISM;
  if (mechanism) {
    const allowed = ['scram-sha-256', 'scram-sha-512', 'plain'] as const;
    if (!(allowed as readonly string[]).includes(mechanism)) {
      throw new ConfigError('KAFKA_SASL_MECHANISM', `must be one of ${allowed.join(', ')}`);
    }
    if (!env.KAFKA_SASL_USERNAME) throw new ConfigError('KAFKA_SASL_USERNAME', 'is required with KAFKA_SASL_MECHANISM');
    if (!env.KAFKA_SASL_PASSWORD) throw new ConfigError('KAFKA_SASL_PASSWORD', 'is required with KAFKA_SASL_MECHANISM');
    config.sasl = {
      mechanism: mechanism as (typeof allowed)[number],
      username: env.KAFKA_SASL_USERNAME,
      password: env.KAFKA_SASL_PASSWORD,
    };
  } else {
    for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']) {
      if (env[name]) throw new ConfigError(name, 'needs KAFKA_SASL_MECHANISM (scram-sha-256, scram-sha-512 or plain)');
    }
  }
  const ssl = oneOf(env, 'KAFKA_SSL', ['true', 'false'] as const, 'false');
  const rejectUnauthorized = oneOf(env, 'KAFKA_SSL_REJECT_UNAUTHORIZED', ['true', 'false'] as const, 'true');
  if (ssl === 'true') {
    const caFile = env.KAFKA_SSL_CA_FILE || undefined;
    if (caFile && !readable(caFile)) throw new ConfigError('KAFKA_SSL_CA_FILE', `cannot be read: "${caFile}"`);
    config.ssl = { ...(caFile ? { caFile } : {}), rejectUnauthorized: rejectUnauthorized === 'true' };
  } else {
    for (const name of ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_REJECT_UNAUTHORIZED']) {
      if (env[name]) throw new ConfigError(name, 'needs KAFKA_SSL=true');
    }
  }
  // PLAIN sends the password as it is: only over TLS.
  if (config.sasl?.mechanism === 'plain' && !config.ssl) {
    throw new ConfigError('KAFKA_SASL_MECHANISM', 'plain sends the password in clear text: set KAFKA_SSL=true or use scram-sha-512');
  }
  return config;
}

export function loadServiceConfig(defaults: ServiceDefaults, env: Env = process.env): ServiceConfig {
  const { serviceName } = defaults;
  return {
    serviceName,
    httpHost: env.HTTP_HOST || '127.0.0.1',
    httpPort: int(env, 'HTTP_PORT', defaults.httpPort, 0),
    databaseUrl: url(env, 'DATABASE_URL', `postgres://postgres@127.0.0.1:5432/${defaults.databaseName}`),
    kafka: kafkaConfigFromEnv(env, env.KAFKA_CLIENT_ID || serviceName),
    consumerGroup: env.KAFKA_CONSUMER_GROUP || `serviceloop.${serviceName}`,
    topicPrefix: env.KAFKA_TOPIC_PREFIX || '',
    topicPartitions: int(env, 'KAFKA_TOPIC_PARTITIONS', 6, 1),
    sessionTimeoutMs: int(env, 'KAFKA_SESSION_TIMEOUT_MS', 30_000, 6_000),
    parkingTimeoutMs: int(env, 'PARKING_TIMEOUT_MS', 7 * 24 * 3600 * 1000, 1),
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'pretty'] as const, 'json'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug'] as const, 'log'),
    http: httpLimitsFromEnv(env),
    httpDocs: docsAccessFromEnv(env),
    kafkaMaxRecordBytes: bytes(env, 'KAFKA_MAX_RECORD_BYTES', 1024 * 1024),
  };
}

function readable(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
