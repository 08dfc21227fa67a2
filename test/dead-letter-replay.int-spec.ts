/**
 * Operators' tools for what a service could not apply, on a real broker and
 * database (service-commitments as the example): held events listed per topic
 * with what they wait for and given up on by hand; dead letters replayed one at
 * a time or all of a topic (and reason), each request audited with who, when,
 * why and the outcome; a second replay has no second effect and is audited as
 * "already replayed". And consumer lag on /metrics, measured against the broker
 * at scrape time: non-zero while records wait with no consumer running, zero
 * once one has caught up.
 */
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Topics } from '#contracts';
import { devAuthConfig } from '#auth';
import { DeadLetters, KafkaEventTransport } from '#messaging';
import { dropDatabase } from '#persistence';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, tokenFor, uniqueSuffix, type TestApp } from '#testing';
import { SERVICE_COMMITMENTS_DEFAULTS, ServiceCommitmentsModule } from '../apps/service-commitments/src/service-commitments.module.js';
import { cancellationEvent, orderEvent, structuredRecord } from '../apps/service-commitments/test/factories.js';
import { DeadLettersClient, formatHeldByTopic, formatReplays, type ReplayAuditEntry } from '../scripts/dead-letters-client.js';

type Project = { id: string; status: string };

describe('held events and dead-letter replays with an audit (service-commitments on the real broker)', () => {
  let service: TestApp;
  let kafka: TestKafka;
  let baseUrl: string;
  /** An operator's client, as the CLI builds it: the token's subject and the operator's own name. */
  let ops: DeadLettersClient;

  beforeAll(async () => {
    const config = testServiceConfig(SERVICE_COMMITMENTS_DEFAULTS);
    service = await startTestApp(ServiceCommitmentsModule.forRoot(config, devAuthConfig()), config, {
      transport: (app) => app.get(KafkaEventTransport),
    });
    await service.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(service.app.getHttpServer().address() as AddressInfo).port}`;
    kafka = new TestKafka(config.topicPrefix);
    ops = new DeadLettersClient(baseUrl, tokenFor(['integration'], { subject: 'ops-console' }));
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
  });

  const desk = () => apiAs(service.app, ['service_manager'], { subject: 'desk-lead' });

  async function projectOf(orderId: string): Promise<Project> {
    return eventually(async () => {
      const list = await desk().get('/projects').query({ orderId }).expect(200);
      return list.body.items[0] ? ((await desk().get(`/projects/${list.body.items[0].id}`).expect(200)).body as Project) : undefined;
    }, { what: `the project of ${orderId}` });
  }

  /** Cancellations of orders not known yet are held; giving up on them makes ORDER_NOT_FOUND dead letters. */
  async function holdAndGiveUp(orderIds: string[], note: { operator: string; comment: string }): Promise<Map<string, string>> {
    await kafka.produce(Topics.salesOrders, orderIds.map((id) => structuredRecord(cancellationEvent(id))));
    const held = await eventually(async () => {
      const events = await ops.heldEvents({ topic: Topics.salesOrders });
      const mine = events.filter((e) => orderIds.includes(e.key ?? ''));
      return mine.length === orderIds.length ? mine : undefined;
    }, { what: `${orderIds.length} held cancellations` });
    const letters = new Map<string, string>();
    for (const event of held) {
      const { deadLetterId } = await ops.giveUp(event.id, note);
      expect(deadLetterId).toMatch(/^\d+$/);
      letters.set(event.key!, deadLetterId!);
    }
    return letters;
  }

  it('lists held events per topic with what they wait for; giving up on one makes it a dead letter naming who and why', async () => {
    const cancellation = cancellationEvent('SO-HELD-1');
    await kafka.produce(Topics.salesOrders, [structuredRecord(cancellation)]);
    const held = await eventually(async () => (await ops.heldEvents({ topic: Topics.salesOrders })).find((e) => e.key === 'SO-HELD-1'), { what: 'the held cancellation' });
    expect(held).toMatchObject({ topic: Topics.salesOrders, eventId: cancellation.id, type: 'erp.sales-order.cancelled.v1', releasedAt: null, outcome: null });
    expect(held.waitingFor).toContain('SO-HELD-1');
    expect(held.reason).toMatch(/^Waiting for .*SO-HELD-1/);
    expect(new Date(held.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(formatHeldByTopic(await ops.heldEvents())).toMatch(new RegExp(`${Topics.salesOrders.replace(/\./g, '\\.')}: 1 held event\\(s\\)\\n  #${held.id} erp\\.sales-order\\.cancelled\\.v1 .*key=SO-HELD-1 waiting for \\S*SO-HELD-1`));

    const { deadLetterId } = await ops.giveUp(held.id, { operator: 'asha', comment: 'ERP lost this order; it will be resent' });
    const letter = (await ops.list({ reasonCode: 'ORDER_NOT_FOUND' })).find((l) => l.id === deadLetterId)!;
    expect(letter).toMatchObject({ key: 'SO-HELD-1', originalPartition: held.partition, originalOffset: held.offset, replayedAt: null });
    expect(letter.reason).toMatch(/^Given up by ops-console \(asha\) while waiting for \S*SO-HELD-1 .*: ERP lost this order; it will be resent$/);
    expect((await ops.heldEvents({ topic: Topics.salesOrders })).find((e) => e.id === held.id)).toBeUndefined();
    expect((await ops.heldEvents({ includeReleased: true })).find((e) => e.id === held.id)).toMatchObject({ outcome: 'dead_lettered' });
    // Once only: it is no longer held.
    const again = await desk().post(`/held-events/${held.id}/dead-letter`).send({}).expect(409);
    expect(again.body.code).toBe('NOT_HELD');
    await desk().post('/held-events/999999999/dead-letter').send({}).expect(404);
  });

  it('replays one dead letter after the fix; a second replay has no second effect, and both are audited', async () => {
    const [letterId] = [...(await holdAndGiveUp(['SO-ONE-1'], { operator: 'asha', comment: 'waiting too long' })).values()];
    // The fix: the order arrives.
    await kafka.produce(Topics.salesOrders, [structuredRecord(orderEvent('SO-ONE-1'))]);
    const project = await projectOf('SO-ONE-1');
    expect(project.status).toBe('active');
    const letter = (await ops.list({})).find((l) => l.id === letterId)!;

    const before = Date.now();
    expect(await ops.replay(letterId, { operator: 'asha', comment: 'order SO-ONE-1 arrived' })).toEqual({ id: letterId, outcome: 'replayed' });
    await eventually(async () => (await desk().get(`/projects/${project.id}`).expect(200)).body.status === 'cancelled', { what: 'the replayed cancellation applied' });

    const second = await ops.replay(letterId, { operator: 'ravi', comment: 'trying again' });
    expect(second.outcome).toBe('already-replayed');
    expect(second.detail).toMatch(/already replayed/);

    const audit = await ops.replays({ deadLetterId: letterId });
    expect(audit).toHaveLength(2);
    const [refused, replayed] = audit;
    const common = {
      deadLetterId: letterId,
      originalTopic: Topics.salesOrders,
      originalPartition: letter.originalPartition,
      originalOffset: letter.originalOffset,
      reasonCode: 'ORDER_NOT_FOUND',
      replayedBy: 'ops-console',
    };
    expect(replayed).toMatchObject({ ...common, operator: 'asha', comment: 'order SO-ONE-1 arrived', outcome: 'replayed', detail: null });
    expect(refused).toMatchObject({ ...common, operator: 'ravi', comment: 'trying again', outcome: 'already_replayed' });
    expect(refused.detail).toMatch(/replayed before at /);
    for (const entry of audit) {
      expect(new Date(entry.requestedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(new Date(entry.requestedAt).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    }
    // The original event's id, read from the stored record.
    const original = (await kafka.readAll(Topics.salesOrders)).find((r) => r.key === 'SO-ONE-1' && JSON.parse(r.value!.toString()).type === 'erp.sales-order.cancelled.v1')!;
    expect(replayed.eventId).toBe(JSON.parse(original.value!.toString()).id);
    expect(formatReplays(audit)).toMatch(new RegExp(`#${letterId} ${Topics.salesOrders.replace(/\./g, '\\.')} p\\d+@\\d+ event=\\S+ ORDER_NOT_FOUND by ops-console \\(operator asha\\): replayed`));

    // One effect: one copy on the topic, applied once.
    const copies = (await kafka.readAll(Topics.salesOrders)).filter((r) => r.headers['dlq-replay-of'] === letterId);
    expect(copies).toHaveLength(1);
    expect(copies[0].headers['dlq-replayed-by']).toBe('ops-console');
    const inbox = await service.app.get(DataSource).query('SELECT outcome FROM processed_event WHERE event_id = $1', [replayed.eventId]);
    expect(inbox).toEqual([{ outcome: 'applied' }]);
  });

  it('replays all dead letters of a topic and reason, one audit row each; replaying all again replays nothing', async () => {
    const orders = ['SO-ALL-1', 'SO-ALL-2', 'SO-ALL-3'];
    const letters = await holdAndGiveUp(orders, { operator: 'asha', comment: 'batch from the ERP outage' });
    // A dead letter of another reason on the same topic stays where it is.
    await kafka.produce(Topics.salesOrders, [{ key: 'SO-GARBLED', value: 'not json at all' }]);
    const garbled = await eventually(async () => (await ops.list({ reasonCode: 'INVALID_JSON' })).find((l) => l.key === 'SO-GARBLED'), { what: 'the INVALID_JSON dead letter' });
    await kafka.produce(Topics.salesOrders, orders.map((id) => structuredRecord(orderEvent(id))));
    const projects = await Promise.all(orders.map(projectOf));

    // Without a topic, replay-all is refused with the reason.
    const refused = await desk().post('/dead-letters/replay').send({}).expect(400);
    expect(JSON.stringify(refused.body)).toMatch(/topic is required/);

    // Waiting: these three and SO-HELD-1's (given up on above); SO-ONE-1's was replayed before.
    const waiting = (await ops.list({ topic: Topics.salesOrders, reasonCode: 'ORDER_NOT_FOUND' })).filter((l) => l.replayedAt === null);
    expect(waiting.map((l) => l.key).sort()).toEqual([...orders, 'SO-HELD-1'].sort());
    // The list pages newest first, one dead letter a page, without gaps or repeats.
    const all = (await desk().get('/dead-letters').query({ topic: Topics.salesOrders }).expect(200)).body as { id: string }[];
    const paged: string[] = [];
    for (let offset = 0; offset < all.length; offset++) {
      paged.push(...((await desk().get('/dead-letters').query({ topic: Topics.salesOrders, limit: 1, offset }).expect(200)).body as { id: string }[]).map((l) => l.id));
    }
    expect(paged).toEqual(all.map((l) => l.id));
    expect(all.map((l) => Number(l.id))).toEqual([...all.map((l) => Number(l.id))].sort((x, y) => y - x));
    expect((await desk().get('/dead-letters').query({ offset: -1 }).expect(400)).body.reasons).toEqual(['offset: offset must not be less than 0']);
    const res = await desk()
      .post('/dead-letters/replay')
      .send({ topic: Topics.salesOrders, reasonCode: 'ORDER_NOT_FOUND', comment: 'orders are in now', operator: 'desk lead Meera' })
      .expect(200);
    expect(res.body).toMatchObject({ topic: Topics.salesOrders, reasonCode: 'ORDER_NOT_FOUND', replayed: 4, alreadyReplayed: 0, failed: 0 });
    // Oldest first.
    expect(res.body.results.map((r: { id: string }) => r.id)).toEqual(waiting.map((l) => l.id).sort((x, y) => Number(x) - Number(y)));
    expect(res.body.results.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([...letters.values()]));
    for (const project of projects) {
      await eventually(async () => (await desk().get(`/projects/${project.id}`).expect(200)).body.status === 'cancelled', { what: `project ${project.id} cancelled by the replay` });
    }

    const audit = (await ops.replays({ topic: Topics.salesOrders })).filter((e) => [...letters.values()].includes(e.deadLetterId));
    expect(audit).toHaveLength(3);
    for (const entry of audit) {
      expect(entry).toMatchObject({ replayedBy: 'desk-lead', operator: 'desk lead Meera', comment: 'orders are in now', outcome: 'replayed', reasonCode: 'ORDER_NOT_FOUND' });
      expect(entry.eventId).toMatch(/\S/);
    }

    const again = await desk().post('/dead-letters/replay').send({ topic: Topics.salesOrders, reasonCode: 'ORDER_NOT_FOUND' }).expect(200);
    expect(again.body).toMatchObject({ replayed: 0, alreadyReplayed: 0, failed: 0, results: [] });
    // Asking for one of them again by id: refused, and audited.
    const one = letters.get('SO-ALL-2')!;
    expect((await desk().post(`/dead-letters/${one}/replay`).send({ comment: 'once more' }).expect(409)).body.code).toBe('ALREADY_REPLAYED');
    const history: ReplayAuditEntry[] = (await desk().get('/dead-letters/replays').query({ deadLetterId: one }).expect(200)).body;
    expect(history.map((e) => [e.outcome, e.replayedBy, e.comment])).toEqual([
      ['already_replayed', 'desk-lead', 'once more'],
      ['replayed', 'desk-lead', 'orders are in now'],
    ]);
    for (const id of letters.values()) {
      expect((await kafka.readAll(Topics.salesOrders)).filter((r) => r.headers['dlq-replay-of'] === id)).toHaveLength(1);
    }
    expect((await ops.list({ reasonCode: 'INVALID_JSON' })).find((l) => l.id === garbled.id)?.replayedAt).toBeNull();

    // The CLI's "replay --all" goes through the same route: the INVALID_JSON one now (it fails again, as a new dead letter).
    const viaCli = await ops.replayAll({ topic: Topics.salesOrders, reasonCode: 'INVALID_JSON' }, { operator: 'asha', comment: 'parser fixed' });
    expect(viaCli).toEqual([{ id: garbled.id, outcome: 'replayed' }]);
    expect((await ops.replays({ deadLetterId: garbled.id }))[0]).toMatchObject({ outcome: 'replayed', replayedBy: 'ops-console', operator: 'asha', eventId: null });

    const analyst = new DeadLettersClient(baseUrl, tokenFor(['analyst']));
    await expect(analyst.replays()).rejects.toThrow(/HTTP 403/);
    await expect(analyst.heldEvents()).rejects.toThrow(/HTTP 403/);
  });

  it('does the same from the CLI (built by `npm run build`), with the OS user as the operator', async () => {
    // Asynchronously: the service answers from this very process.
    const cli = async (...args: string[]) => {
      try {
        const { stdout } = await promisify(execFile)(process.execPath, ['dist/scripts/dead-letters.js', ...args, '--dev-token'], { encoding: 'utf8', env: { ...process.env, DEAD_LETTERS_TOKEN: '' } });
        return { code: 0, stdout };
      } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: `${failed.stdout}${failed.stderr}` };
      }
    };
    const me = userInfo().username;
    await kafka.produce(Topics.salesOrders, [structuredRecord(cancellationEvent('SO-CLI-1'))]);
    const held = await eventually(async () => (await ops.heldEvents({ topic: Topics.salesOrders })).find((e) => e.key === 'SO-CLI-1'), { what: 'the held cancellation' });
    const listed = await cli('held', baseUrl, '--topic', Topics.salesOrders);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`#${held.id} erp\\.sales-order\\.cancelled\\.v1 .*key=SO-CLI-1 waiting for \\S*SO-CLI-1`));

    const given = await cli('give-up', baseUrl, held.id, '--comment', 'no such order in the ERP');
    expect(given.stdout).toMatch(new RegExp(`held event #${held.id} dead-lettered as dead letter #(\\d+)`));
    const letterId = given.stdout.match(/as dead letter #(\d+)/)![1];
    await kafka.produce(Topics.salesOrders, [structuredRecord(orderEvent('SO-CLI-1'))]);
    const project = await projectOf('SO-CLI-1');

    const first = await cli('replay', baseUrl, letterId, '--comment', 'ERP resent SO-CLI-1');
    expect(first).toEqual({ code: 0, stdout: `#${letterId} replayed\n` });
    await eventually(async () => (await desk().get(`/projects/${project.id}`).expect(200)).body.status === 'cancelled', { what: 'the replayed cancellation applied' });
    const second = await cli('replay', baseUrl, letterId, '--operator', 'night-shift');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`^#${letterId} already-replayed: .*already replayed`));

    const audit = await cli('replays', baseUrl, '--id', letterId);
    expect(audit.code).toBe(0);
    const lines = audit.stdout.trim().split('\n').filter((l) => !l.startsWith(' '));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`#${letterId} .* ORDER_NOT_FOUND by night-shift: already_replayed$`));
    expect(lines[1]).toMatch(new RegExp(`#${letterId} .* ORDER_NOT_FOUND by ${me}: replayed$`));
    expect(audit.stdout).toContain('comment: ERP resent SO-CLI-1');
    expect((await ops.replays({ deadLetterId: letterId })).map((e) => [e.outcome, e.replayedBy, e.operator])).toEqual([
      ['already_replayed', 'night-shift', 'night-shift'],
      ['replayed', me, me],
    ]);
  });

  it('sends a record delivered again (its consumer died before committing) to the dead-letter topic once, and one kept but never sent is sent when it comes back', async () => {
    const deadLetters = service.app.get(DeadLetters);
    const dlqCopiesOf = async (offset: string) =>
      (await kafka.readAll(`${Topics.salesOrders}.dlq`)).filter((r) => r.headers['dlq-original-partition'] === '0' && r.headers['dlq-original-offset'] === offset);
    // Offsets far past anything this topic holds, so no real record shares them.
    const record = (offset: string) => ({
      topic: Topics.salesOrders,
      partition: 0,
      offset,
      key: `SO-AGAIN-${offset}`,
      value: Buffer.from('{not json'),
      headers: { 'correlation-id': `again-${offset}`, 'x-route': ['plant-01', 'gateway-2'] },
    });

    await deadLetters.send(record('9000001'), 'INVALID_JSON', 'Unexpected token n');
    await deadLetters.send(record('9000001'), 'INVALID_JSON', 'Unexpected token n (second delivery)');
    const copies = await dlqCopiesOf('9000001');
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ key: 'SO-AGAIN-9000001', value: Buffer.from('{not json') });
    expect(copies[0].headers).toMatchObject({ 'dlq-reason-code': 'INVALID_JSON', 'dlq-reason': 'Unexpected token n', 'correlation-id': 'again-9000001' });
    // A header the record repeats keeps every value, in order.
    expect(copies[0].headerValues['x-route']).toEqual(['plant-01', 'gateway-2']);
    const [letter] = (await ops.list({ topic: Topics.salesOrders })).filter((l) => l.originalOffset === '9000001');
    expect(letter.publishedAt).not.toBeNull();
    expect(copies[0].headers['dlq-failed-at']).toBe(letter.failedAt);

    // Kept, then the process died before the send: the next delivery sends it, once.
    await service.app.get(DataSource).query(
      `INSERT INTO dead_letter (original_topic, original_partition, original_offset, dlq_topic, message_key, value, headers, reason_code, reason, failed_at)
       SELECT original_topic, 0, 9000002, dlq_topic, 'SO-AGAIN-9000002', value, '{}', 'SCHEMA_VIOLATION', 'orderId must be a string', now()
         FROM dead_letter WHERE original_topic = $1 AND original_offset = 9000001`,
      [Topics.salesOrders],
    );
    const unsent = (await ops.list({ topic: Topics.salesOrders })).find((l) => l.originalOffset === '9000002')!;
    expect(unsent.publishedAt).toBeNull();
    // Not replayable until it is on the dead-letter topic: its consumer still owns it.
    const early = await apiAs(service.app, ['integration']).post(`/dead-letters/${unsent.id}/replay`).send({}).expect(409);
    expect(early.body.code).toBe('NOT_DEAD_LETTERED_YET');
    expect(await ops.replay(unsent.id)).toMatchObject({ outcome: 'failed', detail: expect.stringMatching(/^HTTP 409 .*not on .*dlq yet/) });
    await deadLetters.send(record('9000002'), 'SCHEMA_VIOLATION', 'orderId must be a string');
    expect(await dlqCopiesOf('9000002')).toHaveLength(1);
    expect((await dlqCopiesOf('9000002'))[0].headers['dlq-reason-code']).toBe('SCHEMA_VIOLATION');
    expect((await ops.list({ topic: Topics.salesOrders })).find((l) => l.originalOffset === '9000002')!.publishedAt).not.toBeNull();
    await deadLetters.send(record('9000002'), 'SCHEMA_VIOLATION', 'orderId must be a string');
    expect(await dlqCopiesOf('9000002')).toHaveLength(1);
    // Once sent, it replays as any other; the one kept with a repeated header puts it back with every value.
    expect(await ops.replay(unsent.id, { comment: 'checked' })).toEqual({ id: unsent.id, outcome: 'replayed' });
    expect(await ops.replay(letter.id, { comment: 'checked' })).toEqual({ id: letter.id, outcome: 'replayed' });
    const replayed = await eventually(async () => (await kafka.readAll(Topics.salesOrders)).find((r) => r.headers['dlq-replay-of'] === letter.id), { what: 'the replayed record' });
    expect(replayed.headerValues['x-route']).toEqual(['plant-01', 'gateway-2']);
  });
});

