import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { configureHttp, JsonLogger, loadServiceConfig, startEventTransport, type ServiceConfig, type ServiceDefaults } from '#platform';
import { dropDatabase } from '#persistence';
import { testInfrastructure } from './infrastructure.js';
import { uniqueSuffix } from './test-kafka.js';

/**
 * Config for one service in one test suite: its own database, topic prefix and
 * consumer group, on the run's broker.
 */
export function testServiceConfig(defaults: ServiceDefaults, options: { suffix?: string; env?: Record<string, string> } = {}): ServiceConfig {
  const suffix = options.suffix ?? uniqueSuffix();
  const infra = testInfrastructure();
  return loadServiceConfig(defaults, {
    DATABASE_URL: `${infra.postgresUrl}/sltest_${defaults.databaseName.replace(/^serviceloop_/, '')}_${suffix}`,
    KAFKA_BROKERS: infra.kafkaBrokers,
    KAFKA_TOPIC_PREFIX: `t${suffix}.`,
    KAFKA_CONSUMER_GROUP: `test-${defaults.serviceName}-${suffix}`,
    KAFKA_TOPIC_PARTITIONS: '3',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL || 'error',
    HTTP_PORT: '0',
    // Tests fire requests faster than any client should; a test of the limit turns it on.
    HTTP_RATE_LIMIT_PER_SECOND: '0',
    ...options.env,
  });
}

export interface TestApp {
  app: INestApplication;
  config: ServiceConfig;
  close(options?: { dropDatabase?: boolean }): Promise<void>;
}

/** Boots a service's root module as the real main does (HTTP setup, event consumer), for a test. */
export async function startTestApp(
  rootModule: unknown,
  config: ServiceConfig,
  options: {
    transport?: (app: INestApplication) => CustomTransportStrategy;
    title?: string;
    /** Providers to replace, e.g. [[Clock, fixedClock]] so the test controls time. */
    overrides?: [unknown, unknown][];
  } = {},
): Promise<TestApp> {
  let builder = Test.createTestingModule({ imports: [rootModule as never] });
  for (const [token, value] of options.overrides ?? []) builder = builder.overrideProvider(token as never).useValue(value);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: new JsonLogger(config.serviceName, config.logLevel, 'pretty') });
  configureHttp(app, { title: options.title ?? config.serviceName, description: 'test' });
  if (options.transport) await startEventTransport(app, options.transport(app));
  await app.init();
  return {
    app,
    config,
    close: async ({ dropDatabase: drop = true } = {}) => {
      await app.close();
      if (drop) await dropDatabase(config.databaseUrl);
    },
  };
}
