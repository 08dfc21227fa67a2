/**
 * Analytics on /metrics, on the real broker and database: what its reader
 * consumed (by outcome), what it rejected (by reason code), how many rejected
 * records it keeps, and how far behind it is, under the names the other services
 * use. Lag is measured against analytics' stored positions (`consumer_position`),
 * not the consumer group's offset: the test moves the group's offset back while
 * the reader is stopped and expects the lag of the stored position. Then the
 * rejected records' list, a page at a time and by topic and reason code.
 */
import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { devAuthConfig } from '#auth';
import { exampleExpenseApproved, exampleTimeApproved, Topics } from '#contracts';
import { apiAs, eventually, metricFamilies, metricSample, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { ANALYTICS_API, ANALYTICS_DEFAULTS, AnalyticsModule } from '../src/analytics.module.js';
import { AnalyticsEventConsumer } from '../src/ingest/analytics-event-consumer.js';
import { caughtUp } from './caught-up.js';
import { fixtureEvent, type FixtureRecord } from './fixture-stream.js';
import { alertRules, familyOf, metricsIn } from '../../../test/monitoring-rules.js';

describe('analytics on /metrics: consumed, rejected and lag (real Kafka and PostgreSQL)', () => {
  const config = testServiceConfig(ANALYTICS_DEFAULTS);
  let service: TestApp;
  let kafka: TestKafka;
  let producer: Producer;
  let db: DataSource;

  beforeAll(async () => {
    service = await startTestApp(AnalyticsModule.forRoot(config, devAuthConfig()), config, {
      title: ANALYTICS_API.title,
      transport: (app) => app.get(AnalyticsEventConsumer),
    });
    db = service.app.get(DataSource);
    kafka = new TestKafka(config.topicPrefix);
    producer = kafka.kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await kafka?.close();
    await service?.close();
  });

  const scrape = async () => (await request(service.app.getHttpServer()).get('/metrics').expect(200)).text;
  /** Records to one partition of a topic, in order (the lag asserted is per partition). */
  const produce = (topic: string, partition: number, records: { value: Buffer | string; headers?: Record<string, string> }[]) =>
    producer.send({ topic: kafka.topic(topic), messages: records.map((r) => ({ value: r.value, headers: r.headers, partition })) });

  const timeApproved = (): FixtureRecord =>
    fixtureEvent('psa.time.approved.v1', { ...exampleTimeApproved, timeEntryId: randomUUID() }, exampleTimeApproved.approvedAt);
  const consumed = (text: string, outcome: string) => metricSample(text, 'serviceloop_events_consumed_total', { topic: Topics.fieldWork, outcome });
  const lagOf = (text: string, topic: string, partition: number) => metricSample(text, 'serviceloop_consumer_lag', { topic, partition: String(partition) });

  it('counts records by outcome and rejections by reason code, and shows lag of the stored position, 0 once caught up', async () => {
    const first = timeApproved();
    const second = timeApproved();
    const hourless = timeApproved();
    const broken = JSON.parse(hourless.value.toString('utf8'));
    delete broken.data.hours;
    await produce(Topics.fieldWork, 0, [
      first,
      second,
      // The same event published again: analytics keeps no inbox, it applies it again (to the same row, the same values).
      second,
      // An expense as such is not read: its money reaches analytics through billing's ledger lines.
      fixtureEvent('psa.expense.approved.v1', { ...exampleExpenseApproved, expenseId: randomUUID() }, exampleExpenseApproved.approvedAt),
      { value: '{not json' },
      { ...hourless, value: Buffer.from(JSON.stringify(broken)) },
    ]);
    await caughtUp(kafka, db);
    const text = await eventually(async () => {
      const t = await scrape();
      return lagOf(t, Topics.fieldWork, 0) === 0 && consumed(t, 'rejected') === 2 ? t : undefined;
    }, { what: 'six records counted, lag 0' });
    expect(consumed(text, 'applied')).toBe(3);
    expect(consumed(text, 'ignored')).toBe(1);
    expect(consumed(text, 'duplicate')).toBeUndefined();
    expect(metricSample(text, 'serviceloop_events_failed_total', { topic: Topics.fieldWork, reason_code: 'INVALID_JSON' })).toBe(1);
    expect(metricSample(text, 'serviceloop_events_failed_total', { topic: Topics.fieldWork, reason_code: 'SCHEMA_VIOLATION' })).toBe(1);
    expect(metricSample(text, 'serviceloop_rejected_events')).toBe(2);
    expect((await db.query(`SELECT count(*)::int AS n FROM time_entry`))[0].n).toBe(2);
    // Every partition of every topic analytics reads has its lag, with the service label the alert rules group by.
    expect(metricSample(text, 'serviceloop_consumer_lag', { service: 'analytics', topic: Topics.billing, partition: '2' })).toBe(0);
    expect(metricSample(text, 'serviceloop_consumer_lag_measured_at_seconds')).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(metricSample(text, 'serviceloop_consumer_lag_measure_failures_total')).toBe(0);
    // Analytics has no outbox, parking lot or dead-letter topic: it does not pretend to.
    expect(metricSample(text, 'serviceloop_dead_letters')).toBeUndefined();

    // The reader stops; the consumer group's offset goes back to the start (as after a lost commit, or a reset
    // by hand), and two more approvals arrive. Analytics is two records behind (its stored position), the
    // group's offset says eight.
    const reader = service.app.get(AnalyticsEventConsumer);
    await reader.close();
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      // The group is empty once the reader has left it; until the broker has seen that, it refuses.
      await eventually(() =>
        admin.setOffsets({ groupId: config.consumerGroup, topic: kafka.topic(Topics.fieldWork), partitions: [{ partition: 0, offset: '0' }] }).then(() => true),
      { what: "the group's offset reset" });
    } finally {
      await admin.disconnect();
    }
    await produce(Topics.fieldWork, 0, [timeApproved(), timeApproved()]);
    expect(await kafka.lag(config.consumerGroup, Topics.fieldWork)).toBe(8);
    const waiting = await eventually(async () => {
      const t = await scrape();
      return lagOf(t, Topics.fieldWork, 0) === 2 ? t : undefined;
    }, { what: 'lag 2 measured while the reader is stopped' });
    expect(metricSample(waiting, 'serviceloop_consumer_lag_measured_at_seconds')).toBeGreaterThan(metricSample(text, 'serviceloop_consumer_lag_measured_at_seconds')!);
    expect(consumed(waiting, 'applied')).toBe(3);

    // Started again, the reader is given the partition from offset 0: the six records before the stored position
    // are a redelivery (duplicates, not rejected again), the two new ones are applied.
    await new Promise<void>((resolve, reject) => void reader.listen((error?: unknown) => (error ? reject(error) : resolve())));
    await caughtUp(kafka, db);
    const after = await eventually(async () => {
      const t = await scrape();
      return lagOf(t, Topics.fieldWork, 0) === 0 && consumed(t, 'applied') === 5 ? t : undefined;
    }, { what: 'the two approvals applied, lag 0 again' });
    expect(consumed(after, 'duplicate')).toBe(6);
    expect(consumed(after, 'rejected')).toBe(2);
    expect(metricSample(after, 'serviceloop_events_failed_total', { topic: Topics.fieldWork, reason_code: 'INVALID_JSON' })).toBe(1);
    expect(metricSample(after, 'serviceloop_rejected_events')).toBe(2);
    expect((await db.query(`SELECT count(*)::int AS n FROM time_entry`))[0].n).toBe(4);
    // The group's offset follows the stored position again (it only mirrors it).
    await eventually(async () => (await kafka.lag(config.consumerGroup, Topics.fieldWork)) === 0, { what: "the group's offset at the end" });
  });

  it('exposes every metric the alert rules of deploy/monitoring name, but those of an outbox, held events and dead letters, which analytics has not', async () => {
    const text = await scrape();
    const histograms = new Set([...text.matchAll(/^# TYPE (\S+) histogram$/gm)].map((m) => m[1]));
    const notOfAnalytics = new Set(['up', 'serviceloop_outbox_backlog', 'serviceloop_outbox_oldest_age_seconds', 'serviceloop_parked_event_oldest_age_seconds']);
    const named = [...new Set(alertRules().flatMap((rule) => metricsIn(rule.expr)))].filter((metric) => !notOfAnalytics.has(metric));
    expect(named).toContain('serviceloop_rejected_events');
    const families = metricFamilies(text);
    expect(named.filter((metric) => !families.has(familyOf(metric, histograms)))).toEqual([]);
  });

  it('lists rejected records a page at a time, newest first, by topic and reason code; a bad page or filter is a 400 with reasons', async () => {
    await produce(Topics.schedules, 0, [{ value: '{not json 1' }, { value: '{not json 2' }, { value: JSON.stringify({ hello: 'world' }) }, { value: '{not json 3' }]);
    await produce(Topics.invoices, 1, Array.from({ length: 101 }, (_, i) => ({ value: `{not json ${i}` })));
    await caughtUp(kafka, db);
    const get = (query: Record<string, string>) => apiAs(service.app, ['analyst']).get('/read-models/rejected-events').query(query);
    type Row = { id: string; topic: string; partition: number; offset: string; reasonCode: string; reason: string };
    const rows = async (query: Record<string, string>): Promise<Row[]> => {
      const res = await get(query);
      expect(res.status).toBe(200);
      return res.body;
    };

    const schedules = await rows({ topic: Topics.schedules });
    expect(schedules.map((r) => [r.offset, r.reasonCode])).toEqual([['3', 'INVALID_JSON'], ['2', 'INVALID_ENVELOPE'], ['1', 'INVALID_JSON'], ['0', 'INVALID_JSON']]);
    expect(schedules[1]).toMatchObject({ topic: Topics.schedules, partition: 0, reason: 'specversion is missing' });
    expect((await rows({ topic: Topics.schedules, reasonCode: 'INVALID_JSON' })).map((r) => r.offset)).toEqual(['3', '1', '0']);
    expect((await rows({ topic: Topics.schedules, limit: '2' })).map((r) => r.offset)).toEqual(['3', '2']);
    expect((await rows({ topic: Topics.schedules, limit: '2', offset: '2' })).map((r) => r.offset)).toEqual(['1', '0']);
    expect(await rows({ topic: Topics.schedules, offset: '4' })).toEqual([]);
    expect((await rows({ reasonCode: 'SCHEMA_VIOLATION' })).map((r) => [r.topic, r.reasonCode])).toEqual([[Topics.fieldWork, 'SCHEMA_VIOLATION']]);

    // 2 + 4 + 101 kept: without a limit the newest 100, the rest from offset 100; up to 1000 in one page.
    const firstPage = await rows({});
    expect(firstPage).toHaveLength(100);
    const rest = await rows({ offset: '100' });
    expect(rest).toHaveLength(7);
    const all = await rows({ limit: '1000' });
    expect(all.map((r) => r.id)).toEqual([...firstPage, ...rest].map((r) => r.id));
    const ids = all.map((r) => BigInt(r.id));
    expect(ids.every((id, i) => i === 0 || id < ids[i - 1]!)).toBe(true);
    expect(all.filter((r) => r.topic === Topics.invoices && r.partition === 1)).toHaveLength(101);

    const text = await eventually(async () => {
      const t = await scrape();
      return metricSample(t, 'serviceloop_rejected_events') === 107 ? t : undefined;
    }, { what: '107 rejected records on /metrics' });
    expect(metricSample(text, 'serviceloop_events_failed_total', { topic: Topics.schedules, reason_code: 'INVALID_JSON' })).toBe(3);
    expect(metricSample(text, 'serviceloop_events_failed_total', { topic: Topics.schedules, reason_code: 'INVALID_ENVELOPE' })).toBe(1);
    expect(metricSample(text, 'serviceloop_events_failed_total', { topic: Topics.invoices, reason_code: 'INVALID_JSON' })).toBe(101);
    expect(metricSample(text, 'serviceloop_events_consumed_total', { topic: Topics.invoices, outcome: 'rejected' })).toBe(101);

    const tooMany = await get({ limit: '1001', offset: '-1' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.reasons).toEqual(['limit: limit must not be greater than 1000', 'offset: offset must not be less than 0']);
    const none = await get({ limit: '0' });
    expect(none.status).toBe(400);
    expect(none.body.reasons).toEqual(['limit: limit must not be less than 1']);
    const notANumber = await get({ limit: 'all' });
    expect(notANumber.status).toBe(400);
    expect(notANumber.body.reasons).toContain('limit: limit must be an integer number');
    const unknownCode = await get({ reasonCode: 'BROKEN' });
    expect(unknownCode.status).toBe(400);
    expect(unknownCode.body.reasons).toEqual([expect.stringMatching(/^reasonCode: reasonCode must be one of the following values: INVALID_JSON, /)]);
    const unknownFilter = await get({ reason: 'x' });
    expect(unknownFilter.status).toBe(400);
    expect(unknownFilter.body.reasons).toEqual(['reason: property reason should not exist']);
    expect((await apiAs(service.app, ['engineer']).get('/read-models/rejected-events')).status).toBe(403);
  });
});
