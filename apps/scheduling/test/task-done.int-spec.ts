/**
 * A task done before its visit (the fault fixed remotely, the task completed by
 * hand) calls the visit off: the booking ends, psa.visit.cancelled.v1 goes out
 * once however often the done event comes, and the engineer's freed time goes to
 * queued work. A visit that has begun (by the clock, or the task was in
 * progress) stays for field-execution to complete.
 */
import { DataSource } from 'typeorm';
import { devAuthConfig } from '#auth';
import { checkEventData, Topics, type TaskSnapshot } from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { Clock, FixedClock } from '#platform';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { loadSchedulingConfig } from '../src/scheduling.config.js';
import { SCHEDULING_DEFAULTS, SchedulingModule } from '../src/scheduling.module.js';
import { addEngineer, record, supportTask, taskEvent } from './factories.js';

type Visit = { id: string; type: string; data: { bookingId: string; taskId: string; engineerIds: string[]; start: string; reason?: string } };

describe('scheduling: a task done before its visit', () => {
  let service: TestApp;
  let kafka: TestKafka;
  let db: DataSource;
  let http: ReturnType<typeof apiAs>;
  const config = testServiceConfig(SCHEDULING_DEFAULTS);
  const clock = new FixedClock(new Date('2026-11-24T08:00:00Z'));

  beforeAll(async () => {
    service = await startTestApp(SchedulingModule.forRoot(config, devAuthConfig(), loadSchedulingConfig({})), config, {
      transport: (app) => app.get(KafkaEventTransport),
      overrides: [[Clock, clock]],
    });
    kafka = new TestKafka(config.topicPrefix);
    db = service.app.get(DataSource);
    http = apiAs(service.app, ['dispatcher']);
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
  });

  const bookingOf = (taskId: string) =>
    eventually(async () => {
      const res = await http.get(`/tasks/${taskId}`);
      return res.status === 200 && res.body.booking ? res.body.booking : undefined;
    }, { what: `a booking for task ${taskId}` });

  /** Every task event produced so far applied (or skipped as a repeat), and every visit event it caused on the topic. */
  async function settled(): Promise<void> {
    await eventually(async () => (await kafka.lag(service.config.consumerGroup, Topics.serviceProjects)) === 0, { what: 'the task events consumed' });
    await eventually(async () => (await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`))[0].n === 0, { what: 'the outbox relayed' });
  }

  const visits = async (taskId: string): Promise<Visit[]> =>
    (await kafka.readAll(Topics.schedules)).map((r) => JSON.parse(r.value!.toString()) as Visit).filter((v) => v.data.taskId === taskId);

  const done = (snapshot: TaskSnapshot, completedAt: string) => record(taskEvent('psa.task.done.v1', { ...snapshot, status: 'done' }, { completedAt }));

  describe('done straight from scheduled, days before the visit', () => {
    let ravi: string;
    // Ravi is the only engineer in RJ and is away from Tuesday 1 Dec: only Monday 30 Nov is free, for one of the two.
    const fixedRemotely = supportTask('RJ', { earliestStart: '2026-11-30', dueDate: '2026-11-30' });
    const waiting = supportTask('RJ', { earliestStart: '2026-11-30', dueDate: '2026-11-30' });
    let booked: { id: string; engineerIds: string[]; start: string };

    beforeAll(async () => {
      ravi = await addEngineer(http, { name: 'Ravi Meena', homeRegion: 'RJ', skills: { maintenance: null } });
      await http.post(`/engineers/${ravi}/leave`).send({ firstDay: '2026-12-01', lastDay: '2027-06-30' }).expect(201);
      await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.ready.v1', fixedRemotely))]);
      booked = await bookingOf(fixedRemotely.taskId);
      await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.ready.v1', waiting))]);
      await eventually(async () => (await http.get(`/tasks/${waiting.taskId}`)).body.queue, { what: 'the second task queued' });
    });

    it('ends the booking, cancels the visit once although the done event comes twice, and gives the slot to the queued task', async () => {
      expect(booked).toMatchObject({ engineerIds: [ravi], start: '2026-11-30T04:30:00.000Z' });
      const event = done(fixedRemotely, '2026-11-24T08:00:00Z');
      await kafka.produce(Topics.serviceProjects, [event]);
      await kafka.produce(Topics.serviceProjects, [event]);
      // Another done event for the same task, not a redelivery (a new event id): the task was done already, nothing more to do.
      await kafka.produce(Topics.serviceProjects, [done(fixedRemotely, '2026-11-24T08:00:00Z')]);

      const next = await bookingOf(waiting.taskId);
      expect(next).toMatchObject({ engineerIds: [ravi], start: '2026-11-30T04:30:00.000Z' });
      await settled();

      const task = (await http.get(`/tasks/${fixedRemotely.taskId}`).expect(200)).body;
      expect(task.booking).toBeNull();
      expect(task.queue).toBeNull();
      const reason = 'Task done before the visit (completed 2026-11-24T08:00:00Z); the visit is not needed';
      expect(task.bookings).toEqual([expect.objectContaining({ id: booked.id, status: 'cancelled', endReason: reason })]);

      const events = await visits(fixedRemotely.taskId);
      expect(events.map((v) => v.type)).toEqual(['psa.visit.scheduled.v1', 'psa.visit.cancelled.v1']);
      const cancelled = events[1];
      expect(cancelled.data).toMatchObject({ bookingId: booked.id, engineerIds: [ravi], start: '2026-11-30T04:30:00.000Z', reason });
      // field-execution validates what it consumes against the same contract.
      expect(checkEventData(cancelled.type, cancelled.data)).toEqual({ ok: true });

      const { body: schedule } = await http.get(`/engineers/${ravi}/schedule`).query({ date: '2026-11-30' }).expect(200);
      const bookings = schedule.entries.filter((e: { kind: string }) => e.kind === 'booking');
      expect(bookings).toEqual([expect.objectContaining({ booking: expect.objectContaining({ taskId: waiting.taskId }) })]);
      expect((await http.get('/unassigned').query({ region: 'RJ' }).expect(200)).body.items).toEqual([]);
    });
  });

  describe('a visit that has begun stays', () => {
    let pia: string;
    let nia: string;

    beforeAll(async () => {
      pia = await addEngineer(http, { name: 'Pia Sandhu', homeRegion: 'PB', skills: { maintenance: null } });
      nia = await addEngineer(http, { name: 'Nia Thakur', homeRegion: 'HP', skills: { maintenance: null } });
    });

    it('when the engineer started it early and the task went in progress', async () => {
      const startedEarly = supportTask('HP', { earliestStart: '2026-11-26', dueDate: '2026-11-27' });
      await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.ready.v1', startedEarly))]);
      const booking = await bookingOf(startedEarly.taskId);
      expect(booking).toMatchObject({ engineerIds: [nia], start: '2026-11-26T04:30:00.000Z' });
      await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.changed.v1', { ...startedEarly, status: 'in_progress' }, { changes: ['status'] }))]);
      await kafka.produce(Topics.serviceProjects, [done(startedEarly, '2026-11-24T08:00:00Z')]);
      await settled();

      const task = (await http.get(`/tasks/${startedEarly.taskId}`).expect(200)).body;
      expect(task.booking).toMatchObject({ id: booking.id, status: 'proposed' });
      expect((await visits(startedEarly.taskId)).map((v) => v.type)).toEqual(['psa.visit.scheduled.v1']);
    });

    it('when its first day has begun by the clock, and its later days stay booked', async () => {
      // Two days' work: Wednesday and Thursday.
      const underWay = supportTask('PB', { earliestStart: '2026-11-25', dueDate: '2026-11-27', estimatedHours: '14' });
      await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.ready.v1', underWay))]);
      const booking = await bookingOf(underWay.taskId);
      expect(booking).toMatchObject({
        engineerIds: [pia],
        segments: [
          { start: '2026-11-25T04:30:00Z', end: '2026-11-25T11:30:00Z' },
          { start: '2026-11-26T04:30:00Z', end: '2026-11-26T11:30:00Z' },
        ],
      });
      clock.set('2026-11-25T06:00:00Z');
      try {
        await kafka.produce(Topics.serviceProjects, [done(underWay, '2026-11-25T06:00:00Z')]);
        await settled();
      } finally {
        clock.set('2026-11-24T08:00:00Z');
      }

      const task = (await http.get(`/tasks/${underWay.taskId}`).expect(200)).body;
      expect(task.booking).toMatchObject({ id: booking.id, status: 'proposed' });
      expect((await visits(underWay.taskId)).map((v) => v.type)).toEqual(['psa.visit.scheduled.v1']);
      const { body: schedule } = await http.get(`/engineers/${pia}/schedule`).query({ date: '2026-11-26' }).expect(200);
      expect(schedule.entries).toEqual([expect.objectContaining({ kind: 'booking', booking: expect.objectContaining({ taskId: underWay.taskId }) })]);
    });
  });
});
