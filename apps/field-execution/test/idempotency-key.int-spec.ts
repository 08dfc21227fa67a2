/**
 * `Idempotency-Key` on field-execution, on a real broker and database: an
 * engineer on a poor connection retries the POST of an expense whose answer
 * never reached the phone. Before, the retry recorded the expense a second
 * time (and the customer was billed twice once both were approved); with a key
 * the retry gets the first answer and records nothing.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { devAuthConfig } from '#auth';
import { Topics } from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { Clock, FixedClock, HttpIdempotencyRepository, idempotencyScopeId, requestFingerprint } from '#platform';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { FIELD_EXECUTION_DEFAULTS, FieldExecutionModule } from '../src/field-execution.module.js';
import { installationCrew, record, taskReadyEvent } from './factories.js';

const ASHA = 'e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f0011';
const BILAL = 'e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f0012';

describe('field-execution: Idempotency-Key on POST and PATCH', () => {
  let service: TestApp;
  let kafka: TestKafka;
  let db: DataSource;
  const clock = new FixedClock(new Date('2026-11-30T06:00:00Z'));
  const { task, booking, ashaVisit, bilalVisit, asha, bilal, manager } = installationCrew(() => service.app, ASHA, BILAL);
  const taxi = { category: 'travel', amount: '1850', currency: 'INR', receiptReference: 'RCPT-PUNE-4471', description: 'Taxi Pune station to Chakan' };
  const expensesOf = async (client: ReturnType<typeof apiAs>, visit: string) => (await client.get(`/visits/${visit}/expenses`).expect(200)).body as { id: string; amount: string }[];

  beforeAll(async () => {
    const config = testServiceConfig(FIELD_EXECUTION_DEFAULTS);
    service = await startTestApp(FieldExecutionModule.forRoot(config, devAuthConfig()), config, {
      transport: (app) => app.get(KafkaEventTransport),
      overrides: [[Clock, clock]],
    });
    db = service.app.get(DataSource);
    kafka = new TestKafka(config.topicPrefix);
    await kafka.produce(Topics.serviceProjects, [record(taskReadyEvent(task), task.projectId!)]);
    await kafka.produce(Topics.schedules, [record(booking, task.taskId)]);
    for (const [client, visit] of [[asha, ashaVisit], [bilal, bilalVisit]] as const) {
      await eventually(async () => (await client().get(`/visits/${visit}`)).status === 200, { what: `visit ${visit} booked` });
    }
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
  });

  it('records an expense once when its POST is retried with the same key; the retry gets the first answer, marked replayed', async () => {
    const key = randomUUID();
    const first = await asha().post(`/visits/${ashaVisit}/expenses`).set('Idempotency-Key', key).send(taxi).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.body).toMatchObject({ amount: '1850.00', currency: 'INR', status: 'submitted' });

    // The phone never got that answer and sends the same request again (its JSON keys in another order).
    const retry = await asha()
      .post(`/visits/${ashaVisit}/expenses`)
      .set('Idempotency-Key', key)
      .send({ description: taxi.description, receiptReference: taxi.receiptReference, currency: 'INR', amount: '1850', category: 'travel' })
      .expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await expensesOf(asha(), ashaVisit)).map((e) => e.id)).toEqual([first.body.id]);
    // One expense in the approval queue, so one to bill.
    expect((await manager().get('/approvals/expenses').query({ visitId: ashaVisit }).expect(200)).body.map((e: { id: string }) => e.id)).toEqual([first.body.id]);

    const other = await asha().post(`/visits/${ashaVisit}/expenses`).set('Idempotency-Key', key).send({ ...taxi, amount: '1900' }).expect(422);
    expect(other.body).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringContaining('different request') });
    expect(await expensesOf(asha(), ashaVisit)).toHaveLength(1);

    // The same key is Asha's only: Bilal's expense under it is his own, new record.
    const bilals = await bilal().post(`/visits/${bilalVisit}/expenses`).set('Idempotency-Key', key).send(taxi).expect(201);
    expect(bilals.headers['idempotent-replayed']).toBeUndefined();
    expect(bilals.body.id).not.toBe(first.body.id);
    expect((await expensesOf(bilal(), bilalVisit)).map((e) => e.id)).toEqual([bilals.body.id]);
    // So is a service manager's for Asha, on the very same path and body.
    const forAsha = await manager().post(`/visits/${ashaVisit}/expenses`).set('Idempotency-Key', key).send(taxi).expect(201);
    expect(forAsha.headers['idempotent-replayed']).toBeUndefined();
    expect((await expensesOf(asha(), ashaVisit)).map((e) => e.id)).toEqual([first.body.id, forAsha.body.id]);
  });

  it('gives the answer a client gave up waiting for to its retry, and refuses the retry while the first still runs', async () => {
    const key = randomUUID();
    const path = `/visits/${ashaVisit}/expenses`;
    const toll = { category: 'travel', amount: '320', currency: 'INR', description: 'Expressway toll' };
    const before = (await expensesOf(asha(), ashaVisit)).length;
    // The first request waits on the database (the expense table locked) long enough for the phone to give up.
    const lock = db.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    try {
      // Never a hang: the lock is not waited for long, and PostgreSQL ends this transaction (freeing the table for the
      // blocked request and for the service's shutdown) if the test stops before it commits.
      await lock.query(`SET LOCAL lock_timeout = '5s'`);
      await lock.query(`SET LOCAL idle_in_transaction_session_timeout = '30s'`);
      await lock.query('LOCK TABLE expense IN ACCESS EXCLUSIVE MODE');
      await expect(asha().post(path).set('Idempotency-Key', key).send(toll).timeout(500)).rejects.toMatchObject({ code: 'ECONNABORTED' });
      const during = await asha().post(path).set('Idempotency-Key', key).send(toll).expect(409);
      expect(during.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_PROGRESS' });
    } finally {
      await lock.commitTransaction();
      await lock.release();
    }
    const retry = await eventually(async () => {
      const res = await asha().post(path).set('Idempotency-Key', key).send(toll);
      return res.status === 409 ? undefined : res;
    }, { what: 'the first answer, once stored' });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const after = await expensesOf(asha(), ashaVisit);
    expect(after).toHaveLength(before + 1);
    expect(after.map((e) => e.id)).toContain(retry.body.id);
  });

  it('records twice without a key, as before', async () => {
    const before = (await expensesOf(bilal(), bilalVisit)).length;
    const parking = { category: 'travel', amount: '80', currency: 'INR', description: 'Parking at the plant' };
    const one = await bilal().post(`/visits/${bilalVisit}/expenses`).send(parking).expect(201);
    const two = await bilal().post(`/visits/${bilalVisit}/expenses`).send(parking).expect(201);
    expect(two.body.id).not.toBe(one.body.id);
    expect(two.headers['idempotent-replayed']).toBeUndefined();
    expect(await expensesOf(bilal(), bilalVisit)).toHaveLength(before + 2);
  });

  it('keeps a note once, and a PATCH too', async () => {
    const key = `note-${randomUUID()}`;
    const note = { text: 'Foundation bolts re-torqued; advised a re-check after 200 hours' };
    const first = await asha().post(`/visits/${ashaVisit}/notes`).set('Idempotency-Key', key).send(note);
    expect(first.status).toBeLessThan(300);
    const again = await asha().post(`/visits/${ashaVisit}/notes`).set('Idempotency-Key', key).send(note).expect(first.status);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const visit = (await asha().get(`/visits/${ashaVisit}`).expect(200)).body;
    expect(visit.notes.filter((n: { text: string }) => n.text === note.text)).toHaveLength(1);

    const [expense] = await expensesOf(asha(), ashaVisit);
    const editKey = randomUUID();
    const edited = await asha().patch(`/expenses/${expense.id}`).set('Idempotency-Key', editKey).send({ amount: '1875' }).expect(200);
    expect(edited.body.amount).toBe('1875.00');
    const editedAgain = await asha().patch(`/expenses/${expense.id}`).set('Idempotency-Key', editKey).send({ amount: '1875' }).expect(200);
    expect(editedAgain.headers['idempotent-replayed']).toBe('true');
    expect(editedAgain.body).toEqual(edited.body);
  });

  it('answers a refused request the same way again, without running it again', async () => {
    const key = randomUUID();
    const refused = await asha().post(`/visits/${ashaVisit}/expenses`).set('Idempotency-Key', key).send({ category: 'tools', amount: '20.00', currency: 'EUR' }).expect(400);
    expect(refused.body.code).toBe('EXCHANGE_RATE_REQUIRED');
    const again = await asha().post(`/visits/${ashaVisit}/expenses`).set('Idempotency-Key', key).send({ category: 'tools', amount: '20.00', currency: 'EUR' }).expect(400);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(refused.body);
  });

  it('keeps no 5xx answer: a retry after a server error runs again', async () => {
    const key = randomUUID();
    const body = { category: 'tools', amount: '450', currency: 'INR', description: 'Torque wrench hire' };
    const before = (await expensesOf(asha(), ashaVisit)).length;
    // The expense table is out of reach for the first attempt (a real database fault, not a mock).
    await db.query(`ALTER TABLE expense RENAME TO expense_away`);
    try {
      await asha().post(`/visits/${ashaVisit}/expenses`).set('Idempotency-Key', key).send(body).expect(500);
    } finally {
      await db.query(`ALTER TABLE expense_away RENAME TO expense`);
    }
    expect(await db.query(`SELECT 1 FROM http_idempotency WHERE idempotency_key = $1`, [key])).toEqual([]);
    const retry = await asha().post(`/visits/${ashaVisit}/expenses`).set('Idempotency-Key', key).send(body).expect(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await expensesOf(asha(), ashaVisit)).toHaveLength(before + 1);
  });

  it('refuses a malformed key with 400 and the reason, recording nothing', async () => {
    const before = (await expensesOf(asha(), ashaVisit)).length;
    const tooLong = await asha().post(`/visits/${ashaVisit}/expenses`).set('Idempotency-Key', 'k'.repeat(256)).send(taxi).expect(400);
    expect(tooLong.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_INVALID', reasons: ['Idempotency-Key: must be at most 255 characters (it has 256)'] });
    const empty = await asha().post(`/visits/${ashaVisit}/expenses`).set('Idempotency-Key', '""').send(taxi).expect(400);
    expect(empty.body.message).toBe('Idempotency-Key: must not be empty');
    expect(await expensesOf(asha(), ashaVisit)).toHaveLength(before);
  });

  it('documents the header on every POST and PATCH in the OpenAPI document, and on no GET', async () => {
    const document = (await asha().get('/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };
    const withKey = (path: string, method: string) => (document.paths[path][method].parameters ?? []).some((p) => p.name === 'Idempotency-Key' && p.in === 'header');
    expect(withKey('/visits/{id}/expenses', 'post')).toBe(true);
    expect(withKey('/expenses/{id}', 'patch')).toBe(true);
    expect(withKey('/visits/{id}/expenses', 'get')).toBe(false);
    const operations = Object.values(document.paths).flatMap((item) => Object.entries(item));
    expect(operations.filter(([method]) => method === 'post' || method === 'patch').every(([, op]) => op.parameters?.some((p) => p.name === 'Idempotency-Key'))).toBe(true);
  });

  it('refuses a retry with 409 while the first request runs or after it died, and forgets the key after 24 hours', async () => {
    const key = randomUUID();
    const path = `/visits/${ashaVisit}/expenses`;
    const body = { category: 'other', amount: '15', currency: 'INR', description: 'Courier for the calibration report' };
    const scope = idempotencyScopeId({ subject: 'asha.patil', method: 'POST', path, key });
    // As the first request leaves it while its handler runs: reserved, no answer yet.
    await db.query(
      `INSERT INTO http_idempotency (scope, subject, method, path, idempotency_key, request_hash) VALUES ($1, 'asha.patil', 'POST', $2, $3, $4)`,
      [scope, path, key, requestFingerprint({ method: 'POST', path, body })],
    );
    const before = (await expensesOf(asha(), ashaVisit)).length;
    const running = await asha().post(path).set('Idempotency-Key', key).send(body).expect(409);
    expect(running.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_PROGRESS', message: expect.stringContaining('still running') });

    await db.query(`UPDATE http_idempotency SET created_at = now() - interval '2 minutes' WHERE scope = $1`, [scope]);
    const died = await asha().post(path).set('Idempotency-Key', key).send(body).expect(409);
    expect(died.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_ABANDONED', message: expect.stringContaining('never finished') });
    expect(await expensesOf(asha(), ashaVisit)).toHaveLength(before);

    // A day later the key is free again: this request is new.
    await db.query(`UPDATE http_idempotency SET created_at = now() - interval '25 hours' WHERE scope = $1`, [scope]);
    const fresh = await asha().post(path).set('Idempotency-Key', key).send(body).expect(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(await expensesOf(asha(), ashaVisit)).toHaveLength(before + 1);

    // The sweep removes keys past 24 hours and keeps the rest.
    await db.query(`UPDATE http_idempotency SET created_at = now() - interval '25 hours' WHERE scope <> $1`, [scope]);
    const kept = Number((await db.query(`SELECT count(*) AS n FROM http_idempotency`))[0].n);
    expect(kept).toBeGreaterThan(3);
    expect(await service.app.get(HttpIdempotencyRepository).purgeExpired(2)).toBe(kept - 1);
    expect(await db.query(`SELECT scope, status_code FROM http_idempotency`)).toEqual([{ scope, status_code: 201 }]);
  });
});
