/**
 * Parts issued against a task not ready yet in the very moment its project is announced, on a real
 * broker and database. Before, the issue looked for the project that lists its task before the
 * project's copy committed, and the copy's writer looked for parked issues before the park
 * committed: the issue waited for its task to be ready (weeks, for parts sent ahead of the machine)
 * and was dead-lettered ORDER_NOT_FOUND after the parking timeout although its project was known.
 * Each test stops one side just after it looked (with a lock of the test's own), lets the other go
 * as far as it will, then lets both finish.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { devAuthConfig } from '#auth';
import { Topics, type CloudEvent } from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { eventually, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { FIELD_EXECUTION_DEFAULTS, FieldExecutionModule } from '../src/field-execution.module.js';
import { partsIssuedEvent, projectEvent, record } from './factories.js';

describe('field-execution: parts issued against a task while its project is announced', () => {
  let service: TestApp;
  let kafka: TestKafka;
  let db: DataSource;

  beforeAll(async () => {
    const config = testServiceConfig(FIELD_EXECUTION_DEFAULTS);
    service = await startTestApp(FieldExecutionModule.forRoot(config, devAuthConfig()), config, { transport: (app) => app.get(KafkaEventTransport) });
    db = service.app.get(DataSource);
    kafka = new TestKafka(config.topicPrefix);
    // Both consumers fetch before a test stops one of them in the database (a rebalance would wait for it): a project
    // announced and parts issued against it, recorded.
    const projectId = randomUUID();
    const kit = partsIssuedEvent(`GI-${randomUUID().slice(0, 8)}`, { kind: 'project', id: projectId }, { orderId: null });
    await kafka.produce(Topics.serviceProjects, [record(projectEvent('psa.service-project.created.v1', projectId, [randomUUID()]), projectId)]);
    await kafka.produce(Topics.inventory, [record(kit, projectId)]);
    await consumedFor(kit.data.issueId);
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
  });

  /** The database sessions waiting for a lock that session `pid` holds. */
  const waitingFor = async (pid: number): Promise<number[]> =>
    (await db.query(`SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`, [pid])).map((r: { pid: number }) => r.pid);
  const someWaitingFor = (pid: number, what: string) =>
    eventually(async () => {
      const waiting = await waitingFor(pid);
      return waiting.length > 0 ? waiting[0] : undefined;
    }, { what });
  const parkedUnder = (taskId: string): Promise<{ released_at: Date | null; outcome: string | null }[]> =>
    db.query(`SELECT released_at, outcome FROM parked_event WHERE park_key = $1`, [`task:${taskId}`]);
  const listedBy = async (projectId: string, taskId: string) =>
    (await db.query(`SELECT 1 FROM project_copy WHERE project_id = $1 AND task_ids @> ARRAY[$2::uuid]`, [projectId, taskId])).length === 1;
  const consumedFor = (issueId: string) =>
    eventually(async () => {
      const events = (await kafka.readAll(Topics.fieldWork)).map((r) => ({ ...(JSON.parse(r.value!.toString()) as CloudEvent<any>), key: r.key }));
      const consumed = events.filter((e) => e.type === 'psa.parts.consumed.v1' && e.data.issueId === issueId);
      return consumed.length > 0 ? consumed : undefined;
    }, { what: `psa.parts.consumed.v1 of ${issueId}`, timeoutMs: 30_000 });

  /**
   * Runs `work` while a transaction of the test's own holds what `hold` takes, then commits it. Never a
   * hang: the lock is not waited for long, and PostgreSQL ends the transaction if the test stops in it.
   */
  async function holding(hold: string, params: unknown[], work: (holder: number) => Promise<void>): Promise<void> {
    const tx = db.createQueryRunner();
    await tx.connect();
    await tx.startTransaction();
    try {
      await tx.query(`SET LOCAL lock_timeout = '5s'`);
      await tx.query(`SET LOCAL idle_in_transaction_session_timeout = '90s'`);
      await tx.query(hold, params);
      const [{ pid }] = await tx.query('SELECT pg_backend_pid() AS pid');
      await work(pid);
    } finally {
      await tx.commitTransaction();
      await tx.release();
    }
  }

  it('records an issue parked while its project is written: the writer finds it waiting', async () => {
    const projectId = randomUUID();
    const taskId = randomUUID();
    const issue = partsIssuedEvent(`GI-${randomUUID().slice(0, 8)}`, { kind: 'task', id: taskId }, { orderId: null });
    // The issue is stopped as it parks, after it found no project listing its task: parked_event takes no rows meanwhile (reads go on).
    await holding('LOCK TABLE parked_event IN SHARE MODE', [], async (holder) => {
      await kafka.produce(Topics.inventory, [record(issue, taskId)]);
      const parking = await someWaitingFor(holder, 'the issue stopped as it parks');
      await kafka.produce(Topics.serviceProjects, [record(projectEvent('psa.service-project.created.v1', projectId, [taskId]), projectId)]);
      // The announcement goes as far as it will before the park commits. Before the fix: all the way, not seeing the park.
      await eventually(async () => (await listedBy(projectId, taskId)) || (await waitingFor(parking)).length > 0, {
        what: "the project's copy written, or its writer waiting for the issue",
      });
    });
    // Against the task and the project that lists it, with the project's customer and order; the task is never ready.
    const [consumed] = await consumedFor(issue.data.issueId);
    expect(consumed).toMatchObject({ key: taskId, data: { visitId: null, taskId, projectId, customerId: 'C-1007', orderId: 'SO-2026-0142', sku: 'SEAL-KIT-250' } });
    expect(await parkedUnder(taskId)).toEqual([{ released_at: expect.any(Date), outcome: 'released' }]);
  });

  it('records an issue that looked while its project was being written once the copy commits, never parked', async () => {
    const projectId = randomUUID();
    const installTask = randomUUID();
    const trainingTask = randomUUID();
    await kafka.produce(Topics.serviceProjects, [record(projectEvent('psa.service-project.created.v1', projectId, [installTask]), projectId)]);
    await eventually(() => listedBy(projectId, installTask), { what: "the project's copy" });
    const issue = partsIssuedEvent(`GI-${randomUUID().slice(0, 8)}`, { kind: 'task', id: trainingTask }, { orderId: null });
    // The project's change (a training unit added to the order) is stopped as it writes the copy, after it took its locks: the copy's row is locked.
    await holding('SELECT 1 FROM project_copy WHERE project_id = $1 FOR UPDATE', [projectId], async (holder) => {
      await kafka.produce(Topics.serviceProjects, [record(projectEvent('psa.service-project.changed.v1', projectId, [installTask, trainingTask]), projectId)]);
      const writing = await someWaitingFor(holder, "the project's change stopped as it writes the copy");
      await kafka.produce(Topics.inventory, [record(issue, trainingTask)]);
      // The issue goes as far as it will before the copy commits. Before the fix: it found no project listing its task, and parked.
      await eventually(async () => (await waitingFor(writing)).length > 0 || (await parkedUnder(trainingTask)).length > 0, {
        what: 'the issue waiting for the writer, or parked',
      });
    });
    const [consumed] = await consumedFor(issue.data.issueId);
    expect(consumed).toMatchObject({ key: trainingTask, data: { visitId: null, taskId: trainingTask, projectId, customerId: 'C-1007', orderId: 'SO-2026-0142' } });
    expect(await parkedUnder(trainingTask)).toEqual([]);
  });
});
