/**
 * The service boots, migrates and reports health; its schema is what the
 * entities say; and PostgreSQL itself refuses overlapping time for an engineer.
 */
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { devAuthConfig } from '#auth';
import { KafkaEventTransport } from '#messaging';
import { checkMigrations, eventually, startTestApp, testServiceConfig, type TestApp } from '#testing';
import { EngineerEntity } from '../src/engineers/engineer.entity.js';
import { SCHEDULING_API, SCHEDULING_DEFAULTS, SCHEDULING_ENTITIES, SCHEDULING_MIGRATIONS, SchedulingModule } from '../src/scheduling.module.js';

const getJson = (app: INestApplication, path: string) => request(app.getHttpServer()).get(path);

describe('scheduling service', () => {
  let service: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    const config = testServiceConfig(SCHEDULING_DEFAULTS);
    service = await startTestApp(SchedulingModule.forRoot(config, devAuthConfig()), config, {
      title: SCHEDULING_API.title,
      transport: (app) => app.get(KafkaEventTransport),
    });
    dataSource = service.app.get(DataSource);
  });

  afterAll(async () => {
    await service?.close();
  });

  it('reports health: database up, no pending migrations, consuming task events', async () => {
    const body = await eventually(async () => {
      const res = await getJson(service.app, '/health');
      return res.status === 200 ? res.body : undefined;
    }, { what: 'healthy', timeoutMs: 60_000 });
    expect(body).toMatchObject({
      service: 'scheduling',
      status: 'up',
      checks: { database: { up: true, detail: { pendingMigrations: false } }, kafka: { up: true, detail: { consuming: ['psa.service-projects'] } } },
    });
  });

  it('publishes its OpenAPI document with the scheduling API', async () => {
    const { status, body } = await getJson(service.app, '/docs/openapi.json');
    expect(status).toBe(200);
    expect(body.info.title).toBe(SCHEDULING_API.title);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/health', '/engineers', '/engineers/{id}/schedule', '/tasks/{id}/assign', '/unassigned', '/decisions/{id}', '/workload']),
    );
  });

  it('migrated its own database at boot', async () => {
    const applied: { name: string }[] = await dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
    expect(applied.map((m) => m.name)).toEqual(SCHEDULING_MIGRATIONS.map((Migration) => new Migration().name));
  });

  it('has migrations that build exactly what the entities describe, and undo cleanly', async () => {
    const result = await checkMigrations(SCHEDULING_ENTITIES, SCHEDULING_MIGRATIONS);
    expect(result.applied).toEqual(SCHEDULING_MIGRATIONS.map((Migration) => new Migration().name));
    expect(result.drift).toEqual([]);
    expect(result.tablesAfterUndo).toEqual([]);
  });

  it('stores an engineer with a unique email', async () => {
    const engineers = dataSource.getRepository(EngineerEntity);
    const week = [{ day: 1, start: '09:00', end: '18:00' }];
    const saved = await engineers.save(engineers.create({ name: 'Asha Patil', email: 'asha.patil@example.com', homeRegion: 'MH', timezone: 'Asia/Kolkata', workingHours: week }));
    const loaded = await engineers.findOneByOrFail({ id: saved.id });
    expect(loaded).toMatchObject({ name: 'Asha Patil', homeRegion: 'MH', timezone: 'Asia/Kolkata', active: true, workingHours: week });
    await expect(
      engineers.insert({ name: 'Someone Else', email: 'asha.patil@example.com', homeRegion: 'KA', timezone: 'Asia/Kolkata', workingHours: week }),
    ).rejects.toMatchObject({ driverError: { code: '23505' } });
  });

  describe('the no-overlap constraint', () => {
    let engineerId: string;
    const insert = (client: { query: DataSource['query'] | pg.Client['query'] }, period: string, status = 'confirmed') =>
      (client.query as (sql: string, params: unknown[]) => Promise<unknown>)(
        `INSERT INTO engineer_time (engineer_id, kind, period, status) VALUES ($1, 'leave', $2, $3)`,
        [engineerId, period, status],
      );

    beforeAll(async () => {
      const [row] = await dataSource.query(
        `INSERT INTO engineer (name, email, home_region, timezone, working_hours) VALUES ('Bala Rao', 'bala@example.com', 'MH', 'Asia/Kolkata', '[]') RETURNING id`,
      );
      engineerId = row.id;
    });

    it('refuses a raw overlapping INSERT with SQLSTATE 23P01, and allows touching or cancelled rows', async () => {
      await insert(dataSource, '[2026-12-01T04:00:00Z,2026-12-01T08:00:00Z)');
      await expect(insert(dataSource, '[2026-12-01T07:59:00Z,2026-12-01T09:00:00Z)')).rejects.toMatchObject({
        driverError: { code: '23P01', constraint: 'engineer_time_no_overlap' },
      });
      await insert(dataSource, '[2026-12-01T08:00:00Z,2026-12-01T09:00:00Z)');
      await insert(dataSource, '[2026-12-01T05:00:00Z,2026-12-01T06:00:00Z)', 'cancelled');
    });

    it('lets exactly one of 50 overlapping inserts from 50 connections win', async () => {
      const url = service.config.databaseUrl;
      const clients: pg.Client[] = [];
      try {
        // Other test runs share the server: wait for a free connection slot rather than fail on "too many clients".
        while (clients.length < 50) {
          const client = await eventually(async () => {
            const attempt = new pg.Client({ connectionString: url });
            await attempt.connect();
            // Writers that wait on each other crosswise are found by PostgreSQL's deadlock check, which runs after
            // deadlock_timeout (1 s) of waiting and ends one cycle at a time: with 50 writers interleaved on a busy
            // machine that took some 45 s. The check is the same, only sooner.
            await attempt.query(`SET deadlock_timeout = '20ms'`);
            return attempt;
          }, { what: 'a database connection', timeoutMs: 90_000, intervalMs: 250 }).catch((error: Error) => {
            throw new Error(`only ${clients.length} of 50 connections: ${error.message}`);
          });
          clients.push(client);
        }
        const results = await Promise.allSettled(
          clients.map((client, i) => insert(client, `[2026-12-02T04:${String(i).padStart(2, '0')}:00Z,2026-12-02T09:00:00Z)`)),
        );
        const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        const codes = [...new Set(failures.map((f) => (f.reason as { code?: string }).code ?? String(f.reason)))].sort();
        // PostgreSQL checks an exclusion constraint after inserting the row, so two writers that each wait for the
        // other's conflicting row can be ended as a deadlock (40P01) instead of an overlap (23P01); both refuse the
        // row, and the booking writer retries a deadlock as a transient failure. Anything else is a defect.
        expect(results.length - failures.length).toBe(1);
        expect(codes.filter((code) => code !== '23P01' && code !== '40P01')).toEqual([]);
        // Which of the two the losers get is up to PostgreSQL's timing (all of them deadlocks, at times); one more overlapping
        // insert once the race is over must be refused as an overlap.
        await expect(insert(clients[0], '[2026-12-02T08:30:00Z,2026-12-02T10:00:00Z)')).rejects.toMatchObject({ code: '23P01' });
        const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM engineer_time WHERE engineer_id = $1 AND period && '[2026-12-02T00:00:00Z,2026-12-03T00:00:00Z)'`, [engineerId]);
        expect(n).toBe(1);
      } finally {
        await Promise.all(clients.map((c) => c.end()));
      }
    });
  });
});
