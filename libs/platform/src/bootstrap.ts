import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ServiceConfig } from './config.js';
import { configureHttp, type HttpSetup } from './http.js';
import { JsonLogger } from './json-logger.js';
import { startEventTransport } from './event-transport.js';
import { startTracing } from './tracing.js';

export interface BootstrapOptions extends HttpSetup {
  module: unknown;
  config: ServiceConfig;
  /** The Kafka consumer of this service, when it consumes events. */
  transport?: (app: INestApplication) => CustomTransportStrategy;
}

export async function bootstrapService(options: BootstrapOptions): Promise<INestApplication> {
  const { config } = options;
  const logger = new JsonLogger(config.serviceName, config.logLevel, config.logFormat);
  // Before anything makes spans: service.name is this service; OTLP export per OTEL_* env.
  const tracing = startTracing(config.serviceName);
  const app = await NestFactory.create<NestExpressApplication>(options.module as never, { logger, bodyParser: false } /* configureHttp adds them, with HTTP_BODY_LIMIT */);
  configureHttp(app, options);
  if (options.transport) {
    await startEventTransport(app, options.transport(app));
  }
  await app.listen(config.httpPort, config.httpHost);
  const base = `http://${config.httpHost}:${config.httpPort}`;
  logger.log(
    {
      msg: `${config.serviceName} ready`,
      api: base,
      openapi: config.httpDocs === 'off' ? 'off (HTTP_DOCS)' : `${base}/docs${config.httpDocs === 'token' ? ' (bearer token)' : ''}`,
      health: `${base}/health`,
      metrics: `${base}/metrics`,
      traces: tracing.exportsTo ?? 'propagated, not exported (OTEL_EXPORTER_OTLP_ENDPOINT unset)',
    },
    'Bootstrap',
  );
  return app;
}
