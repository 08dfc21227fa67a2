/**
 * The overdue-work sweep reads only the tasks with a step of the overdue chain due,
 * on a real broker and database under a controlled clock: dozens of late tasks
 * already escalated as far as their lateness goes do not hide a newer late one, and
 * a backlog larger than one batch drains in one run.
 *
 * The example order's installation at Pune (Asia/Kolkata) is due Friday 4 December
 * 2026; the chain tells the owner the day after, the service manager a whole day
 * later, the head of service after three whole days. Times are in UTC with IST
 * (+05:30) beside them.
 */
import { FixedClock } from '#platform';
import { apiAs, eventually, TestKafka, type TestApp } from '#testing';
import { DataSource } from 'typeorm';
import { evaluateAt, ORDER, RECORDED_ONLY, startWithPuneMachine } from './sla-desk.js';

type Raised = { subject: { kind: string; id: string }; level: string; trigger: string };
type Report = { tasksChecked: number; raised: Raised[]; errors: unknown[] };

/** What the sweep reads per query here (500 unless configured), and more late tasks than that. */
const OVERDUE_BATCH = 50;
const LATE_TASKS = 62;

describe('service-commitments: the overdue sweep reads only tasks with a step due', () => {
  let service: TestApp;
  let kafka: TestKafka;
  let db: DataSource;
  let desk: ReturnType<typeof apiAs>;
  const clock = new FixedClock(new Date('2026-11-24T08:00:00Z'));

  beforeAll(async () => {
    ({ service, kafka, desk } = await startWithPuneMachine(clock, RECORDED_ONLY, null, OVERDUE_BATCH));
    db = service.app.get(DataSource);
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
  });

  const evaluate = (iso: string) => evaluateAt<Report>(desk, clock, iso);

  /** `count` copies of a task under new ids, with the given due date: old late work, as a busy desk has. */
  async function copiesOf(taskId: string, count: number, dueDate: string): Promise<string[]> {
    const columns: string[] = (
      await db.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'task' AND column_name NOT IN ('id', 'due_date') ORDER BY ordinal_position`)
    ).map((c: { column_name: string }) => `"${c.column_name}"`);
    const rows: { id: string }[] = await db.query(
      `INSERT INTO task (id, due_date, ${columns.join(', ')})
       SELECT gen_random_uuid(), $2::date, ${columns.join(', ')} FROM task, generate_series(1, $3) WHERE id = $1
       RETURNING id`,
      [taskId, dueDate, count],
    );
    return rows.map((r) => r.id);
  }

  it('raises for the one newer late task among dozens escalated as far as they go, then drains the next step for all in one run', async () => {
    const installation = await eventually(async () => {
      const list = (await desk.get('/projects').query({ orderId: ORDER }).expect(200)).body;
      const project = list.items[0] && (await desk.get(`/projects/${list.items[0].id}`).expect(200)).body;
      const task = project?.commitments.find((c: { kind: string }) => c.kind === 'installation')?.tasks[0];
      return task?.status === 'ready' ? task : undefined;
    }, { what: 'installation ready' });
    expect(installation.dueDate).toBe('2026-12-04');
    const lateWork = new Set(await copiesOf(installation.id, LATE_TASKS - 1, '2026-12-04'));
    lateWork.add(installation.id);
    const lateTasks = (report: Report, level: string) =>
      report.raised.filter((e) => e.trigger === 'overdue' && e.level === level && lateWork.has(e.subject.id)).length;

    // Sunday 6 December 09:30 IST, a whole day overdue: owner and service manager for every one of them, in one run.
    const sunday = await evaluate('2026-12-06T04:00:00Z');
    expect(lateTasks(sunday, 'owner')).toBe(LATE_TASKS);
    expect(lateTasks(sunday, 'service_manager')).toBe(LATE_TASKS);
    expect(lateTasks(sunday, 'head_of_service')).toBe(0);

    // A task due Saturday 5 December, entered later. Monday 7 December 00:30 IST: it is a whole day overdue;
    // the 62 due on Friday are not due for the head of service before Tuesday, so they are not read at all.
    const [newer] = await copiesOf(installation.id, 1, '2026-12-05');
    const monday = await evaluate('2026-12-06T19:00:00Z');
    expect(monday.raised.filter((e) => e.subject.id === newer).map((e) => e.level)).toEqual(['owner', 'service_manager']);
    expect(monday.raised.filter((e) => lateWork.has(e.subject.id))).toEqual([]);
    expect(monday.tasksChecked).toBe(1);

    // Tuesday 8 December 09:30 IST, three whole days: the head of service for all 62 in one run; the newer one waits a day.
    const tuesday = await evaluate('2026-12-08T04:00:00Z');
    expect(lateTasks(tuesday, 'head_of_service')).toBe(LATE_TASKS);
    expect(tuesday.raised.filter((e) => e.subject.id === newer)).toEqual([]);
    // Nothing is left to raise for them: each step is in the history once.
    const [{ steps }]: { steps: string }[] = await db.query(
      `SELECT count(*) AS steps FROM escalation WHERE trigger = 'overdue' AND subject_id = ANY($1::uuid[])`,
      [[...lateWork]],
    );
    expect(Number(steps)).toBe(LATE_TASKS * 3);
    const again = await evaluate('2026-12-08T05:00:00Z');
    expect(again.raised.filter((e) => lateWork.has(e.subject.id))).toEqual([]);
  });
});
