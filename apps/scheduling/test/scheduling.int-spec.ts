import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { checkMigrations, startTestApp, testServiceConfig, type TestApp } from '#testing';
import {
  SCHEDULING_API,
  SCHEDULING_DEFAULTS,
  SCHEDULING_ENTITIES,
  SCHEDULING_MIGRATIONS,
  SchedulingModule,
} from '../src/scheduling.module.js';
import { EngineerEntity } from '../src/engineers/engineer.entity.js';

const getJson = (app: INestApplication, path: string) => request(app.getHttpServer()).get(path);

describe('scheduling service skeleton', () => {
  let service: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    const config = testServiceConfig(SCHEDULING_DEFAULTS);
    service = await startTestApp(SchedulingModule.forRoot(config), config, { title: SCHEDULING_API.title });
    dataSource = service.app.get(DataSource);
  });

  afterAll(async () => {
    await service?.close();
  });

  it('reports health: database up, no pending migrations', async () => {
    const { status, body } = await getJson(service.app, '/health');
    expect(status).toBe(200);
    expect(body).toEqual({
      service: 'scheduling',
      status: 'up',
      checks: { database: { up: true, detail: { pendingMigrations: false } } },
    });
  });

  it('publishes its OpenAPI document', async () => {
    const { status, body } = await getJson(service.app, '/docs/openapi.json');
    expect(status).toBe(200);
    expect(body.info.title).toBe(SCHEDULING_API.title);
    expect(Object.keys(body.paths)).toContain('/health');
  });

  it('migrated its own database at boot', async () => {
    const applied: { name: string }[] = await dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
    expect(applied.map((m) => m.name)).toEqual(SCHEDULING_MIGRATIONS.map((Migration) => new Migration().name));
    const [table] = await dataSource.query(`SELECT to_regclass('public.engineer') IS NOT NULL AS present`);
    expect(table.present).toBe(true);
  });

  it('has migrations that build exactly what the entities describe, and undo cleanly', async () => {
    const result = await checkMigrations(SCHEDULING_ENTITIES, SCHEDULING_MIGRATIONS);
    expect(result.applied).toEqual(SCHEDULING_MIGRATIONS.map((Migration) => new Migration().name));
    expect(result.drift).toEqual([]);
    expect(result.tablesAfterUndo).toEqual([]);
  });

  it('stores an engineer with database defaults and a unique email', async () => {
    const engineers = dataSource.getRepository(EngineerEntity);
    const saved = await engineers.save(
      engineers.create({ name: 'Asha Patil', email: 'asha.patil@example.com', homeRegion: 'MH', timezone: 'Asia/Kolkata' }),
    );
    const loaded = await engineers.findOneByOrFail({ id: saved.id });
    expect(loaded).toMatchObject({ name: 'Asha Patil', homeRegion: 'MH', timezone: 'Asia/Kolkata', active: true });
    expect(loaded.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(loaded.createdAt).toBeInstanceOf(Date);
    await expect(
      engineers.insert({ name: 'Someone Else', email: 'asha.patil@example.com', homeRegion: 'KA', timezone: 'Asia/Kolkata' }),
    ).rejects.toMatchObject({ driverError: { code: '23505' } });
  });
});
