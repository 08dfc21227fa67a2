/**
 * The service boots, migrates and reports health; its schema is what the
 * entities say, every migration undoes cleanly, and PostgreSQL itself holds the
 * rules a bug must not break (one visit per engineer per booking, one open
 * check-in, locked decisions carry who and when).
 */
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { devAuthConfig } from '#auth';
import { KafkaEventTransport } from '#messaging';
import { checkMigrations, eventually, startTestApp, testServiceConfig, type TestApp } from '#testing';
import {
  FIELD_EXECUTION_API,
  FIELD_EXECUTION_DEFAULTS,
  FIELD_EXECUTION_ENTITIES,
  FIELD_EXECUTION_MIGRATIONS,
  FieldExecutionModule,
} from '../src/field-execution.module.js';
import { TimeEntryEntity } from '../src/time/time-entry.entity.js';
import { VisitCheckInEntity } from '../src/visits/visit-check-in.entity.js';
import { VisitEntity } from '../src/visits/visit.entity.js';

const getJson = (app: INestApplication, path: string) => request(app.getHttpServer()).get(path);

const TASK_ID = '0b6f3f57-5c1e-4a52-9d0b-2f8f4a7e1c01';
const ENGINEER_ID = '7d2c9a10-31a4-4c8e-8f61-5b0e2d9c4a02';
const BOOKING_ID = '3c5d7e9f-1a2b-4c3d-8e4f-5a6b7c8d0499';

describe('field-execution service', () => {
  let service: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    const config = testServiceConfig(FIELD_EXECUTION_DEFAULTS);
    service = await startTestApp(FieldExecutionModule.forRoot(config, devAuthConfig()), config, {
      title: FIELD_EXECUTION_API.title,
      transport: (app) => app.get(KafkaEventTransport),
    });
    dataSource = service.app.get(DataSource);
  });

  afterAll(async () => {
    await service?.close();
  });

  it('reports health: database up, no pending migrations, consuming bookings, tasks and parts', async () => {
    const body = await eventually(async () => {
      const res = await getJson(service.app, '/health');
      return res.status === 200 ? res.body : undefined;
    }, { what: 'healthy' });
    expect(body).toMatchObject({
      service: 'field-execution',
      status: 'up',
      checks: {
        database: { up: true, detail: { pendingMigrations: false } },
        kafka: { up: true, detail: { consuming: ['psa.schedules', 'psa.service-projects', 'erp.inventory'] } },
      },
    });
  });

  it('publishes its OpenAPI document with the field work API', async () => {
    const { status, body } = await getJson(service.app, '/docs/openapi.json');
    expect(status).toBe(200);
    expect(body.info.title).toBe(FIELD_EXECUTION_API.title);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/visits',
        '/visits/{id}',
        '/visits/{id}/check-in',
        '/visits/{id}/check-out',
        '/visits/{id}/checklist',
        '/visits/{id}/complete',
        '/visits/{id}/time-entries',
        '/visits/{id}/expenses',
        '/visits/{id}/report.pdf',
        '/visits/{id}/audit',
        '/time-entries/{id}/approve',
        '/expenses/{id}/reject',
        '/approvals/time-entries',
        '/approvals/expenses',
      ]),
    );
  });

  it('needs a bearer token for its API', async () => {
    expect((await getJson(service.app, '/visits?date=2026-11-30')).status).toBe(401);
  });

  it('migrated its own database at boot', async () => {
    const applied: { name: string }[] = await dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
    expect(applied.map((m) => m.name)).toEqual(FIELD_EXECUTION_MIGRATIONS.map((Migration) => new Migration().name));
  });

  it('has migrations that build exactly what the entities describe, and undo cleanly', async () => {
    const result = await checkMigrations(FIELD_EXECUTION_ENTITIES, FIELD_EXECUTION_MIGRATIONS);
    expect(result.applied).toEqual(FIELD_EXECUTION_MIGRATIONS.map((Migration) => new Migration().name));
    expect(result.drift).toEqual([]);
    expect(result.tablesAfterUndo).toEqual([]);
  });

  it('keeps one visit per engineer per booking, and refuses a window that ends before it starts', async () => {
    const visits = dataSource.getRepository(VisitEntity);
    const visit = {
      bookingId: BOOKING_ID,
      taskId: TASK_ID,
      customerId: 'C-1007',
      engineerId: ENGINEER_ID,
      scheduledStart: new Date('2026-11-27T03:30:00Z'),
      scheduledEnd: new Date('2026-11-27T11:30:00Z'),
    };
    const saved = await visits.save(visits.create(visit));
    expect(await visits.findOneByOrFail({ id: saved.id })).toMatchObject({ ...visit, status: 'scheduled', bookingStatus: 'proposed', segments: [] });
    await expect(visits.insert(visit)).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'ux_visit_booking_engineer' } });
    await expect(
      visits.insert({ ...visit, bookingId: TASK_ID, scheduledStart: visit.scheduledEnd, scheduledEnd: visit.scheduledStart }),
    ).rejects.toMatchObject({ driverError: { code: '23514', constraint: 'ck_visit_window' } });
    await expect(visits.update({ id: saved.id }, { status: 'completed' })).rejects.toMatchObject({ driverError: { code: '23514' } });

    const checkIns = dataSource.getRepository(VisitCheckInEntity);
    await checkIns.insert({ visitId: saved.id, checkedInAt: new Date('2026-11-27T03:35:00Z') });
    await expect(checkIns.insert({ visitId: saved.id, checkedInAt: new Date('2026-11-27T04:00:00Z') })).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'ux_visit_check_in_open' },
    });

    const entries = dataSource.getRepository(TimeEntryEntity);
    const entry = { visitId: saved.id, taskId: TASK_ID, customerId: 'C-1007', engineerId: ENGINEER_ID, activity: 'work', billable: true, recordedBy: 'test' };
    await expect(
      entries.insert({ ...entry, startAt: visit.scheduledStart, endAt: visit.scheduledEnd, hours: '8.00', status: 'rejected' }),
    ).rejects.toMatchObject({ driverError: { code: '23514' } });
  });
});
