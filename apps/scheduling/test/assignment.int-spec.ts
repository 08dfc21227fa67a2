/**
 * Task events in, visits out, on a real broker and database: the example
 * installation goes to a qualified, free crew in the site's region; other
 * engineers are excluded with the right reason code; training follows the
 * installation; a cancelled task frees its slot for the next queued task;
 * people assign, reassign, confirm and decline under the same rules.
 */
import { devAuthConfig } from '#auth';
import { Topics, exampleTaskReady } from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { Clock, FixedClock } from '#platform';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { loadSchedulingConfig } from '../src/scheduling.config.js';
import { SCHEDULING_DEFAULTS, SchedulingModule } from '../src/scheduling.module.js';
import { addEngineer, record, supportTask, task, taskEvent } from './factories.js';

type Rule = { rule: string; result: string; code?: string; detail?: string };
type Candidate = { engineerId: string; name: string; eligible: boolean; rules: Rule[]; rank?: number };
type Visit = { type: string; data: { bookingId: string; taskId: string; engineerIds: string[]; start: string; end: string; status: string; reason?: string } };

describe('scheduling: tasks in, visits out', () => {
  let service: TestApp;
  let kafka: TestKafka;
  let http: ReturnType<typeof apiAs>;
  const clock = new FixedClock(new Date('2026-11-24T08:00:00Z'));
  const ids: Record<string, string> = {};
  const installation = task();

  beforeAll(async () => {
    const config = testServiceConfig(SCHEDULING_DEFAULTS);
    service = await startTestApp(SchedulingModule.forRoot(config, devAuthConfig(), loadSchedulingConfig({})), config, {
      transport: (app) => app.get(KafkaEventTransport),
      overrides: [[Clock, clock]],
    });
    kafka = new TestKafka(config.topicPrefix);
    http = apiAs(service.app, ['dispatcher']);
    const full = { installation: null, hydraulics: '2027-12-31', training: null };
    ids.asha = await addEngineer(http, { name: 'Asha Patil', skills: full });
    ids.bala = await addEngineer(http, { name: 'Bala Rao', skills: full });
    ids.esha = await addEngineer(http, { name: 'Esha Kulkarni', skills: full });
    ids.dev = await addEngineer(http, { name: 'Dev Shah', skills: { installation: null, hydraulics: '2026-10-31' } });
    ids.kiran = await addEngineer(http, { name: 'Kiran Gowda', homeRegion: 'KA', skills: full });
    await http.post(`/engineers/${ids.esha}/leave`).send({ firstDay: '2026-11-23', lastDay: '2026-12-11', note: 'Annual leave' }).expect(201);
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
  });

  const bookingOf = (taskId: string) =>
    eventually(async () => {
      const res = await http.get(`/tasks/${taskId}`);
      return res.status === 200 && res.body.booking ? res.body : undefined;
    }, { what: `a booking for task ${taskId}` });

  const visits = async (taskId?: string): Promise<Visit[]> =>
    (await kafka.readAll(Topics.schedules)).map((r) => JSON.parse(r.value!.toString()) as Visit).filter((v) => !taskId || v.data.taskId === taskId);

  describe('the example installation', () => {
    let decision: { record: { candidates: Candidate[]; chosen: { engineerIds: string[] }; phase: string } };

    beforeAll(async () => {
      await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.ready.v1', installation))]);
    });

    it('goes to a qualified, free crew in the site’s region, after delivery, split across working days', async () => {
      const { booking } = await bookingOf(installation.taskId);
      expect(booking.engineerIds.sort()).toEqual([ids.asha, ids.bala].sort());
      expect(booking).toMatchObject({
        status: 'proposed',
        start: '2026-11-27T04:30:00.000Z',
        end: '2026-12-01T06:30:00.000Z',
        segments: [
          { start: '2026-11-27T04:30:00Z', end: '2026-11-27T11:30:00Z' },
          { start: '2026-11-30T04:30:00Z', end: '2026-11-30T11:30:00Z' },
          { start: '2026-12-01T04:30:00Z', end: '2026-12-01T06:30:00Z' },
        ],
        travelMinutes: { [ids.asha]: 60, [ids.bala]: 60 },
        assignedBy: 'auto',
      });
      expect(booking.start >= `${exampleTaskReady.task.earliestStart}`).toBe(true);
    });

    it('emits psa.visit.scheduled.v1 keyed by task', async () => {
      const [scheduled] = await eventually(async () => {
        const found = await visits(installation.taskId);
        return found.length > 0 ? found : undefined;
      }, { what: 'the visit event' });
      expect(scheduled).toMatchObject({
        type: 'psa.visit.scheduled.v1',
        source: 'serviceloop://scheduling',
        data: { taskId: installation.taskId, projectId: installation.projectId, customerId: 'C-1007', status: 'proposed', travelMinutes: 60, start: '2026-11-27T04:30:00.000Z' },
      });
      expect(scheduled.data.engineerIds.sort()).toEqual([ids.asha, ids.bala].sort());
    });

    it('explains itself: leave, an expired certificate and another region exclude with their reason codes', async () => {
      const { body: list } = await http.get('/decisions').query({ taskId: installation.taskId }).expect(200);
      expect(list.items[0]).toMatchObject({ kind: 'auto', outcome: 'placed', reasons: expect.any(Array) });
      decision = (await http.get(`/decisions/${list.items[0].id}`).expect(200)).body;
      const firstFailure = (id: string) => decision.record.candidates.find((c) => c.engineerId === id)!.rules.find((r) => r.result === 'fail');
      expect(firstFailure(ids.esha)).toMatchObject({ rule: 'availability', code: 'ON_LEAVE' });
      expect(firstFailure(ids.dev)).toMatchObject({ rule: 'certificates', code: 'CERT_EXPIRED', detail: 'hydraulics certificate expired 2026-10-31' });
      expect(firstFailure(ids.kiran)).toMatchObject({ rule: 'region', code: 'REGION_NOT_SERVED', detail: 'serves KA, not MH' });
      const asha = decision.record.candidates.find((c) => c.engineerId === ids.asha)!;
      expect(asha).toMatchObject({ eligible: true, rank: 1, scores: { earliest: expect.any(Number), travel: 0.75, load: 1, total: expect.any(Number) } });
      expect(asha.rules.map((r) => `${r.rule}:${r.result}`)).toEqual(['active:pass', 'region:pass', 'skills:pass', 'certificates:pass', 'availability:pass', 'crew:pass']);
      expect(decision.record.phase).toBe('before_due');
    });

    it('does nothing more when the same ready event comes again', async () => {
      const before = (await http.get(`/tasks/${installation.taskId}`).expect(200)).body.booking;
      await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.ready.v1', installation))]);
      await eventually(async () => (await kafka.lag(service.config.consumerGroup, Topics.serviceProjects)) === 0, { what: 'the repeat consumed' });
      const after = (await http.get(`/tasks/${installation.taskId}`).expect(200)).body;
      expect(after.booking).toEqual(before);
      expect(after.bookings).toHaveLength(1);
    });
  });

  it('books training after the installation', async () => {
    const { booking: installed } = await bookingOf(installation.taskId);
    const training = task({
      taskId: '9d2e4b7c-5a1f-4e3b-8c6d-2f7a1b3c4002',
      commitmentId: '0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d1002',
      sku: 'SVC-TRAINING',
      kind: 'training',
      name: 'Operator training',
      requiredSkills: ['training'],
      estimatedHours: '8',
      engineers: 1,
      earliestStart: '2026-12-01',
      dueDate: '2026-12-08',
      dependsOnTaskIds: [installation.taskId],
    });
    await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.ready.v1', training))]);
    const { booking } = await bookingOf(training.taskId);
    expect([ids.asha, ids.bala]).toContain(booking.engineerIds[0]);
    expect(Date.parse(booking.start)).toBeGreaterThan(Date.parse(installed.end));

    // Every decision (the installation's, the training's), newest first, a page at a time: the older ones stay reachable.
    const all: string[] = (await http.get('/decisions').query({ limit: 200 }).expect(200)).body.items.map((d: { id: string }) => d.id);
    expect(all.length).toBeGreaterThan(1);
    expect((await http.get('/decisions').query({ limit: 1, offset: 1 }).expect(200)).body.items.map((d: { id: string }) => d.id)).toEqual([all[1]]);
    expect((await http.get('/decisions').query({ offset: all.length }).expect(200)).body.items).toEqual([]);
    expect((await http.get('/decisions').query({ offset: -1 }).expect(400)).body.reasons.join('\n')).toMatch(/offset must not be less than 0/);
  });

  describe('a cancelled task frees its slot and the next queued task takes it', () => {
    const first = supportTask('GJ', { earliestStart: '2026-11-30', dueDate: '2026-11-30' });
    const second = supportTask('GJ', { earliestStart: '2026-11-30', dueDate: '2026-11-30' });

    beforeAll(async () => {
      ids.gita = await addEngineer(http, { name: 'Gita Desai', homeRegion: 'GJ', skills: { maintenance: null } });
      // Gita is the only engineer in GJ and is away from Tuesday 1 Dec: only Monday is free.
      await http.post(`/engineers/${ids.gita}/leave`).send({ firstDay: '2026-12-01', lastDay: '2027-06-30' }).expect(201);
    });

    it('books the first task on Monday and queues the second with its reasons', async () => {
      await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.ready.v1', first))]);
      const { booking } = await bookingOf(first.taskId);
      expect(booking).toMatchObject({ engineerIds: [ids.gita], start: '2026-11-30T04:30:00.000Z' });
      await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.ready.v1', second))]);
      const queued = await eventually(async () => {
        const { body } = await http.get('/unassigned').query({ region: 'GJ' }).expect(200);
        return body.items.find((i: { taskId: string }) => i.taskId === second.taskId);
      }, { what: 'the second task queued' });
      expect(queued).toMatchObject({ autoRetry: true, task: { name: 'On-site support visit', siteRegion: 'GJ' } });
      // Without her leave Gita would be free from Tuesday: the leave is what keeps the task waiting.
      expect(queued.reasons).toEqual(expect.arrayContaining([{ code: 'ON_LEAVE', engineers: 1 }]));
    });

    it('gives the freed slot to the queued task when the first is cancelled', async () => {
      const cancelled = { ...first, status: 'cancelled' as const };
      await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.cancelled.v1', cancelled, { reason: 'Customer withdrew' }))]);
      const { booking } = await bookingOf(second.taskId);
      expect(booking).toMatchObject({ engineerIds: [ids.gita], start: '2026-11-30T04:30:00.000Z' });
      const freed = (await http.get(`/tasks/${first.taskId}`).expect(200)).body;
      expect(freed.booking).toBeNull();
      expect(freed.bookings[0]).toMatchObject({ status: 'cancelled', endReason: 'Task cancelled: Customer withdrew' });
      const { body: queue } = await http.get('/unassigned').query({ region: 'GJ' }).expect(200);
      expect(queue.items).toEqual([]);
      const events = await eventually(async () => {
        const all = await visits();
        const types = all.filter((v) => v.data.taskId === first.taskId || v.data.taskId === second.taskId).map((v) => `${v.type} ${v.data.taskId === first.taskId ? 'first' : 'second'}`);
        return types.length >= 3 ? types : undefined;
      }, { what: 'the visit events' });
      expect(events).toEqual(expect.arrayContaining(['psa.visit.scheduled.v1 first', 'psa.visit.cancelled.v1 first', 'psa.visit.scheduled.v1 second']));
    });

    it('answers 409 with the conflicting booking when a dispatcher picks a taken slot', async () => {
      const third = supportTask('GJ', { earliestStart: '2026-11-30', dueDate: '2026-11-30' });
      await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.ready.v1', third))]);
      await eventually(async () => (await http.get(`/tasks/${third.taskId}`)).body.queue, { what: 'the third task queued' });
      const secondBooking = (await http.get(`/tasks/${second.taskId}`).expect(200)).body.booking;
      const res = await http.post(`/tasks/${third.taskId}/assign`).send({ engineerIds: [ids.gita], start: '2026-11-30T04:30:00Z', overrideReason: 'Customer insists' }).expect(409);
      expect(res.body).toMatchObject({ code: 'SLOT_TAKEN', conflict: { kind: 'booking', bookingId: secondBooking.id, taskId: second.taskId, engineerId: ids.gita } });
    });
  });

  describe('dispatchers', () => {
    it('cannot break the hard rules', async () => {
      const training = (await http.get('/tasks/9d2e4b7c-5a1f-4e3b-8c6d-2f7a1b3c4002').expect(200)).body;
      const res = await http.post(`/tasks/${training.taskId}/assign`).send({ engineerIds: [ids.kiran], overrideReason: 'try' }).expect(422);
      expect(res.body).toMatchObject({ code: 'RULES_VIOLATED', violations: [expect.objectContaining({ engineerId: ids.kiran, code: 'REGION_NOT_SERVED' })] });
      const onLeave = await http.post(`/tasks/${training.taskId}/assign`).send({ engineerIds: [ids.esha], start: '2026-12-02T04:30:00Z', overrideReason: 'try' }).expect(422);
      expect(onLeave.body.violations).toEqual([expect.objectContaining({ engineerId: ids.esha, code: 'ON_LEAVE' })]);
    });

    it('overrule the assigner’s preferences only with a reason, which is kept', async () => {
      const trainingId = '9d2e4b7c-5a1f-4e3b-8c6d-2f7a1b3c4002';
      const current = (await http.get(`/tasks/${trainingId}`).expect(200)).body.booking;
      const other = current.engineerIds[0] === ids.asha ? ids.bala : ids.asha;
      const refused = await http.post(`/tasks/${trainingId}/assign`).send({ engineerIds: [other], start: '2026-12-03T04:30:00Z' }).expect(400);
      expect(refused.body).toMatchObject({ code: 'OVERRIDE_REASON_REQUIRED', recommended: expect.objectContaining({ engineerIds: expect.any(Array) }) });
      const res = await http
        .post(`/tasks/${trainingId}/assign`)
        .send({ engineerIds: [other], start: '2026-12-03T04:30:00Z', overrideReason: 'Customer asked for the same trainer as last year' })
        .expect(201);
      expect(res.body).toMatchObject({ override: true, booking: { id: current.id, engineerIds: [other], overrideReason: 'Customer asked for the same trainer as last year' } });
      const decision = (await http.get(`/decisions/${res.body.decisionId}`).expect(200)).body;
      expect(decision).toMatchObject({ kind: 'manual', outcome: 'assigned', overrideReason: 'Customer asked for the same trainer as last year', record: { manual: { override: true } } });
      const moved = await eventually(async () => (await visits(trainingId)).find((v) => v.type === 'psa.visit.rescheduled.v1'), { what: 'the rescheduled event' });
      expect(moved.data).toMatchObject({ bookingId: current.id, engineerIds: [other], reason: 'Reassigned: Customer asked for the same trainer as last year' });
    });

    it('record the customer’s confirmation, and a decline puts the task in the queue for a person', async () => {
      const { booking } = await bookingOf(installation.taskId);
      const confirmed = await http.post(`/bookings/${booking.id}/confirm`).expect(200);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', confirmedAt: expect.any(String) });
      const trainingId = '9d2e4b7c-5a1f-4e3b-8c6d-2f7a1b3c4002';
      const training = (await http.get(`/tasks/${trainingId}`).expect(200)).body.booking;
      const customer = apiAs(service.app, ['customer'], { customerId: 'C-1007' });
      const declined = await customer.post(`/bookings/${training.id}/decline`).send({ reason: 'Plant closed that week' }).expect(200);
      expect(declined.body).toMatchObject({ status: 'declined', endReason: 'Declined by the customer: Plant closed that week' });
      const queued = (await http.get(`/tasks/${trainingId}`).expect(200)).body.queue;
      expect(queued).toMatchObject({ autoRetry: false, reasons: [{ code: 'DECLINED_BY_CUSTOMER', engineers: 0 }] });
      await apiAs(service.app, ['customer'], { customerId: 'C-9999' }).post(`/bookings/${booking.id}/confirm`).expect(404);
    });
  });

  describe('schedules', () => {
    it('show an engineer their own schedule only', async () => {
      const asha = apiAs(service.app, ['engineer'], { engineerId: ids.asha });
      const { body } = await asha.get(`/engineers/${ids.asha}/schedule`).query({ date: '2026-11-27', span: 'week' }).expect(200);
      expect(body).toMatchObject({ engineerId: ids.asha, from: '2026-11-23', to: '2026-11-29' });
      expect(body.entries).toEqual([
        expect.objectContaining({
          kind: 'booking',
          start: '2026-11-27T03:30:00Z',
          end: '2026-11-27T12:30:00Z',
          booking: expect.objectContaining({ taskId: installation.taskId, taskName: 'Install and commission machine', workStart: '2026-11-27T04:30:00Z', workEnd: '2026-11-27T11:30:00Z', status: 'confirmed' }),
        }),
      ]);
      const other = await asha.get(`/engineers/${ids.bala}/schedule`).query({ date: '2026-11-27' }).expect(403);
      expect(other.body.code).toBe('OTHER_ENGINEER');
    });

    it('show a region by week, and each engineer’s workload', async () => {
      const { body } = await http.get('/regions/MH/schedule').query({ date: '2026-11-30', span: 'week' }).expect(200);
      const esha = body.engineers.find((e: { engineerId: string }) => e.engineerId === ids.esha);
      expect(esha.entries.every((e: { kind: string }) => e.kind === 'leave')).toBe(true);
      const { body: load } = await http.get('/workload').query({ region: 'MH', date: '2026-11-30' }).expect(200);
      const asha = load.engineers.find((e: { engineerId: string }) => e.engineerId === ids.asha);
      expect(asha).toMatchObject({ workingHours: 45, leaveHours: 0, bookedHours: 13 });
      expect(load.engineers.find((e: { engineerId: string }) => e.engineerId === ids.esha)).toMatchObject({ leaveHours: 45, utilisation: null });
    });
  });

  describe('a task that changes', () => {
    const site = { id: 'C-2001-CHN', name: 'Chennai plant', address: null, city: 'Chennai', region: 'TN', country: 'IN', timezone: 'Asia/Kolkata' };
    const moving = task({ taskId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b0001', projectId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b0000', site });

    beforeAll(async () => {
      ids.tara = await addEngineer(http, { name: 'Tara Iyer', homeRegion: 'TN' });
      ids.uma = await addEngineer(http, { name: 'Uma Nair', homeRegion: 'TN' });
    });

    it('moves its visit when the delivery moves, keeping the booking id', async () => {
      await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.ready.v1', moving))]);
      const { booking } = await bookingOf(moving.taskId);
      expect(booking.start).toBe('2026-11-27T04:30:00.000Z');
      const later = { ...moving, earliestStart: '2026-11-30', dueDate: '2026-12-07' };
      await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.changed.v1', later, { changes: ['earliestStart', 'dueDate'] }))]);
      const moved = await eventually(async () => {
        const { body } = await http.get(`/tasks/${moving.taskId}`);
        return body.booking?.start === '2026-11-30T04:30:00.000Z' ? body.booking : undefined;
      }, { what: 'the visit moved to Monday' });
      expect(moved.id).toBe(booking.id);
      const event = await eventually(async () => (await visits(moving.taskId)).find((v) => v.type === 'psa.visit.rescheduled.v1'), { what: 'the rescheduled event' });
      expect(event.data).toMatchObject({
        bookingId: booking.id,
        start: '2026-11-30T04:30:00.000Z',
        previous: { start: '2026-11-27T04:30:00.000Z' },
        reason: expect.stringMatching(/^Task changed \(earliestStart, dueDate\): the visit starts before 2026-11-29T18:30:00Z/),
      });
    });

    it('calls the visit off while the task is on hold, and books it again when released', async () => {
      const held = { ...moving, earliestStart: '2026-11-30', dueDate: '2026-12-07', status: 'on_hold' as const, holdReason: 'site_readiness' };
      await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.on-hold.v1', held, { reason: 'site_readiness', note: 'Foundation curing' }))]);
      await eventually(async () => (await http.get(`/tasks/${moving.taskId}`)).body.booking === null, { what: 'the visit called off' });
      const cancelled = await eventually(async () => (await visits(moving.taskId)).find((v) => v.type === 'psa.visit.cancelled.v1'), { what: 'the cancelled event' });
      expect(cancelled.data.reason).toBe('Task on hold: site_readiness');
      const released = { ...held, status: 'ready' as const, holdReason: null };
      await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.released.v1', released))]);
      const { booking } = await bookingOf(moving.taskId);
      expect(booking).toMatchObject({ status: 'proposed', start: '2026-11-30T04:30:00.000Z' });
      expect(booking.id).not.toBe(cancelled.data.bookingId);
    });
  });
});
