import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { devAuthConfig } from '#auth';
import { KafkaEventTransport } from '#messaging';
import { checkMigrations, eventually, startTestApp, testServiceConfig, type TestApp } from '#testing';
import { BILLING_API, BILLING_DEFAULTS, BILLING_ENTITIES, BILLING_MIGRATIONS, BillingModule } from '../src/billing.module.js';
import { RateCardEntity } from '../src/rate-cards/rate-card.entity.js';

const getJson = (app: INestApplication, path: string) => request(app.getHttpServer()).get(path);

describe('billing service', () => {
  let service: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    const config = testServiceConfig(BILLING_DEFAULTS);
    service = await startTestApp(BillingModule.forRoot(config, devAuthConfig()), config, { title: BILLING_API.title, transport: (app) => app.get(KafkaEventTransport) });
    dataSource = service.app.get(DataSource);
  });

  afterAll(async () => {
    await service?.close();
  });

  it('reports health: database up, no pending migrations', async () => {
    const body = await eventually(async () => {
      const res = await getJson(service.app, '/health');
      return res.status === 200 ? res.body : undefined;
    }, { what: 'healthy' });
    expect(body).toMatchObject({ service: 'billing', status: 'up', checks: { database: { up: true, detail: { pendingMigrations: false } } } });
  });

  it('publishes its OpenAPI document', async () => {
    const { status, body } = await getJson(service.app, '/docs/openapi.json');
    expect(status).toBe(200);
    expect(body.info.title).toBe(BILLING_API.title);
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/health', '/ledger', '/ledger/{id}', '/review-queue', '/invoice-requests', '/invoice-requests/{id}', '/rate-cards']));
  });

  it('migrated its own database at boot', async () => {
    const applied: { name: string }[] = await dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
    expect(applied.map((m) => m.name)).toEqual(BILLING_MIGRATIONS.map((Migration) => new Migration().name));
    const [table] = await dataSource.query(`SELECT to_regclass('public.rate_card') IS NOT NULL AS present`);
    expect(table.present).toBe(true);
  });

  it('has migrations that build exactly what the entities describe, and undo cleanly', async () => {
    const result = await checkMigrations(BILLING_ENTITIES, BILLING_MIGRATIONS);
    expect(result.applied).toEqual(BILLING_MIGRATIONS.map((Migration) => new Migration().name));
    expect(result.drift).toEqual([]);
    expect(result.tablesAfterUndo).toEqual([]);
  });

  it('keeps a rate exact to four decimals, as a decimal string', async () => {
    const rateCards = dataSource.getRepository(RateCardEntity);
    const listPrice = await rateCards.save(
      rateCards.create({ customerId: null, activity: 'engineer-hour', rate: '1234567890.1234', currency: 'INR', validFrom: '2026-01-01' }),
    );
    const loaded = await rateCards.findOneByOrFail({ id: listPrice.id });
    expect(loaded).toMatchObject({ customerId: null, rate: '1234567890.1234', currency: 'INR', validFrom: '2026-01-01' });
  });

  it('refuses a negative rate and a currency that is not an ISO 4217 code', async () => {
    const rateCards = dataSource.getRepository(RateCardEntity);
    const card = { customerId: 'C-1007', activity: 'engineer-hour', validFrom: '2026-01-01' };
    await expect(rateCards.insert({ ...card, rate: '-1.0000', currency: 'INR' })).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'ck_rate_card_rate' },
    });
    await expect(rateCards.insert({ ...card, rate: '1500.0000', currency: 'inr' })).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'ck_rate_card_currency' },
    });
  });
});
