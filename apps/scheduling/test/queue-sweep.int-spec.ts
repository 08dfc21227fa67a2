/**
 * The queue sweep: a queued task that may be retried is booked on a timer, even
 * when no event ever frees capacity for it. Without the sweep both tasks below
 * would wait in the queue for good, although their engineer has the time:
 * one lost every race for a slot to bookings committed meanwhile (what happened
 * to 8 of 90 installations in the fault run), the other was held by a concurrent
 * retry when its engineer's leave was taken back.
 */
import { DataSource, type QueryRunner } from 'typeorm';
import { devAuthConfig } from '#auth';
import type { TaskSnapshot } from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { Clock, FixedClock } from '#platform';
import { apiAs, eventually, startTestApp, testServiceConfig, uniqueSuffix, type TestApp } from '#testing';
import { AssignmentService } from '../src/assignment/assignment.service.js';
import { QueueSweep } from '../src/assignment/queue-sweep.js';
import { SchedulingTaskEntity } from '../src/assignment/scheduling-task.entity.js';
import { loadSchedulingConfig } from '../src/scheduling.config.js';
import { SCHEDULING_DEFAULTS, SchedulingModule } from '../src/scheduling.module.js';
import { addEngineer, supportTask } from './factories.js';

describe('the queue sweep books queued tasks that nothing else retries', () => {
  const config = testServiceConfig(SCHEDULING_DEFAULTS, { suffix: uniqueSuffix() });
  const clock = new FixedClock(new Date('2026-11-24T08:00:00Z'));
  let service: TestApp;
  let db: DataSource;
  let http: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    service = await startTestApp(SchedulingModule.forRoot(config, devAuthConfig(), loadSchedulingConfig({ SCHEDULING_QUEUE_SWEEP_SECONDS: '1' })), config, {
      transport: (app) => app.get(KafkaEventTransport),
      overrides: [[Clock, clock]],
    });
    db = service.app.get(DataSource);
    http = apiAs(service.app, ['dispatcher']);
  });

  afterAll(async () => {
    await service?.close();
  });

  /** A task as the consumer stores it, not placed yet. */
  async function stored(snapshot: TaskSnapshot): Promise<void> {
    await db.getRepository(SchedulingTaskEntity).insert({
      taskId: snapshot.taskId,
      projectId: snapshot.projectId ?? null,
      serviceRequestId: null,
      customerId: snapshot.customerId,
      siteRegion: snapshot.site?.region ?? null,
      status: 'ready',
      snapshot,
    });
  }

  /** The assigner places a task in a transaction of its own, as the consumer does. */
  function place(taskId: string) {
    return db.transaction(async (tx) => service.app.get(AssignmentService).placeAndBook(tx, await tx.findOneByOrFail(SchedulingTaskEntity, { taskId })));
  }

  /** Another transaction (another partition's booking, another instance's retry), open until the test ends it. */
  async function otherTransaction(): Promise<{ runner: QueryRunner; pid: number }> {
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const [{ pid }] = await runner.query('SELECT pg_backend_pid() AS pid');
    return { runner, pid };
  }

  /** Waits until some session of this database is blocked by the given one. */
  const blockedBy = (pid: number) =>
    eventually(async () => {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND $1 = ANY(pg_blocking_pids(pid))`, [pid]);
      return n > 0;
    }, { what: `the assigner waiting on session ${pid}` });

  const taskView = async (taskId: string) => (await http.get(`/tasks/${taskId}`).expect(200)).body;

  it('books a task that lost every race for a slot (NOT_FREE) once its wait is over', async () => {
    const farah = await addEngineer(http, { name: 'Farah Ali', homeRegion: 'KA', skills: { welding: null } });
    const t = supportTask('KA', { requiredSkills: ['welding'], estimatedHours: '4', earliestStart: '2026-11-30', dueDate: '2026-12-04' });
    await stored(t);

    // Three other transactions take Farah's Monday, Tuesday and Wednesday and commit only after the assigner chose that day.
    const days = ['2026-11-30', '2026-12-01', '2026-12-02'];
    const others = [];
    for (const day of days) {
      const other = await otherTransaction();
      await other.runner.query(`INSERT INTO engineer_time (engineer_id, kind, period) VALUES ($1, 'leave', tstzrange($2::date::timestamptz, ($2::date + 1)::timestamptz))`, [farah, day]);
      others.push(other);
    }
    const placing = place(t.taskId);
    for (const other of others) {
      await blockedBy(other.pid);
      await other.runner.commitTransaction();
      await other.runner.release();
    }
    expect(await placing).toBeNull();

    const queued = await taskView(t.taskId);
    expect(queued).toMatchObject({ status: 'ready', booking: null, queue: { autoRetry: true, attempts: 1, reasons: [{ code: 'NOT_FREE', engineers: 1 }] } });
    const [{ decisions }] = await db.query(`SELECT count(*)::int AS decisions FROM assignment_decision WHERE task_id = $1`, [t.taskId]);
    expect(decisions).toBe(3);

    // Nothing frees Farah's time, so no event retries the queue; the sweep does, after the task's wait (1 s).
    expect(await service.app.get(QueueSweep).sweep()).toBe(0);
    expect((await taskView(t.taskId)).booking).toBeNull();
    clock.advance(5_000);
    const booked = await eventually(async () => (await taskView(t.taskId)).booking ?? undefined, { what: 'the queued task booked by the sweep' });
    expect(booked).toMatchObject({ engineerIds: [farah], start: '2026-12-03T04:30:00.000Z', status: 'proposed' });
    expect((await taskView(t.taskId)).queue).toBeNull();
    const [{ scheduled }] = await db.query(
      `SELECT count(*)::int AS scheduled FROM outbox_event WHERE event->>'type' = 'psa.visit.scheduled.v1' AND event->'data'->>'taskId' = $1`,
      [t.taskId],
    );
    expect(scheduled).toBe(1);
  });

  it('books a task a concurrent retry held locked when its engineer’s leave was taken back', async () => {
    const hari = await addEngineer(http, { name: 'Hari Das', homeRegion: 'OR', skills: { welding: null } });
    const leave = await http.post(`/engineers/${hari}/leave`).send({ firstDay: '2026-11-25', lastDay: '2027-06-30' }).expect(201);
    const t = supportTask('OR', { requiredSkills: ['welding'], estimatedHours: '4', earliestStart: '2026-11-30', dueDate: '2026-12-04' });
    await stored(t);
    expect(await place(t.taskId)).toBeNull();
    expect((await taskView(t.taskId)).queue).toMatchObject({ autoRetry: true, reasons: expect.arrayContaining([{ code: 'ON_LEAVE', engineers: 1 }]) });

    // Another instance is retrying the queue and holds the task while the leave is taken back: that retry skips it.
    const other = await otherTransaction();
    await other.runner.query(`SELECT task_id FROM unassigned_task WHERE task_id = $1 FOR UPDATE`, [t.taskId]);
    await http.delete(`/engineers/${hari}/leave/${leave.body.leave.id}`).expect(200);
    await other.runner.rollbackTransaction();
    await other.runner.release();
    const left = await taskView(t.taskId);
    expect(left).toMatchObject({ booking: null, queue: { reasons: expect.arrayContaining([{ code: 'ON_LEAVE', engineers: 1 }]) } });

    clock.advance(5_000);
    const booked = await eventually(async () => (await taskView(t.taskId)).booking ?? undefined, { what: 'the queued task booked by the sweep' });
    expect(booked).toMatchObject({ engineerIds: [hari], start: '2026-11-30T04:30:00.000Z' });
  });

  it('waits longer after each failed attempt, at most an hour', async () => {
    const t = supportTask('TR', { requiredSkills: ['welding'], estimatedHours: '4', earliestStart: '2026-11-30', dueDate: '2026-12-04' });
    await stored(t);
    expect(await place(t.taskId)).toBeNull(); // nobody serves TR
    const attempts = async () => (await taskView(t.taskId)).queue.attempts as number;
    expect(await attempts()).toBe(1);
    const sweep = service.app.get(QueueSweep);
    // Waits of 1, 2, 4 s after attempts 1, 2, 3: a sweep inside the wait leaves the task alone.
    for (const [wait, before] of [[1_000, 1], [2_000, 2], [4_000, 3]]) {
      clock.advance(wait - 1);
      await sweep.sweep();
      expect(await attempts()).toBe(before);
      clock.advance(1);
      await eventually(async () => (await attempts()) === before + 1, { what: `attempt ${before + 1}` });
    }
    await db.query(`UPDATE unassigned_task SET attempts = 40 WHERE task_id = $1`, [t.taskId]);
    const [{ at }] = await db.query(`SELECT last_attempt_at AS at FROM unassigned_task WHERE task_id = $1`, [t.taskId]);
    clock.set(new Date(at.getTime() + 3_600_000 - 1));
    await sweep.sweep();
    expect(await attempts()).toBe(40);
    clock.advance(1);
    await eventually(async () => (await attempts()) === 41, { what: 'the attempt an hour later' });
  });
});
