import { BadRequestException, type INestApplication, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { SERVICE_CONFIG, httpLimitsFromEnv, type HttpLimits, type ServiceConfig } from './config.js';
import { CORRELATION_HEADER, correlationIdFrom, withCorrelationId } from './correlation.js';
import { Metrics } from './metrics.js';
import { TokenBuckets } from './rate-limit.js';

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** Validation errors come back as 400 with every reason, one per line of `reasons`. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Invalid request', reasons: flatten(errors) }),
  });
}

export interface HttpSetup {
  title: string;
  description: string;
}

/** Probes and scrapes are never rate limited: an orchestrator must always get an answer. */
const UNLIMITED = /^\/(health|metrics)(\/|$)/;

interface Req {
  method: string;
  path: string;
  ip?: string;
  baseUrl?: string;
  route?: { path?: string };
  headers: Record<string, string | string[] | undefined>;
}
interface Res {
  statusCode: number;
  headersSent: boolean;
  setHeader(name: string, value: string): void;
  status(code: number): Res;
  json(body: unknown): void;
  on(event: 'finish', listener: () => void): void;
}
type Next = (error?: unknown) => void;

function optional<T>(app: INestApplication, token: unknown): T | undefined {
  try {
    return app.get<T>(token as never, { strict: false });
  } catch {
    return undefined;
  }
}

/**
 * The same HTTP setup for the real service and for tests that build the app:
 * latency metrics, rate limits, body size limit (413 with a reason), correlation
 * ids, validation and the OpenAPI document. Call before `app.init()`/`listen()`.
 */
export function configureHttp(app: INestApplication, setup: HttpSetup): void {
  const config = optional<ServiceConfig>(app, SERVICE_CONFIG);
  const limits: HttpLimits = config?.http ?? httpLimitsFromEnv({});
  const metrics = optional<Metrics>(app, Metrics);

  if (metrics) {
    app.use((req: Req, res: Res, next: Next) => {
      const end = metrics.httpDuration.startTimer();
      res.on('finish', () => {
        const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
        end({ method: req.method, route, status_code: String(res.statusCode) });
      });
      next();
    });
  }

  if (limits.trustProxyHops > 0) {
    (app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void }).set('trust proxy', limits.trustProxyHops);
  }

  if (limits.rateLimit) {
    const buckets = new TokenBuckets(limits.rateLimit.perSecond, limits.rateLimit.burst);
    app.use((req: Req, res: Res, next: Next) => {
      if (UNLIMITED.test(req.path)) return next();
      const wait = buckets.take(req.ip ?? 'unknown', Date.now());
      if (wait === 0) return next();
      res.setHeader('Retry-After', String(wait));
      res.status(429).json({
        statusCode: 429,
        error: 'Too Many Requests',
        message: `More than ${limits.rateLimit!.perSecond} requests per second (burst ${limits.rateLimit!.burst}) from this client; retry after ${wait} s`,
        retryAfterSeconds: wait,
      });
    });
  }

  // Before Nest registers its own parsers (with a 100kb default), so these win.
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: limits.bodyLimitBytes });
  express.useBodyParser('urlencoded', { limit: limits.bodyLimitBytes, extended: true });
  app.use((error: { type?: string; status?: number; length?: number; limit?: number } | undefined, _req: Req, res: Res, next: Next) => {
    if (!error || res.headersSent) return next(error);
    if (error.type === 'entity.too.large') {
      res.status(413).json({
        statusCode: 413,
        error: 'Payload Too Large',
        message: `The request body is ${error.length ?? 'more than'} bytes; the limit is ${limits.bodyLimitBytes} bytes (HTTP_BODY_LIMIT)`,
        limitBytes: limits.bodyLimitBytes,
      });
      return;
    }
    if (error.type === 'entity.parse.failed') {
      res.status(400).json({ statusCode: 400, error: 'Bad Request', message: 'The request body is not valid JSON', reasons: ['body: not valid JSON'] });
      return;
    }
    next(error);
  });

  // After the body parsers: their stream callbacks would not keep the async context.
  app.use((req: Req, res: Res, next: Next) => {
    const correlationId = correlationIdFrom(req.headers[CORRELATION_HEADER]);
    res.setHeader(CORRELATION_HEADER, correlationId);
    withCorrelationId(correlationId, () => next());
  });

  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(setup.title).setDescription(setup.description).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
