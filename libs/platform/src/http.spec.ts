import 'reflect-metadata';
import { Body, Controller, Get, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AuthModule, devAuthConfig, devToken } from '#auth';
import { loadServiceConfig } from './config.js';
import { currentCorrelationId } from './correlation.js';
import { configureHttp } from './http.js';
import { PlatformModule } from './platform.module.js';
import { TokenBuckets } from './rate-limit.js';
import { traceHeaders } from './tracing.js';

@Controller('notes')
class NotesController {
  @Post()
  add(@Body() body: Record<string, unknown>) {
    return { size: JSON.stringify(body).length, correlationId: currentCorrelationId() };
  }

  @Get()
  list() {
    return { correlationId: currentCorrelationId() };
  }
}

@Controller('traces')
class TracesController {
  @Get()
  current() {
    return traceHeaders();
  }
}

const DEFAULTS = { serviceName: 'probe', httpPort: 0, databaseName: 'unused' };
const token = `Bearer ${devToken({ subject: 'u', roles: ['analyst'] })}`;

async function appWith(env: Record<string, string>): Promise<INestApplication> {
  const config = loadServiceConfig(DEFAULTS, env);
  const moduleRef = await Test.createTestingModule({
    imports: [PlatformModule.forRoot(config), AuthModule.forRoot(devAuthConfig())],
    controllers: [NotesController, TracesController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureHttp(app, { title: 'probe', description: 'test' });
  await app.init();
  return app;
}

describe('configureHttp: limits, probes, metrics, correlation ids', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await appWith({ HTTP_BODY_LIMIT: '2kb', HTTP_RATE_LIMIT_PER_SECOND: '1', HTTP_RATE_LIMIT_BURST: '4' });
  });
  afterAll(() => app.close());

  it('refuses a body over HTTP_BODY_LIMIT with 413 and the reason; a smaller one passes; bad JSON is a 400 with a reason', async () => {
    const http = request(app.getHttpServer());
    const big = await http.post('/notes').set('Authorization', token).send({ text: 'x'.repeat(3000) }).expect(413);
    expect(big.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', limitBytes: 2048 });
    expect(big.body.message).toMatch(/limit is 2048 bytes \(HTTP_BODY_LIMIT\)/);
    await http.post('/notes').set('Authorization', token).send({ text: 'x'.repeat(1500) }).expect(201);
    const bad = await http.post('/notes').set('Authorization', token).set('content-type', 'application/json').send('{"text":').expect(400);
    expect(bad.body.reasons).toEqual(['body: not valid JSON']);
  });

  it('429 with Retry-After past the burst; probes and metrics are never limited', async () => {
    const http = request(app.getHttpServer());
    // The two requests above took 2 of the 4 tokens (1 more may have flowed in since).
    const statuses: number[] = [];
    let limited: request.Response | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await http.get('/notes').set('Authorization', token);
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
    expect(limited!.headers['retry-after']).toBe('1');
    expect(limited!.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', retryAfterSeconds: 1 });
    for (let i = 0; i < 10; i++) {
      await http.get('/health/live').expect(200, { service: 'probe', status: 'up' });
      await http.get('/metrics').expect(200);
    }
  });
});

describe('configureHttp behind a proxy (HTTP_TRUST_PROXY=1)', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await appWith({ HTTP_RATE_LIMIT_PER_SECOND: '1', HTTP_RATE_LIMIT_BURST: '2', HTTP_TRUST_PROXY: '1' });
  });
  afterAll(() => app.close());

  it('limits each client named by X-Forwarded-For, not the proxy', async () => {
    const http = request(app.getHttpServer());
    const from = (client: string) => http.get('/notes').set('Authorization', token).set('X-Forwarded-For', client);
    const first = [await from('203.0.113.7'), await from('203.0.113.7'), await from('203.0.113.7')].map((r) => r.status);
    expect(first).toEqual([200, 200, 429]);
    expect((await from('198.51.100.20')).status).toBe(200);
  });
});

