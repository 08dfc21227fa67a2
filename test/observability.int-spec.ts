/**
 * Operations on a real broker and database, with service-commitments as the
 * example: Prometheus counters move when an event is consumed or dead-lettered,
 * the correlation id of a record travels into the events it causes, oversize
 * records are dead-lettered, probes answer, and dead letters are listed and
 * replayed (once) through the CLI's client with an `integration` token.
 */
import type { AddressInfo } from 'node:net';
import { Topics } from '#contracts';
import { devAuthConfig } from '#auth';
import { KafkaEventTransport } from '#messaging';
import { apiAs, eventually, metricFamilies, metricSample, startTestApp, testServiceConfig, TestKafka, tokenFor, type TestApp } from '#testing';
import { SERVICE_COMMITMENTS_DEFAULTS, ServiceCommitmentsModule } from '../apps/service-commitments/src/service-commitments.module.js';
import { cancellationEvent, orderEvent, structuredRecord } from '../apps/service-commitments/test/factories.js';
import { DeadLettersClient, formatByTopic } from '../scripts/dead-letters-client.js';
import { alertRules, familyOf, metricsIn } from './monitoring-rules.js';

describe('observability and dead-letter operations (service-commitments on the real broker)', () => {
  let service: TestApp;
  let kafka: TestKafka;
  let baseUrl: string;
  const ORDER = 'SO-OBS-0001';

  beforeAll(async () => {
    const config = testServiceConfig(SERVICE_COMMITMENTS_DEFAULTS, { env: { KAFKA_MAX_RECORD_BYTES: '4kb' } });
    service = await startTestApp(ServiceCommitmentsModule.forRoot(config, devAuthConfig()), config, {
      transport: (app) => app.get(KafkaEventTransport),
    });
    await service.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(service.app.getHttpServer().address() as AddressInfo).port}`;
    kafka = new TestKafka(config.topicPrefix);
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
  });

  const scrape = async () => (await fetch(`${baseUrl}/metrics`)).text();

  it('counts a consumed event, and its correlation id travels into the events it causes', async () => {
    const before = await scrape();
    expect(metricSample(before, 'serviceloop_events_consumed_total', { topic: Topics.salesOrders, outcome: 'applied' }) ?? 0).toBe(0);
    const record = structuredRecord(orderEvent(ORDER));
    await kafka.produce(Topics.salesOrders, [{ ...record, headers: { ...record.headers, 'correlation-id': 'corr-obs-4711' } }]);
    const http = apiAs(service.app, ['service_manager']);
    await eventually(async () => (await http.get('/projects').query({ orderId: ORDER }).expect(200)).body.items[0], { what: 'the project' });

    const after = await eventually(async () => {
      const text = await scrape();
      return metricSample(text, 'serviceloop_outbox_backlog') === 0 ? text : undefined;
    }, { what: 'the outbox published' });
    expect(metricSample(after, 'serviceloop_events_consumed_total', { topic: Topics.salesOrders, outcome: 'applied' })).toBe(1);
    expect(metricSample(after, 'serviceloop_consumer_lag', { topic: Topics.salesOrders })).toBe(0);
    expect(metricSample(after, 'serviceloop_parked_events')).toBe(0);
    expect(metricSample(after, 'serviceloop_parked_event_oldest_age_seconds')).toBe(0);
    expect(metricSample(after, 'serviceloop_outbox_oldest_age_seconds')).toBe(0);
    expect(metricSample(after, 'serviceloop_dead_letters')).toBe(0);
    expect(metricSample(after, 'serviceloop_http_request_duration_seconds_count', { route: '/projects', status_code: '200' })).toBeGreaterThanOrEqual(1);

    const emitted = (await kafka.readAll(Topics.serviceProjects)).filter((r) => r.key && JSON.parse(r.value!.toString()).data?.orderId === ORDER);
    expect(emitted.length).toBeGreaterThan(0);
    expect(new Set(emitted.map((r) => r.headers['correlation-id']))).toEqual(new Set(['corr-obs-4711']));
  });

  it('dead-letters an oversize record with the reason, and counts it', async () => {
    const huge = JSON.stringify({ specversion: '1.0', id: 'big-1', source: 'erp', type: 'erp.sales-order.created.v1', data: { orderId: 'SO-BIG', pad: 'x'.repeat(5000) } });
    await kafka.produce(Topics.salesOrders, [{ key: 'SO-BIG', value: huge }, { key: 'SO-NOT-JSON', value: 'not json at all' }]);
    const http = apiAs(service.app, ['integration'], { subject: 'erp-connector' });
    const letter = await eventually(async () => {
      const res = await http.get('/dead-letters').expect(200);
      return res.body.length === 2 ? res.body.find((d: { key: string }) => d.key === 'SO-BIG') : undefined;
    }, { what: 'two dead letters' });
    expect(letter.reasonCode).toBe('INVALID_ENVELOPE');
    expect(letter.reason).toMatch(/Record value is \d+ bytes; the limit is 4096 bytes \(KAFKA_MAX_RECORD_BYTES\)/);
    const text = await scrape();
    expect(metricSample(text, 'serviceloop_events_failed_total', { topic: Topics.salesOrders, reason_code: 'INVALID_ENVELOPE' })).toBe(1);
    expect(metricSample(text, 'serviceloop_events_failed_total', { topic: Topics.salesOrders, reason_code: 'INVALID_JSON' })).toBe(1);
    expect(metricSample(text, 'serviceloop_events_consumed_total', { topic: Topics.salesOrders, outcome: 'dead_lettered' })).toBe(2);
    expect(metricSample(text, 'serviceloop_dead_letters')).toBe(2);
  });

  it('lists dead letters per topic with reasons and replays one exactly once (CLI client, integration role), with an audit trail', async () => {
    const client = new DeadLettersClient(baseUrl, tokenFor(['integration'], { subject: 'erp-connector' }));
    const letters = await client.list({ topic: Topics.salesOrders });
    const printed = formatByTopic(letters);
    expect(printed).toContain(`${Topics.salesOrders}: 2 dead letter(s), 2 not replayed`);
    expect(printed).toMatch(/INVALID_ENVELOPE .*key=SO-BIG/);
    expect(printed).toMatch(/INVALID_JSON .*key=SO-NOT-JSON/);
    const big = letters.find((l) => l.key === 'SO-BIG')!;

    expect(await client.replay(big.id)).toEqual({ id: big.id, outcome: 'replayed' });
    const again = await client.replay(big.id);
    expect(again.outcome).toBe('already-replayed');
    expect(again.detail).toMatch(/already replayed/);
    // Still too big: it comes back as a new dead letter, which replayAll would pick up, unlike the replayed one.
    await eventually(async () => (await client.list({})).filter((l) => l.key === 'SO-BIG').length === 2, { what: 'the replayed record dead-lettered again' });
    const copies = (await kafka.readAll(Topics.salesOrders)).filter((r) => r.headers['dlq-replay-of'] === big.id);
    expect(copies).toHaveLength(1);
    expect(copies[0].headers['dlq-replayed-by']).toBe('erp-connector');
    expect(copies[0].headers['dlq-replayed-at']).toMatch(/^\d{4}-\d\d-\d\dT/);

    const outcomes = await client.replayAll({ reasonCode: 'INVALID_JSON' });
    expect(outcomes.map((o) => o.outcome)).toEqual(['replayed']);
    // Replaying all again skips what was replayed (only its new dead letter, if back already, goes).
    const again2 = await client.replayAll({ reasonCode: 'INVALID_JSON' });
    expect(again2.map((o) => o.id)).not.toContain(outcomes[0].id);
    expect((await client.replay(outcomes[0].id)).outcome).toBe('already-replayed');

    const analyst = new DeadLettersClient(baseUrl, tokenFor(['analyst']));
    await expect(analyst.list()).rejects.toThrow(/HTTP 403/);
    expect((await analyst.replay(big.id)).outcome).toBe('failed');
  });

  it('answers liveness and readiness (database and broker) without a token', async () => {
    const live = await fetch(`${baseUrl}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ service: 'service-commitments', status: 'up' });
    const ready = await fetch(`${baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'up',
      checks: { database: { up: true, detail: { pendingMigrations: false } }, kafka: { up: true }, broker: { up: true, detail: { brokers: 1 } } },
    });
    const health = (await (await fetch(`${baseUrl}/health`)).json()) as { checks: Record<string, unknown> };
    expect(Object.keys(health.checks).sort()).toEqual(['database', 'kafka']);
  });

  it('shows how long the oldest held event has waited, and nothing once it is released', async () => {
    await kafka.produce(Topics.salesOrders, [structuredRecord(cancellationEvent('SO-OBS-HELD'))]);
    const age = await eventually(async () => {
      const text = await scrape();
      const oldest = metricSample(text, 'serviceloop_parked_event_oldest_age_seconds') ?? 0;
      return metricSample(text, 'serviceloop_parked_events') === 1 && oldest >= 1 ? oldest : undefined;
    }, { what: 'the held cancellation ageing' });
    expect(age).toBeLessThan(60);
    await kafka.produce(Topics.salesOrders, [structuredRecord(orderEvent('SO-OBS-HELD'))]);
    await eventually(async () => {
      const text = await scrape();
      return metricSample(text, 'serviceloop_parked_events') === 0 && metricSample(text, 'serviceloop_parked_event_oldest_age_seconds') === 0 ? true : undefined;
    }, { what: 'the cancellation released, nothing held' });
  });

  it('exposes every metric the alert rules of deploy/monitoring name (but analytics\' own, checked with analytics)', async () => {
    const text = await scrape();
    const histograms = new Set([...text.matchAll(/^# TYPE (\S+) histogram$/gm)].map((m) => m[1]));
    // Prometheus' own `up`, and analytics' gauge of rejected records (apps/analytics/test/ingest-metrics.int-spec.ts).
    const notOfThisService = new Set(['up', 'serviceloop_rejected_events']);
    const named = [...new Set(alertRules().flatMap((rule) => metricsIn(rule.expr)))].filter((metric) => !notOfThisService.has(metric));
    expect(named.length).toBeGreaterThanOrEqual(10);
    const families = metricFamilies(text);
    expect(named.filter((metric) => !families.has(familyOf(metric, histograms)))).toEqual([]);
  });
});
