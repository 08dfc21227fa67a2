import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { devAuthConfig } from '#auth';
import { checkMigrations, startTestApp, testServiceConfig, type TestApp } from '#testing';
import {
  ANALYTICS_API,
  ANALYTICS_DEFAULTS,
  ANALYTICS_ENTITIES,
  ANALYTICS_MIGRATIONS,
  AnalyticsModule,
} from '../src/analytics.module.js';
import { ConsumerPositionEntity } from '../src/read-models/consumer-position.entity.js';

const getJson = (app: INestApplication, path: string) => request(app.getHttpServer()).get(path);

describe('analytics service skeleton', () => {
  let service: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    const config = testServiceConfig(ANALYTICS_DEFAULTS);
    service = await startTestApp(AnalyticsModule.forRoot(config, devAuthConfig()), config, { title: ANALYTICS_API.title });
    dataSource = service.app.get(DataSource);
  });

  afterAll(async () => {
    await service?.close();
  });

  it('reports health: database up, no pending migrations', async () => {
    const { status, body } = await getJson(service.app, '/health');
    expect(status).toBe(200);
    expect(body).toEqual({
      service: 'analytics',
      status: 'up',
      checks: { database: { up: true, detail: { pendingMigrations: false } } },
    });
  });

  it('publishes its OpenAPI document', async () => {
    const { status, body } = await getJson(service.app, '/docs/openapi.json');
    expect(status).toBe(200);
    expect(body.info.title).toBe(ANALYTICS_API.title);
    expect(Object.keys(body.paths)).toContain('/health');
  });

  it('migrated its own database at boot', async () => {
    const applied: { name: string }[] = await dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
    expect(applied.map((m) => m.name)).toEqual(ANALYTICS_MIGRATIONS.map((Migration) => new Migration().name));
    const [table] = await dataSource.query(`SELECT to_regclass('public.consumer_position') IS NOT NULL AS present`);
    expect(table.present).toBe(true);
  });

  it('has migrations that build exactly what the entities describe, and undo cleanly', async () => {
    const result = await checkMigrations(ANALYTICS_ENTITIES, ANALYTICS_MIGRATIONS);
    expect(result.applied).toEqual(ANALYTICS_MIGRATIONS.map((Migration) => new Migration().name));
    expect(result.drift).toEqual([]);
    expect(result.tablesAfterUndo).toEqual([]);
  });

  it('keeps one position per read model and topic partition, beyond 32-bit offsets', async () => {
    const positions = dataSource.getRepository(ConsumerPositionEntity);
    const key = { readModel: 'utilization', topic: 'erp.sales-orders', partition: 3 };
    await positions.save(positions.create({ ...key, nextOffset: '42' }));
    await positions.save(positions.create({ ...key, nextOffset: '9007199254740993' }));
    expect(await positions.findBy(key)).toEqual([expect.objectContaining({ ...key, nextOffset: '9007199254740993' })]);
  });
});
