import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { checkMigrations, startTestApp, testServiceConfig, type TestApp } from '#testing';
import {
  FIELD_EXECUTION_API,
  FIELD_EXECUTION_DEFAULTS,
  FIELD_EXECUTION_ENTITIES,
  FIELD_EXECUTION_MIGRATIONS,
  FieldExecutionModule,
} from '../src/field-execution.module.js';
import { VisitEntity } from '../src/visits/visit.entity.js';

const getJson = (app: INestApplication, path: string) => request(app.getHttpServer()).get(path);

const TASK_ID = '0b6f3f57-5c1e-4a52-9d0b-2f8f4a7e1c01';
const ENGINEER_ID = '7d2c9a10-31a4-4c8e-8f61-5b0e2d9c4a02';

describe('field-execution service skeleton', () => {
  let service: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    const config = testServiceConfig(FIELD_EXECUTION_DEFAULTS);
    service = await startTestApp(FieldExecutionModule.forRoot(config), config, { title: FIELD_EXECUTION_API.title });
    dataSource = service.app.get(DataSource);
  });

  afterAll(async () => {
    await service?.close();
  });

  it('reports health: database up, no pending migrations', async () => {
    const { status, body } = await getJson(service.app, '/health');
    expect(status).toBe(200);
    expect(body).toEqual({
      service: 'field-execution',
      status: 'up',
      checks: { database: { up: true, detail: { pendingMigrations: false } } },
    });
  });

  it('publishes its OpenAPI document', async () => {
    const { status, body } = await getJson(service.app, '/docs/openapi.json');
    expect(status).toBe(200);
    expect(body.info.title).toBe(FIELD_EXECUTION_API.title);
    expect(Object.keys(body.paths)).toContain('/health');
  });

  it('migrated its own database at boot', async () => {
    const applied: { name: string }[] = await dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
    expect(applied.map((m) => m.name)).toEqual(FIELD_EXECUTION_MIGRATIONS.map((Migration) => new Migration().name));
    const [table] = await dataSource.query(`SELECT to_regclass('public.visit') IS NOT NULL AS present`);
    expect(table.present).toBe(true);
  });

  it('has migrations that build exactly what the entities describe, and undo cleanly', async () => {
    const result = await checkMigrations(FIELD_EXECUTION_ENTITIES, FIELD_EXECUTION_MIGRATIONS);
    expect(result.applied).toEqual(FIELD_EXECUTION_MIGRATIONS.map((Migration) => new Migration().name));
    expect(result.drift).toEqual([]);
    expect(result.tablesAfterUndo).toEqual([]);
  });

  it('stores a visit as scheduled and refuses an empty time window', async () => {
    const visits = dataSource.getRepository(VisitEntity);
    const window = { scheduledStart: new Date('2026-11-27T03:30:00Z'), scheduledEnd: new Date('2026-11-27T11:30:00Z') };
    const saved = await visits.save(visits.create({ taskId: TASK_ID, engineerId: ENGINEER_ID, ...window }));
    const loaded = await visits.findOneByOrFail({ id: saved.id });
    expect(loaded).toMatchObject({ taskId: TASK_ID, engineerId: ENGINEER_ID, status: 'scheduled', ...window });
    await expect(
      visits.insert({ taskId: TASK_ID, engineerId: ENGINEER_ID, scheduledStart: window.scheduledEnd, scheduledEnd: window.scheduledStart }),
    ).rejects.toMatchObject({ driverError: { code: '23514', constraint: 'ck_visit_window' } });
  });
});
