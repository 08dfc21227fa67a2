import { BadRequestException, type INestApplication, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AUTH_CONFIG, AuthError, TokenVerifier, type AuthConfig } from '#auth';
import { SERVICE_CONFIG, docsAccessFromEnv, httpLimitsFromEnv, type DocsAccess, type HttpLimits, type ServiceConfig } from './config.js';
import { CORRELATION_HEADER, correlationIdFrom, withCorrelationId } from './correlation.js';
import { contextFromHeaders, startTracing, tracer } from './tracing.js';
import { Metrics } from './metrics.js';
import { TokenBuckets } from './rate-limit.js';
import { IDEMPOTENCY_KEY_MAX_LENGTH, IDEMPOTENT_METHODS, IDEMPOTENT_REPLAYED_HEADER } from './idempotency-key.js';

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
/** Probes and scrapes are not traced either: they would drown the traces of real work. */
const UNTRACED = UNLIMITED;
/** The OpenAPI UI, its assets and the JSON document. */
const DOCS = /^\/docs(\/|-|$)/;
const BEARER = /^Bearer +(\S+) *$/i;

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
  on(event: 'finish' | 'close', listener: () => void): void;
}
type Next = (error?: unknown) => void;

function optional<T>(app: INestApplication, token: unknown): T | undefined {
  try {
    return app.get<T>(token as never, { strict: false });
  } catch {
    return undefined;
  }
}

/** The route Express matched (`/projects/:id`), or `unmatched`. */
function routeOf(req: Req): string {
  return req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
}

/**
 * The same HTTP setup for the real service and for tests that build the app:
 * latency metrics, rate limits, body size limit (413 with a reason), correlation
 * ids, trace context, validation and the OpenAPI document (per HTTP_DOCS). Call
 * before `app.init()`/`listen()`.
 */
export function configureHttp(app: INestApplication, setup: HttpSetup): void {
  const config = optional<ServiceConfig>(app, SERVICE_CONFIG);
  const limits: HttpLimits = config?.http ?? httpLimitsFromEnv({});
  const metrics = optional<Metrics>(app, Metrics);
  // Idempotent: bootstrapService has started it already; apps built by tests start it here.
  startTracing(config?.serviceName ?? setup.title);

  if (metrics) {
    app.use((req: Req, res: Res, next: Next) => {
      const end = metrics.httpDuration.startTimer();
      res.on('finish', () => {
        end({ method: req.method, route: routeOf(req), status_code: String(res.statusCode) });
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

  // A SERVER span per request, the child of the caller's `traceparent` (or a new
  // trace): events the request writes to the outbox carry its context on.
  app.use((req: Req, res: Res, next: Next) => {
    if (UNTRACED.test(req.path)) return next();
    const parent = contextFromHeaders(req.headers);
    const span = tracer().startSpan(
      req.method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.path } },
      parent,
    );
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const route = routeOf(req);
      span.updateName(route === 'unmatched' ? req.method : `${req.method} ${route}`);
      if (route !== 'unmatched') span.setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.on('finish', end);
    res.on('close', end);
    // Ended when the response is, not when this middleware returns.
    context.with(trace.setSpan(parent, span), () => next());
  });

  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  const docs: DocsAccess = config?.httpDocs ?? docsAccessFromEnv({});
  if (docs === 'off') return;
  if (docs === 'token') guardDocs(app, optional<AuthConfig>(app, AUTH_CONFIG));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(setup.title).setDescription(setup.description).setVersion('1').addBearerAuth().build(),
  );
  documentIdempotencyKey(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}

/**
 * The optional `Idempotency-Key` header on every POST and PATCH
 * (IdempotencyInterceptor honours it on all of them), and its 422.
 */
export function documentIdempotencyKey(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths ?? {})) {
    for (const method of ['post', 'patch'] as const) {
      const operation = item[method];
      if (!operation || !IDEMPOTENT_METHODS.has(method.toUpperCase())) continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX_LENGTH, pattern: '^[\\x20-\\x7E]+$' },
          description:
            'A key the client chooses per request (e.g. a UUID), so that a retry after a timeout does not do it twice. ' +
            'A second request with the same key, method and path from the same caller within 24 hours is not run: it gets the ' +
            `first answer (status and body, errors below 500 included) with \`${IDEMPOTENT_REPLAYED_HEADER}: true\`. ` +
            'The same key with another body or query: 422 IDEMPOTENCY_KEY_REUSED. While the first still runs, or if it never answered: ' +
            '409 IDEMPOTENCY_KEY_IN_PROGRESS / IDEMPOTENCY_KEY_ABANDONED. A 5xx answer is not kept: a retry runs again. ' +
            '1 to 255 printable ASCII characters (400 IDEMPOTENCY_KEY_INVALID otherwise).',
        },
      ];
      operation.responses ??= {};
      operation.responses['422'] ??= { description: 'code IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used for a different request' };
    }
  }
}

/**
 * HTTP_DOCS=token: /docs answers only with a valid bearer token of this
 * deployment (any role), verified as the API verifies it; 401 with a reason otherwise.
 */
function guardDocs(app: INestApplication, auth: AuthConfig | undefined): void {
  if (!auth) throw new Error('HTTP_DOCS=token needs the service\'s AuthModule (AUTH_CONFIG)');
  const verifier = new TokenVerifier(auth);
  app.use((req: Req, res: Res, next: Next) => {
    if (!DOCS.test(req.path)) return next();
    const header = req.headers.authorization;
    const token = BEARER.exec((Array.isArray(header) ? header[0] : header) ?? '')?.[1];
    const refuse = (message: string) => {
      res.setHeader('WWW-Authenticate', token ? 'Bearer error="invalid_token"' : 'Bearer');
      res.status(401).json({ statusCode: 401, error: 'Unauthorized', message });
    };
    if (!token) return refuse('The API documentation needs Authorization: Bearer <token> (HTTP_DOCS=token)');
    verifier.verify(token).then(
      () => next(),
      (error: unknown) => (error instanceof AuthError ? refuse((error as Error).message) : next(error)),
    );
  });
}
