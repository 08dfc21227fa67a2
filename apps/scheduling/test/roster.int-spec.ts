/**
 * The roster and its calendars through the API: engineers, skills, regions,
 * working weeks, leave, public holidays, travel; and the unassigned queue
 * retried whenever one of them adds capacity.
 */
import { devAuthConfig } from '#auth';
import { Topics, type EngineerAvailabilityChangedV1 } from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { Clock, FixedClock } from '#platform';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { DataSource } from 'typeorm';
import { loadSchedulingConfig } from '../src/scheduling.config.js';
import { SCHEDULING_DEFAULTS, SchedulingModule } from '../src/scheduling.module.js';
import { addEngineer, record, supportTask, taskEvent } from './factories.js';

describe('scheduling: the roster and its calendars', () => {
  let service: TestApp;
  let kafka: TestKafka;
  let http: ReturnType<typeof apiAs>;
  const clock = new FixedClock(new Date('2026-11-24T08:00:00Z'));

  beforeAll(async () => {
    const config = testServiceConfig(SCHEDULING_DEFAULTS);
    service = await startTestApp(SchedulingModule.forRoot(config, devAuthConfig(), loadSchedulingConfig({})), config, {
      transport: (app) => app.get(KafkaEventTransport),
      overrides: [[Clock, clock]],
    });
    kafka = new TestKafka(config.topicPrefix);
    http = apiAs(service.app, ['service_manager']);
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
  });

  const taskView = (taskId: string) => http.get(`/tasks/${taskId}`).expect(200).then((r) => r.body);

  it('adds, reads, changes and lists engineers, validating input', async () => {
    const created = await http
      .post('/engineers')
      .send({
        name: 'Neha Joshi',
        email: 'Neha.Joshi@Example.com',
        homeRegion: 'KL',
        timezone: 'Asia/Kolkata',
        regions: ['TN'],
        skills: [{ skill: 'plc', certificate: 'PLC-77', certifiedUntil: '2027-03-31' }, { skill: 'electrical' }],
        workingHours: [{ day: 1, start: '08:00', end: '16:00' }, { day: 3, start: '08:00', end: '16:00' }],
      })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'Neha Joshi',
      email: 'neha.joshi@example.com',
      homeRegion: 'KL',
      regions: ['KL', 'TN'],
      active: true,
      skills: [{ skill: 'electrical', certificate: null, certifiedUntil: null }, { skill: 'plc', certificate: 'PLC-77', certifiedUntil: '2027-03-31' }],
      workingHours: [{ day: 1, start: '08:00', end: '16:00' }, { day: 3, start: '08:00', end: '16:00' }],
    });
    const id = created.body.id;
    await http.post('/engineers').send({ name: 'Copy', email: 'neha.joshi@example.com', homeRegion: 'KL', timezone: 'Asia/Kolkata' }).expect(409);
    const bad = await http.post('/engineers').send({ name: '', email: 'x', homeRegion: 'K L', timezone: 'Mars/Base', workingHours: [{ day: 8, start: '18:00', end: '09:00' }] }).expect(400);
    expect(bad.body.reasons.join('\n')).toMatch(/timezone must be an IANA time zone[\s\S]*workingHours.0.day/);

    await http.put(`/engineers/${id}/skills`).send({ skills: [{ skill: 'plc', certifiedUntil: '2028-01-31' }] }).expect(200);
    await http.put(`/engineers/${id}/regions`).send({ regions: ['KA'] }).expect(200);
    const hours = await http.put(`/engineers/${id}/working-hours`).send({ timezone: 'Asia/Kolkata', weeklyHours: [{ day: 2, start: '09:00', end: '17:00' }] }).expect(200);
    expect(hours.body).toMatchObject({ skills: [{ skill: 'plc', certifiedUntil: '2028-01-31' }], regions: ['KL', 'KA'], workingHours: [{ day: 2, start: '09:00', end: '17:00' }] });
    const renamed = await http.patch(`/engineers/${id}`).send({ name: 'Neha J.' }).expect(200);
    expect(renamed.body.name).toBe('Neha J.');

    const { body: inKa } = await http.get('/engineers').query({ region: 'KA', skill: 'plc' }).expect(200);
    expect(inKa.items.map((e: { id: string }) => e.id)).toEqual([id]);
    // The roster by name, a page at a time: past the first page nobody is cut off.
    for (const [name, email] of [['Arun Menon', 'arun.menon@example.com'], ['Zoya Khan', 'zoya.khan@example.com']]) {
      await http.post('/engineers').send({ name, email, homeRegion: 'KL', timezone: 'Asia/Kolkata' }).expect(201);
    }
    const roster: string[] = (await http.get('/engineers').expect(200)).body.items.map((e: { id: string }) => e.id);
    expect(roster.length).toBeGreaterThan(2);
    expect((await http.get('/engineers').query({ limit: 2, offset: 1 }).expect(200)).body.items.map((e: { id: string }) => e.id)).toEqual(roster.slice(1, 3));
    expect((await http.get('/engineers').query({ offset: roster.length }).expect(200)).body.items).toEqual([]);
    expect((await http.get('/engineers').query({ limit: 1001 }).expect(400)).body.reasons.join('\n')).toMatch(/limit must not be greater than 1000/);
    await http.get('/engineers/00000000-0000-4000-8000-000000000000').expect(404);
    await apiAs(service.app, ['finance']).get('/engineers').expect(403);
  });

  it('retries queued work when an engineer who can do it joins', async () => {
    const waiting = supportTask('UP', { requiredSkills: ['robotics'], earliestStart: '2026-11-30', dueDate: '2026-12-04' });
    await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.ready.v1', waiting))]);
    const queued = await eventually(async () => (await http.get(`/tasks/${waiting.taskId}`)).body?.queue, { what: 'the task queued' });
    expect(queued).toMatchObject({ autoRetry: true });
    const engineerId = await addEngineer(http, { name: 'Om Prakash', homeRegion: 'UP', skills: { robotics: null } });
    const placed = await taskView(waiting.taskId);
    expect(placed).toMatchObject({ queue: null, booking: { engineerIds: [engineerId], start: '2026-11-30T04:30:00.000Z' } });
  });

  describe('leave', () => {
    let engineerId: string;
    let visitId: string;
    const visit = supportTask('WB', { requiredSkills: ['pneumatics'], earliestStart: '2026-12-01', dueDate: '2026-12-11' });

    beforeAll(async () => {
      engineerId = await addEngineer(http, { name: 'Pia Sen', homeRegion: 'WB', skills: { pneumatics: null } });
      await addEngineer(http, { name: 'Ritu Das', homeRegion: 'WB', skills: { pneumatics: null } });
      await http.put('/regions/travel').send({ fromRegion: 'WB', toRegion: 'WB', minutes: 30 }).expect(200);
      await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.ready.v1', visit))]);
      await eventually(async () => (await http.get(`/tasks/${visit.taskId}`)).body?.booking, { what: 'the visit booked' });
      const booked = await taskView(visit.taskId);
      expect(booked.booking).toMatchObject({ engineerIds: [engineerId], start: '2026-12-01T04:00:00.000Z', travelMinutes: { [engineerId]: 30 } });
      visitId = booked.booking.id;
    });

    it('over a booked visit is refused, naming the visit', async () => {
      const res = await http.post(`/engineers/${engineerId}/leave`).send({ firstDay: '2026-12-01', lastDay: '2026-12-02' }).expect(409);
      expect(res.body).toMatchObject({ code: 'LEAVE_OVER_BOOKINGS', bookings: [expect.objectContaining({ id: visitId })] });
    });

    it('with reschedule=true moves the visit to someone free, and taking it back frees the days', async () => {
      const res = await http.post(`/engineers/${engineerId}/leave`).query({ reschedule: 'true' }).send({ firstDay: '2026-12-01', lastDay: '2026-12-02', note: 'Family event' }).expect(201);
      expect(res.body).toMatchObject({ leave: { firstDay: '2026-12-01', lastDay: '2026-12-02', note: 'Family event' }, rescheduled: [{ bookingId: visitId, status: 'proposed' }] });
      const moved = await taskView(visit.taskId);
      expect(moved.booking.id).toBe(visitId);
      expect(moved.booking.engineerIds).not.toContain(engineerId);
      const { body: leave } = await http.get(`/engineers/${engineerId}/leave`).expect(200);
      expect(leave.items).toHaveLength(1);
      const schedule = (await http.get(`/engineers/${engineerId}/schedule`).query({ date: '2026-12-01', span: 'week' }).expect(200)).body;
      expect(schedule.entries.map((e: { kind: string; start: string }) => `${e.kind} ${e.start}`)).toEqual(['leave 2026-11-30T18:30:00Z']);
      await http.delete(`/engineers/${engineerId}/leave/${res.body.leave.id}`).expect(200);
      const after = (await http.get(`/engineers/${engineerId}/schedule`).query({ date: '2026-12-01', span: 'week' }).expect(200)).body;
      expect(after.entries).toEqual([]);
    });
  });

  it('public holidays are days off for the region’s engineers, kept apart from their leave', async () => {
    const engineerId = await addEngineer(http, { name: 'Sara Mehta', homeRegion: 'GA', skills: { welding: null } });
    await http.post(`/engineers/${engineerId}/leave`).send({ firstDay: '2026-12-24', lastDay: '2026-12-28' }).expect(201);
    const { body } = await http.post('/holidays').send({ region: 'GA', date: '2026-12-25', name: 'Christmas' }).expect(201);
    expect(body).toMatchObject({ holiday: { region: 'GA', date: '2026-12-25', name: 'Christmas' }, engineers: 1, bookingsOnHoliday: [] });
    await http.post('/holidays').send({ region: 'GA', date: '2026-12-25', name: 'Again' }).expect(409);
    const later = await addEngineer(http, { name: 'Tina Rao', homeRegion: 'GA', skills: { welding: null } });
    const db = service.app.get(DataSource);
    const rows = await db.query(`SELECT engineer_id, kind, count(*)::int AS n FROM engineer_time WHERE engineer_id = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2`, [[engineerId, later]]);
    // Sara's leave already covers the 25th, so it stays leave; Tina, who joined later, gets the holiday.
    expect(rows).toEqual(
      expect.arrayContaining([
        { engineer_id: engineerId, kind: 'leave', n: 1 },
        { engineer_id: later, kind: 'holiday', n: 1 },
      ]),
    );
    const week = (await http.get(`/engineers/${later}/schedule`).query({ date: '2026-12-25' }).expect(200)).body;
    expect(week.entries).toEqual([expect.objectContaining({ kind: 'holiday', holiday: expect.objectContaining({ name: 'Christmas' }) })]);
    const { body: list } = await http.get('/holidays').query({ region: 'GA' }).expect(200);
    expect(list.items).toHaveLength(1);
  });

  it('lists holidays and leave of a period — by default this year and next, and leave from a year ago on — a page at a time, in a stable order', async () => {
    // Today is 24 November 2026. No engineer is based in SK or AS: the holidays touch nobody's time.
    for (const [region, date] of [['SK', '2024-08-15'], ['SK', '2026-08-15'], ['AS', '2026-08-15'], ['SK', '2027-01-26'], ['SK', '2028-01-26']]) {
      await http.post('/holidays').send({ region, date, name: `Holiday ${date}` }).expect(201);
    }
    const days = (body: { items: { region: string; date: string }[] }) => body.items.map((h) => `${h.region} ${h.date}`);
    const sikkim = (await http.get('/holidays').query({ region: 'SK' }).expect(200)).body;
    expect(sikkim).toMatchObject({ from: '2026-01-01', to: '2027-12-31' });
    expect(days(sikkim)).toEqual(['SK 2026-08-15', 'SK 2027-01-26']);
    expect(sikkim.nextOffset).toBeUndefined();
    // One day, every region: by date, then region.
    expect(days((await http.get('/holidays').query({ from: '2026-08-15', to: '2026-08-15' }).expect(200)).body)).toEqual(['AS 2026-08-15', 'SK 2026-08-15']);
    // Every year from 2024 on (no last day), two at a time.
    const first = (await http.get('/holidays').query({ region: 'SK', from: '2024-01-01', limit: 2 }).expect(200)).body;
    expect(first).toMatchObject({ from: '2024-01-01', to: null, nextOffset: 2 });
    expect(days(first)).toEqual(['SK 2024-08-15', 'SK 2026-08-15']);
    const second = (await http.get('/holidays').query({ region: 'SK', from: '2024-01-01', limit: 2, offset: first.nextOffset }).expect(200)).body;
    expect(days(second)).toEqual(['SK 2027-01-26', 'SK 2028-01-26']);
    expect(second.nextOffset).toBeUndefined();
    const bad = await http.get('/holidays').query({ from: '2026-13-01', to: '2025-01-01', limit: 501, offset: -1 }).expect(400);
    expect(bad.body.reasons).toEqual([
      'offset: offset must not be less than 0',
      'limit: limit must not be greater than 500',
      'from: from must be a date YYYY-MM-DD',
      'to: to must not be before from',
    ]);

    const engineerId = await addEngineer(http, { name: 'Lalit Sangma', homeRegion: 'ML' });
    for (const [firstDay, lastDay] of [['2025-06-02', '2025-06-06'], ['2025-11-20', '2025-11-28'], ['2026-12-10', '2026-12-11'], ['2027-03-01', '2027-03-02']]) {
      await http.post(`/engineers/${engineerId}/leave`).send({ firstDay, lastDay }).expect(201);
    }
    const spans = (body: { items: { firstDay: string; lastDay: string }[] }) => body.items.map((l) => `${l.firstDay}..${l.lastDay}`);
    // By default: what ends on or after 24 November 2025 (so the leave over that day too), and everything ahead.
    const leave = (await http.get(`/engineers/${engineerId}/leave`).expect(200)).body;
    expect(leave).toMatchObject({ from: '2025-11-24', to: null });
    expect(spans(leave)).toEqual(['2025-11-20..2025-11-28', '2026-12-10..2026-12-11', '2027-03-01..2027-03-02']);
    // 2025: the leave touching the year.
    expect(spans((await http.get(`/engineers/${engineerId}/leave`).query({ from: '2025-01-01', to: '2025-12-31' }).expect(200)).body)).toEqual([
      '2025-06-02..2025-06-06',
      '2025-11-20..2025-11-28',
    ]);
    const page = (await http.get(`/engineers/${engineerId}/leave`).query({ limit: 1, offset: 1 }).expect(200)).body;
    expect(spans(page)).toEqual(['2026-12-10..2026-12-11']);
    expect(page.nextOffset).toBe(2);
    const tooMany = await http.get(`/engineers/${engineerId}/leave`).query({ limit: 0 }).expect(400);
    expect(tooMany.body.reasons).toEqual(['limit: limit must not be less than 1']);
  });

  it('publishes the engineer’s available minutes on psa.schedules when they join, take leave and get a holiday', async () => {
    type Availability = { type: string; subject: string; data: EngineerAvailabilityChangedV1 };
    const published = async (engineerId: string, count: number) =>
      eventually(async () => {
        const found = (await kafka.readAll(Topics.schedules))
          .filter((r) => r.key === engineerId)
          .map((r) => JSON.parse(r.value!.toString()) as Availability)
          .filter((e) => e.type === 'psa.engineer.availability-changed.v1');
        return found.length >= count ? found : undefined;
      }, { what: `${count} availability event(s) for ${engineerId}` });
    const byDate = (e: Availability) => Object.fromEntries(e.data.days.map((d) => [d.date, `${d.kind} ${d.availableMinutes}`]));
    const week = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' }));

    const engineerId = await addEngineer(http, { name: 'Usha Nair', homeRegion: 'OD', workingHours: [...week, { day: 6, start: '09:00', end: '13:00' }] });
    const [joined] = await published(engineerId, 1);
    expect(joined).toMatchObject({ subject: engineerId, data: { engineerId, name: 'Usha Nair', region: 'OD', changedAt: '2026-11-24T08:00:00.000Z' } });
    // Today is 2026-11-24 in Kolkata: 30 days back to 90 ahead.
    expect(joined.data.days).toHaveLength(121);
    expect(joined.data.days[0].date).toBe('2026-10-25');
    expect(joined.data.days[120].date).toBe('2027-02-22');
    expect(byDate(joined)).toMatchObject({ '2026-11-30': 'working 540', '2026-12-01': 'working 540', '2026-12-05': 'working 240', '2026-12-06': 'off 0' });

    const leave = await http.post(`/engineers/${engineerId}/leave`).send({ firstDay: '2026-12-01', lastDay: '2026-12-02' }).expect(201);
    const onLeave = (await published(engineerId, 2))[1];
    expect(onLeave.data.days).toEqual([
      { date: '2026-12-01', availableMinutes: 0, kind: 'leave' },
      { date: '2026-12-02', availableMinutes: 0, kind: 'leave' },
    ]);

    const { body: holiday } = await http.post('/holidays').send({ region: 'OD', date: '2026-12-03', name: 'Foundation day' }).expect(201);
    expect((await published(engineerId, 3))[2].data.days).toEqual([{ date: '2026-12-03', availableMinutes: 0, kind: 'holiday' }]);

    await http.delete(`/engineers/${engineerId}/leave/${leave.body.leave.id}`).expect(200);
    expect(byDate((await published(engineerId, 4))[3])).toEqual({ '2026-12-01': 'working 540', '2026-12-02': 'working 540' });
    await http.delete(`/holidays/${holiday.holiday.id}`).expect(200);
    expect(byDate((await published(engineerId, 5))[4])).toEqual({ '2026-12-03': 'working 540' });
  });

  it('keeps the team an engineer works in and states it in the availability event analytics reports utilization by', async () => {
    const teamOf = async (engineerId: string, count: number) =>
      eventually(async () => {
        const found = (await kafka.readAll(Topics.schedules))
          .filter((r) => r.key === engineerId)
          .map((r) => JSON.parse(r.value!.toString()) as { type: string; data: EngineerAvailabilityChangedV1 })
          .filter((e) => e.type === 'psa.engineer.availability-changed.v1');
        return found.length >= count ? found.map((e) => e.data.team) : undefined;
      }, { what: `${count} availability event(s) for ${engineerId}` });

    const created = await http
      .post('/engineers')
      .send({ name: 'Farah Khan', email: 'farah.khan@example.com', homeRegion: 'GJ', timezone: 'Asia/Kolkata', team: 'Installations West' })
      .expect(201);
    const id = created.body.id;
    expect(created.body.team).toBe('Installations West');
    expect(await teamOf(id, 1)).toEqual(['Installations West']);

    const moved = await http.patch(`/engineers/${id}`).send({ team: 'Service South' }).expect(200);
    expect(moved.body.team).toBe('Service South');
    expect((await http.get(`/engineers/${id}`).expect(200)).body.team).toBe('Service South');
    expect(await teamOf(id, 2)).toEqual(['Installations West', 'Service South']);

    // Out of any team: null, stated again.
    expect((await http.patch(`/engineers/${id}`).send({ team: null }).expect(200)).body.team).toBeNull();
    expect(await teamOf(id, 3)).toEqual(['Installations West', 'Service South', null]);

    // Another change leaves the team alone; an engineer added without one has none.
    expect((await http.patch(`/engineers/${id}`).send({ name: 'Farah K.' }).expect(200)).body.team).toBeNull();
    const solo = await addEngineer(http, { name: 'Ira Sen', homeRegion: 'GJ' });
    expect((await http.get(`/engineers/${solo}`).expect(200)).body.team).toBeNull();
    expect(await teamOf(solo, 1)).toEqual([null]);

    const bad = await http.patch(`/engineers/${id}`).send({ team: ' ' }).expect(400);
    expect(bad.body.reasons.join('\n')).toMatch(/team must be 1–80 characters/);
    await http.post('/engineers').send({ name: 'X', email: 'x.team@example.com', homeRegion: 'GJ', timezone: 'Asia/Kolkata', team: 42 }).expect(400);
  });

  it('switching an engineer off moves their future visits to others or the queue', async () => {
    const leaving = await addEngineer(http, { name: 'Vik Anand', homeRegion: 'HR', skills: { calibration: null } });
    const job = supportTask('HR', { requiredSkills: ['calibration'], earliestStart: '2026-11-30', dueDate: '2026-12-04' });
    await kafka.produce(Topics.serviceProjects, [record(taskEvent('psa.task.ready.v1', job))]);
    await eventually(async () => (await http.get(`/tasks/${job.taskId}`)).body?.booking, { what: 'the job booked' });
    await http.delete(`/engineers/${leaving}`).expect(200);
    const after = await taskView(job.taskId);
    expect(after.booking).toBeNull();
    expect(after.bookings[0]).toMatchObject({ status: 'cancelled', endReason: 'Engineer Vik Anand is no longer available; no engineer free any more' });
    expect(after.queue).toMatchObject({ autoRetry: true });
    const comesBack = await addEngineer(http, { name: 'Wasim Ali', homeRegion: 'HR', skills: { calibration: null } });
    expect((await taskView(job.taskId)).booking).toMatchObject({ engineerIds: [comesBack] });
  });
});
