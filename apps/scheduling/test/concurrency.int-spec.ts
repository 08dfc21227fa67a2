/**
 * Two instances of scheduling over one database, 50 dispatchers racing for one
 * engineer's slot: PostgreSQL's exclusion constraint lets exactly one booking
 * through, and every other request gets 409 with the booking that won.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { devAuthConfig } from '#auth';
import { KafkaEventTransport } from '#messaging';
import { dropDatabase } from '#persistence';
import { Clock, FixedClock } from '#platform';
import { apiAs, eventually, startTestApp, testServiceConfig, uniqueSuffix, type TestApp } from '#testing';
import { AssignmentService } from '../src/assignment/assignment.service.js';
import { SchedulingTaskEntity } from '../src/assignment/scheduling-task.entity.js';
import { loadSchedulingConfig } from '../src/scheduling.config.js';
import { SCHEDULING_DEFAULTS, SchedulingModule } from '../src/scheduling.module.js';
import { addEngineer, supportTask } from './factories.js';

describe('two scheduling instances, 50 assignments for one slot', () => {
  const config = testServiceConfig(SCHEDULING_DEFAULTS, { suffix: uniqueSuffix() });
  const clock = new FixedClock(new Date('2026-11-24T08:00:00Z'));
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    const boot = () =>
      startTestApp(SchedulingModule.forRoot(config, devAuthConfig(), loadSchedulingConfig({})), config, {
        transport: (app) => app.get(KafkaEventTransport),
        overrides: [[Clock, clock]],
      });
    first = await boot();
    second = await boot();
  });

  afterAll(async () => {
    await first?.close({ dropDatabase: false });
    await second?.close({ dropDatabase: false });
    await dropDatabase(config.databaseUrl);
  });

  it('leave exactly one booking; the other 49 get 409 naming it', async () => {
    const engineerId = await addEngineer(apiAs(first.app, ['dispatcher']), { name: 'Zoya Khan', homeRegion: 'PB', skills: { welding: null } });
    // Tasks as the consumer stores them, written directly so that the assigner has not placed them yet.
    const db = first.app.get(DataSource);
    const tasks = Array.from({ length: 50 }, () => supportTask('PB', { taskId: randomUUID(), requiredSkills: ['welding'], estimatedHours: '4', earliestStart: '2026-11-30', dueDate: '2026-12-04' }));
    await db.getRepository(SchedulingTaskEntity).insert(
      tasks.map((t) => ({ taskId: t.taskId, projectId: t.projectId ?? null, serviceRequestId: null, customerId: t.customerId, siteRegion: 'PB', status: 'ready', snapshot: t })),
    );

    const slot = { engineerIds: [engineerId], start: '2026-11-30T04:30:00Z', overrideReason: 'Race test: every dispatcher wants this slot' };
    const responses = await Promise.all(
      tasks.map((t, i) => apiAs((i % 2 === 0 ? first : second).app, ['dispatcher'], { subject: `dispatcher-${i}` }).post(`/tasks/${t.taskId}/assign`).send(slot)),
    );

    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = responses.find((r) => r.status === 201)!.body.booking;
    for (const lost of responses.filter((r) => r.status === 409)) {
      expect(lost.body).toMatchObject({ code: 'SLOT_TAKEN', conflict: { bookingId: winner.id, engineerId, kind: 'booking' } });
    }
    const [{ bookings }] = await db.query(`SELECT count(*)::int AS bookings FROM booking WHERE status IN ('proposed', 'confirmed')`);
    const [{ rows }] = await db.query(`SELECT count(*)::int AS rows FROM engineer_time WHERE engineer_id = $1 AND kind = 'booking' AND status <> 'cancelled'`, [engineerId]);
    expect({ bookings, rows }).toEqual({ bookings: 1, rows: 1 });
  });

  it('the assigner books the next candidate when PostgreSQL refuses the first (23P01)', async () => {
    const http = apiAs(first.app, ['dispatcher']);
    const ravi = await addEngineer(http, { name: 'Ravi Meena', homeRegion: 'RJ', skills: { plc: null } });
    const sunil = await addEngineer(http, { name: 'Sunil Jain', homeRegion: 'RJ', skills: { plc: null } });
    const db = first.app.get(DataSource);
    const t = supportTask('RJ', { requiredSkills: ['plc'], estimatedHours: '4', earliestStart: '2026-11-30', dueDate: '2026-12-04' });
    await db.getRepository(SchedulingTaskEntity).insert({ taskId: t.taskId, projectId: t.projectId ?? null, customerId: t.customerId, siteRegion: 'RJ', status: 'ready', snapshot: t });

    // Another transaction takes Ravi's Monday morning and has not committed: the assigner cannot see it and picks Ravi.
    const other = db.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    await other.query(`INSERT INTO engineer_time (engineer_id, kind, period) VALUES ($1, 'leave', '[2026-11-30T03:30:00Z,2026-11-30T08:30:00Z)')`, [ravi]);
    const placing = db.transaction(async (tx) => {
      const task = await tx.findOneByOrFail(SchedulingTaskEntity, { taskId: t.taskId });
      return first.app.get(AssignmentService).placeAndBook(tx, task);
    });
    await eventually(async () => {
      const [{ waiting }] = await db.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
      return waiting > 0;
    }, { what: "the assigner's insert waiting on the other transaction" });
    await other.commitTransaction();
    await other.release();

    const booking = await placing;
    expect(booking).toMatchObject({ engineerIds: [sunil], startsAt: new Date('2026-11-30T04:30:00Z') });
    const [decision] = await db.query(`SELECT record FROM assignment_decision WHERE task_id = $1`, [t.taskId]);
    expect(decision.record.chosen.engineerIds).toEqual([ravi]);
  });
});
