/**
 * `Idempotency-Key` is honoured by service-commitments too (PlatformModule
 * installs it in every service, each keeping its keys in its own database): a
 * customer's breakdown report retried after a timeout raised a second service
 * request, with its own SLA clock and escalations; with a key it is raised once.
 */
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { FixedClock } from '#platform';
import { apiAs, type TestApp, type TestKafka } from '#testing';
import { SERIAL, startWithPuneMachine } from './sla-desk.js';

describe('service-commitments: Idempotency-Key on POST /service-requests', () => {
  let service: TestApp;
  let kafka: TestKafka;
  const clock = new FixedClock(new Date('2027-01-04T04:30:00Z'));
  const customer = () => apiAs(service.app, ['customer'], { customerId: 'C-1007', subject: 'u-shakti-ops' });
  const requestsFor = async (description: string) =>
    ((await customer().get('/service-requests').query({ serialNumber: SERIAL, limit: 200 }).expect(200)).body.items as { id: string; description: string }[]).filter(
      (r) => r.description === description,
    );

  beforeAll(async () => {
    ({ service, kafka } = await startWithPuneMachine(clock, { owner: 'record', service_manager: 'record', head_of_service: 'record' }, null));
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
  });

  it('raises a service request once when the same POST is retried with the same key', async () => {
    const key = randomUUID();
    const breakdown = { serialNumber: SERIAL, priority: 'P2', description: `Hydraulic pressure drops during injection (${key})` };
    const first = await customer().post('/service-requests').set('Idempotency-Key', key).send(breakdown).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await customer().post('/service-requests').set('Idempotency-Key', key).send(breakdown).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await requestsFor(breakdown.description)).map((r) => r.id)).toEqual([first.body.id]);

    const changed = await customer().post('/service-requests').set('Idempotency-Key', key).send({ ...breakdown, priority: 'P1' }).expect(422);
    expect(changed.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    // The key lives in this service's own database.
    const kept = await service.app.get(DataSource).query(`SELECT subject, method, path, idempotency_key, status_code FROM http_idempotency`);
    expect(kept).toEqual([{ subject: 'u-shakti-ops', method: 'POST', path: '/service-requests', idempotency_key: key, status_code: 201 }]);
  });

  it('raises two without a key, as before', async () => {
    const breakdown = { serialNumber: SERIAL, priority: 'P3', description: `Mould heater alarm (${randomUUID()})` };
    await customer().post('/service-requests').send(breakdown).expect(201);
    await customer().post('/service-requests').send(breakdown).expect(201);
    expect(await requestsFor(breakdown.description)).toHaveLength(2);
  });
});