describe('configureHttp without rate limit', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await appWith({ HTTP_RATE_LIMIT_PER_SECOND: '0' });
  });
  afterAll(() => app.close());

  it('echoes a caller correlation id (or makes one) and handlers see it', async () => {
    const http = request(app.getHttpServer());
    const given = await http.post('/notes').set('Authorization', token).set('x-correlation-id', 'ticket-4711').send({ a: 1 }).expect(201);
    expect(given.headers['x-correlation-id']).toBe('ticket-4711');
    expect(given.body.correlationId).toBe('ticket-4711');
    const made = await http.get('/notes').set('Authorization', token).set('x-correlation-id', 'bad id with spaces').expect(200);
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.body.correlationId).toBe(made.headers['x-correlation-id']);
  });

  it('serves /metrics and /health/* without a token, everything else needs one; latency is recorded per route template', async () => {
    const http = request(app.getHttpServer());
    await http.get('/notes').expect(401);
    await http.get('/health/ready').expect(200);
    const scrape = await http.get('/metrics').expect(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain/);
    expect(scrape.text).toMatch(/serviceloop_http_request_duration_seconds_count\{[^}]*method="GET",route="\/notes",status_code="401"[^}]*\} [1-9]/);
    expect(scrape.text).toMatch(/serviceloop_http_request_duration_seconds_count\{[^}]*route="\/notes",status_code="200"/);
    expect(scrape.text).toContain('service="probe"');
  });
});

describe('TokenBuckets', () => {
  it('lets a burst through, then one request per 1/perSecond, and says how long to wait', () => {
    const buckets = new TokenBuckets(2, 3);
    const t0 = 1_000_000;
    expect([0, 0, 0].map(() => buckets.take('a', t0))).toEqual([0, 0, 0]);
    expect(buckets.take('a', t0)).toBe(1);
    expect(buckets.take('b', t0)).toBe(0); // per client
    expect(buckets.take('a', t0 + 500)).toBe(0); // one token flowed in
    expect(buckets.take('a', t0 + 500)).toBe(1);
    expect(buckets.take('a', t0 + 10_000)).toBe(0); // refilled, capped at the burst
    expect([0, 0].map(() => buckets.take('a', t0 + 10_000))).toEqual([0, 0]);
    expect(buckets.take('a', t0 + 10_000)).toBe(1);
  });

  it('waits longer than a second when the rate is below one per second', () => {
    const buckets = new TokenBuckets(0.1, 1);
    expect(buckets.take('a', 0)).toBe(0);
    expect(buckets.take('a', 0)).toBe(10);
  });

  it('keeps memory bounded by forgetting full buckets', () => {
    const buckets = new TokenBuckets(1, 1, 2);
    buckets.take('a', 0);
    buckets.take('b', 0);
    expect(buckets.take('c', 5000)).toBe(0);
    expect(buckets.take('a', 5000)).toBe(0);
  });
});

describe('configureHttp: the OpenAPI documentation per HTTP_DOCS', () => {
  const apps: INestApplication[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });
  const started = async (env: Record<string, string>) => {
    const app = await appWith({ HTTP_RATE_LIMIT_PER_SECOND: '0', ...env });
    apps.push(app);
    return request(app.getHttpServer());
  };

  it('public (the default): served without a token', async () => {
    const http = await started({});
    const doc = await http.get('/docs/openapi.json').expect(200);
    expect(doc.body.paths['/notes']).toBeDefined();
    await http.get('/docs').expect(200);
  });

  it('off: not served at all (404), the API unchanged', async () => {
    const http = await started({ HTTP_DOCS: 'off' });
    await http.get('/docs/openapi.json').expect(404);
    await http.get('/docs').expect(404);
    await http.get('/notes').set('Authorization', token).expect(200);
  });

  it('token: 401 with the reason without a valid bearer token, served with one', async () => {
    const http = await started({ HTTP_DOCS: 'token' });
    const missing = await http.get('/docs/openapi.json').expect(401);
    expect(missing.body.message).toMatch(/Bearer <token>.*HTTP_DOCS=token/);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    const bad = await http.get('/docs').set('Authorization', 'Bearer not.a.token').expect(401);
    expect(bad.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    const doc = await http.get('/docs/openapi.json').set('Authorization', token).expect(200);
    expect(doc.body.paths['/notes']).toBeDefined();
  });

  it('refuses an unknown HTTP_DOCS value at boot, naming it', () => {
    expect(() => loadServiceConfig(DEFAULTS, { HTTP_DOCS: 'private' })).toThrow(/HTTP_DOCS/);
  });
});

describe('configureHttp: trace context', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await appWith({ HTTP_RATE_LIMIT_PER_SECOND: '0' });
  });
  afterAll(() => app.close());

  it('a request runs in a SERVER span that continues the caller\'s traceparent, or starts a trace', async () => {
    const http = request(app.getHttpServer());
    const traced = await http.get('/traces').set('Authorization', token).set('traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01').expect(200);
    expect(traced.body.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(traced.body.traceparent).not.toContain('00f067aa0ba902b7');
    const fresh = await http.get('/traces').set('Authorization', token).expect(200);
    expect(fresh.body.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(fresh.body.traceparent).not.toContain('4bf92f3577b34da6a3ce929d0e0e4736');
  });
});
