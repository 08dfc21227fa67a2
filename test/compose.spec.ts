/**
 * docker-compose.yml must run every service under apps/: this spec reads the apps
 * from the filesystem, so a new app without a compose service, a Dockerfile, a
 * database or its documented port fails here, not at someone's first `docker compose up`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { SERVICES } from '../scripts/start-lib/services.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The fixed ports and databases, as the READMEs document them and `npm start` uses them. */
const DOCUMENTED = Object.fromEntries(SERVICES.map(({ name, port, database }) => [name, { port, database }]));

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  environment?: Record<string, string | number>;
  ports?: Array<string | { target: number; published: string | number }>;
  depends_on?: Record<string, { condition?: string }>;
  volumes?: string[];
  healthcheck?: unknown;
}

function readCompose(file: string): { services: Record<string, ComposeService> } {
  // merge: compose files share blocks with `<<: *anchor`; logLevel: compose's own tags (!override) are not YAML's.
  return parse(readFileSync(path.join(ROOT, file), 'utf8'), { merge: true, logLevel: 'error' });
}

const apps = readdirSync(path.join(ROOT, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const compose = readCompose('docker-compose.yml');
const initSql = readFileSync(path.join(ROOT, 'deploy/postgres/init.sql'), 'utf8');

/** `FROM image [AS name]` lines of a Dockerfile, in order. */
function dockerStages(dockerfile: string): { image: string; name?: string }[] {
  return [...readFileSync(dockerfile, 'utf8').matchAll(/^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?\s*$/gim)].map(
    (match) => ({ image: match[1], name: match[2]?.toLowerCase() }),
  );
}

/** Host ports a service publishes for a container port. */
function publishedPorts(service: ComposeService, containerPort: number): number[] {
  return (service.ports ?? []).flatMap((port) => {
    if (typeof port === 'object') return Number(port.target) === containerPort ? [Number(port.published)] : [];
    const parts = String(port).split(':'); // [ip:]published:target[/protocol]
    const target = Number(parts[parts.length - 1].split('/')[0]);
    return target === containerPort && parts.length >= 2 ? [Number(parts[parts.length - 2])] : [];
  });
}

describe('docker-compose.yml', () => {
  it('finds the apps to check', () => {
    expect(apps.length).toBeGreaterThan(0);
  });

  it('runs Kafka in KRaft mode without topic auto-creation, with a health check', () => {
    const kafka = compose.services.kafka;
    expect(kafka?.image).toMatch(/^apache\/kafka:/);
    expect(kafka.environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller', KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' });
    expect(String(kafka.environment?.KAFKA_LISTENERS)).toContain('INTERNAL://0.0.0.0:9092');
    expect(kafka.healthcheck).toBeDefined();
  });

  it('runs PostgreSQL with the init script that creates the databases, with a health check', () => {
    const postgres = compose.services.postgres;
    expect(postgres?.image).toMatch(/^postgres:/);
    expect(postgres.volumes).toContainEqual(expect.stringMatching(/^\.\/deploy\/postgres\/init\.sql:\/docker-entrypoint-initdb\.d\//));
    expect(postgres.healthcheck).toBeDefined();
  });

  describe.each(apps)('service %s', (app) => {
    const service: ComposeService = compose.services[app] ?? {};
    const documented = DOCUMENTED[app] ?? { port: Number.NaN, database: '(undocumented)' };

    it('has a fixed port and database (add new apps to SERVICES in scripts/start-lib/services.ts)', () => {
      expect(DOCUMENTED).toHaveProperty([app]);
    });

    it('is a compose service built from a multi-stage Dockerfile for this app', () => {
      expect(compose.services).toHaveProperty([app]);
      const build = service.build ?? {};
      const dockerfile = path.resolve(ROOT, build.context ?? '.', build.dockerfile ?? 'Dockerfile');
      expect(existsSync(dockerfile)).toBe(true);
      const stages = dockerStages(dockerfile);
      expect(stages).toContainEqual(expect.objectContaining({ name: 'build' }));
      const runtime = stages[stages.length - 1];
      expect(runtime.name).not.toBe('build');
      expect(runtime.image).not.toBe('build');
      expect(readFileSync(dockerfile, 'utf8')).toMatch(/COPY\s+--from=build\s/);
      if (path.basename(dockerfile) === 'Dockerfile' && path.dirname(dockerfile).endsWith(path.join('deploy', 'docker'))) {
        expect(build.args?.APP).toBe(app); // the shared Dockerfile is parameterised by APP
      }
    });

    it('gets its port, its own database and the internal Kafka listener from the environment', () => {
      const env = service.environment ?? {};
      expect(String(env.HTTP_PORT)).toBe(String(documented.port));
      expect(env.HTTP_HOST).toBe('0.0.0.0');
      const databaseUrl = new URL(String(env.DATABASE_URL));
      expect(databaseUrl.protocol).toBe('postgres:');
      expect(databaseUrl.hostname).toBe('postgres');
      expect(databaseUrl.pathname).toBe(`/${documented.database}`);
      expect(env.KAFKA_BROKERS).toBe('kafka:9092');
    });

    it('publishes its documented port', () => {
      expect(publishedPorts(service, documented.port)).toContain(documented.port);
    });

    it('starts after Kafka and PostgreSQL are healthy', () => {
      expect(service.depends_on).toMatchObject({
        kafka: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
      });
    });

    it('has its database created by deploy/postgres/init.sql', () => {
      expect(initSql).toMatch(new RegExp(`^\\s*CREATE DATABASE\\s+"?${documented.database}"?\\s*;`, 'mi'));
    });
  });
});

describe('docker-compose.secure.yml', () => {
  const secure = readCompose('docker-compose.secure.yml');

  it.each(apps)('connects %s to Kafka with SASL/SCRAM over TLS', (app) => {
    expect(secure.services[app]?.environment).toMatchObject({
      KAFKA_SASL_MECHANISM: expect.stringMatching(/^\$\{KAFKA_SASL_MECHANISM:-scram-sha-(256|512)\}$/),
      KAFKA_SASL_USERNAME: expect.any(String),
      KAFKA_SASL_PASSWORD: expect.any(String),
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: expect.any(String),
    });
  });
});