/** Sum over the partitions of a topic of one metric's samples. */
function sumOf(text: string, name: string, topic: string): number | undefined {
  const values = text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes(`topic="${topic}"`))
    .map((line) => Number(line.split(' ').pop()));
  return values.length ? values.reduce((a, b) => a + b, 0) : undefined;
}

describe('consumer lag on /metrics, measured against the broker at scrape time', () => {
  const suffix = uniqueSuffix();
  const config = testServiceConfig(SERVICE_COMMITMENTS_DEFAULTS, { suffix });
  const boot = (withConsumer: boolean) =>
    startTestApp(ServiceCommitmentsModule.forRoot(config, devAuthConfig()), config, withConsumer ? { transport: (app) => app.get(KafkaEventTransport) } : {});
  const kafka = new TestKafka(config.topicPrefix);
  const running: TestApp[] = [];

  afterAll(async () => {
    await kafka.close();
    for (const app of running) await app.close({ dropDatabase: false });
    await dropDatabase(config.databaseUrl);
  });

  it('is non-zero while records wait with no consumer running, and zero once a consumer has caught up', async () => {
    // A consumer creates the topics and joins the group, then stops.
    const first = await boot(true);
    await first.close({ dropDatabase: false });
    // This instance only answers scrapes: it consumes nothing.
    const observer = await boot(false);
    running.push(observer);
    const scrape = async () => (await request(observer.app.getHttpServer()).get('/metrics').expect(200)).text;
    const orders = ['SO-LAG-1', 'SO-LAG-2', 'SO-LAG-3', 'SO-LAG-4', 'SO-LAG-5'];
    await kafka.produce(Topics.salesOrders, orders.map((id) => structuredRecord(orderEvent(id))));

    const stalled = await eventually(async () => {
      const text = await scrape();
      return sumOf(text, 'serviceloop_consumer_lag', Topics.salesOrders) === orders.length ? text : undefined;
    }, { what: 'the waiting records as lag', timeoutMs: 20_000 });
    expect(await kafka.lag(config.consumerGroup, Topics.salesOrders)).toBe(orders.length);
    expect(Number(stalled.match(/^serviceloop_consumer_lag_measured_at_seconds\{[^}]*\} (\S+)$/m)?.[1])).toBeGreaterThan(Date.now() / 1000 - 30);
    expect(stalled).toMatch(/^serviceloop_consumer_lag_measure_failures_total\{[^}]*\} 0$/m);

    // A consumer starts and catches up; the observer, which handled nothing, sees the lag drop to zero.
    running.push(await boot(true));
    await eventually(async () => sumOf(await scrape(), 'serviceloop_consumer_lag', Topics.salesOrders) === 0, { what: 'lag zero after the catch-up', timeoutMs: 30_000 });
    const [{ n }] = await observer.app.get(DataSource).query('SELECT count(*)::int AS n FROM service_project');
    expect(n).toBe(orders.length);
  });
});
