/**
 * A visit from booking to signed-off service report, on a real broker and
 * database: scheduling's booking makes the visits, the engineer checks in,
 * ticks the checklist, logs time and a travel expense, a service manager
 * approves them, the ERP issues a seal kit (twice, counted once), the customer
 * signs off, and psa.field-work carries it all; the PDF holds the visit's facts.
 * Also: completion refused with what is missing, a rejected entry and its
 * correction in the audit trail, one engineer never sees another's visit, and
 * bookings that move, shrink and are cancelled.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { devAuthConfig } from '#auth';
import { exampleEvent, Topics, type CloudEvent, type ServiceProjectChangedV1, type ServiceProjectCreatedV1 } from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { Clock, FixedClock } from '#platform';
import { DataSource } from 'typeorm';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { FIELD_EXECUTION_DEFAULTS, FieldExecutionModule } from '../src/field-execution.module.js';
import { visitIdFor } from '../src/visits/domain/visit-identity.js';
import { bookingEvent, coverageEvent, installationCrew, installationTask, partsIssuedEvent, record, taskReadyEvent } from './factories.js';
import { readPdf } from './pdf-reading.js';

const ASHA = 'e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f0001';
const BILAL = 'e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f0002';
const CHETAN = 'e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f0003';

type Visit = Record<string, any>;

describe('field-execution: a visit from booking to signed-off report', () => {
  let service: TestApp;
  let kafka: TestKafka;
  const clock = new FixedClock(new Date('2026-12-02T12:00:00Z'));
  const { task, booking, ashaVisit, bilalVisit, asha, bilal, manager } = installationCrew(() => service.app, ASHA, BILAL);

  beforeAll(async () => {
    const config = testServiceConfig(FIELD_EXECUTION_DEFAULTS);
    service = await startTestApp(FieldExecutionModule.forRoot(config, devAuthConfig()), config, {
      transport: (app) => app.get(KafkaEventTransport),
      overrides: [[Clock, clock]],
    });
    kafka = new TestKafka(config.topicPrefix);
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
  });

  async function visitAs(client: ReturnType<typeof apiAs>, id: string, until: (v: Visit) => boolean = () => true): Promise<Visit> {
    return eventually(async () => {
      const res = await client.get(`/visits/${id}`);
      return res.status === 200 && until(res.body) ? (res.body as Visit) : undefined;
    }, { what: `visit ${id} in the expected state` });
  }

  async function fieldWork(until: (events: CloudEvent<any>[]) => boolean): Promise<CloudEvent<any>[]> {
    return eventually(async () => {
      const events = (await kafka.readAll(Topics.fieldWork)).map((r) => ({ ...JSON.parse(r.value!.toString()), key: r.key }));
      return until(events) ? events : undefined;
    }, { what: 'events on psa.field-work', timeoutMs: 30_000 });
  }

  it("shows the booked visit to its engineer with site, machine, coverage, checklist and the task's details", async () => {
    await kafka.produce(Topics.serviceProjects, [record(taskReadyEvent(task), task.projectId!), record(coverageEvent(task.serialNumber!, task.projectId!), task.projectId!)]);
    await kafka.produce(Topics.schedules, [record(booking, task.taskId)]);

    const visit = await visitAs(asha(), ashaVisit, (v) => v.checklist !== null && v.equipment?.coverage.length === 1);
    expect(visit).toMatchObject({
      id: ashaVisit,
      bookingId: booking.data.bookingId,
      status: 'scheduled',
      bookingStatus: 'confirmed',
      engineerId: ASHA,
      crew: [ASHA, BILAL],
      customer: { id: 'C-1007', name: 'Shakti Polymers Pvt Ltd' },
      site: { name: 'Pune plant', city: 'Pune', timezone: 'Asia/Kolkata' },
      task: { id: task.taskId, name: 'Install and commission machine', kind: 'installation', sku: 'SVC-INSTALL' },
      orderId: 'SO-2026-0142',
      equipment: { serialNumber: task.serialNumber, coverage: [expect.objectContaining({ kind: 'warranty', status: 'active', appliesOnVisitDay: true })] },
      earlierVisits: [],
    });
    expect(visit.checklist).toHaveLength(5);
    expect(visit.checklist.every((c: { ticked: boolean; required: boolean }) => !c.ticked && c.required)).toBe(true);
    expect(visit.completion.missing).toEqual(expect.arrayContaining(['checklist: Torque wrench set (tool) not ticked']));

    const day = (await asha().get('/visits').query({ date: '2026-11-30' }).expect(200)).body;
    expect(day.map((v: Visit) => v.id)).toEqual([ashaVisit]);
    expect((await asha().get('/visits').query({ date: '2026-12-01' }).expect(200)).body.map((v: Visit) => v.id)).toEqual([ashaVisit]);
    expect((await asha().get('/visits').query({ date: '2026-12-02' }).expect(200)).body).toEqual([]);
    const everyone = (await manager().get('/visits').query({ date: '2026-11-30' }).expect(200)).body.map((v: Visit) => v.id);
    expect(everyone).toEqual(expect.arrayContaining([ashaVisit, bilalVisit]));
  });

  it("never lets an engineer see or record on another engineer's visit", async () => {
    await visitAs(bilal(), bilalVisit);
    await bilal().get(`/visits/${ashaVisit}`).expect(404);
    await bilal().post(`/visits/${ashaVisit}/check-in`).send({}).expect(404);
    await bilal().post(`/visits/${ashaVisit}/time-entries`).send({ start: '2026-11-30T04:35:00Z', end: '2026-11-30T05:35:00Z', activity: 'work', billable: true }).expect(404);
    await bilal().post(`/visits/${ashaVisit}/expenses`).send({ category: 'travel', amount: '10.00', currency: 'INR' }).expect(404);
    await bilal().get(`/visits/${ashaVisit}/report.pdf`).expect(404);
    await bilal().get(`/visits/${ashaVisit}/audit`).expect(404);
    const forbidden = await bilal().get('/visits').query({ date: '2026-11-30', engineerId: ASHA }).expect(403);
    expect(forbidden.body.code).toBe('OTHER_ENGINEER');
    expect((await bilal().get('/visits').query({ date: '2026-11-30' }).expect(200)).body.map((v: Visit) => v.id)).toEqual([bilalVisit]);
    // An engineer token without engineer_id acts as nobody.
    await apiAs(service.app, ['engineer']).get('/visits').query({ date: '2026-11-30' }).expect(403);
    await apiAs(service.app, ['engineer']).get(`/visits/${ashaVisit}`).expect(404);
  });

  it('checks the engineer in (psa.visit.started.v1) and refuses completion with open required items, naming them', async () => {
    const checkedIn = await asha().post(`/visits/${ashaVisit}/check-in`).send({ at: '2026-11-30T04:35:00Z', location: { lat: 18.7606, lon: 73.8636 } }).expect(201);
    expect(checkedIn.body).toMatchObject({ status: 'in_progress', startedAt: '2026-11-30T04:35:00.000Z' });
    expect((await asha().post(`/visits/${ashaVisit}/check-in`).send({}).expect(409)).body.code).toBe('ALREADY_CHECKED_IN');

    await asha().post(`/visits/${ashaVisit}/checklist`).send({ item: 'Torque wrench set', ticked: true }).expect(201);
    await asha().post(`/visits/${ashaVisit}/checklist`).send({ item: 'Levelling kit', ticked: true }).expect(201);
    expect((await asha().post(`/visits/${ashaVisit}/checklist`).send({ item: 'Crane', ticked: true }).expect(400)).body.code).toBe('CHECKLIST_ITEM_UNKNOWN');

    const refused = await asha()
      .post(`/visits/${ashaVisit}/complete`)
      .send({ outcome: 'completed', signOff: { name: 'Anil Deshmukh' } })
      .expect(409);
    expect(refused.body.code).toBe('VISIT_NOT_READY');
    expect(refused.body.missing).toEqual([
      'checklist: Foundation and anchoring verified (step) not ticked',
      'checklist: Installation manual (document) not ticked',
      'checklist: Commissioning report signed (document) not ticked',
    ]);
    expect(refused.body.message).toMatch(/Foundation and anchoring verified/);
    const noSignOff = await asha().post(`/visits/${ashaVisit}/complete`).send({ outcome: 'completed' }).expect(409);
    expect(noSignOff.body.missing).toContain("customer sign-off (the customer's name and when they signed)");
    expect((await visitAs(asha(), ashaVisit)).status).toBe('in_progress');

    const started = (await fieldWork((events) => events.some((e) => e.type === 'psa.visit.started.v1' && e.data.visitId === ashaVisit))).filter(
      (e) => e.type === 'psa.visit.started.v1' && e.data.visitId === ashaVisit,
    );
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({
      key: task.taskId,
      source: 'serviceloop://field-execution',
      subject: ashaVisit,
      data: { visitId: ashaVisit, bookingId: booking.data.bookingId, taskId: task.taskId, projectId: task.projectId, engineerId: ASHA, startedAt: '2026-11-30T04:35:00.000Z', location: { lat: 18.7606, lon: 73.8636 } },
    });
  });

  it('logs 6 hours and a travel expense; a service manager approves them from the queues and they lock', async () => {
    const time = await asha()
      .post(`/visits/${ashaVisit}/time-entries`)
      .send({ start: '2026-11-30T04:35:00Z', end: '2026-11-30T10:35:00Z', activity: 'work', billable: true, note: 'Installation and levelling' })
      .expect(201);
    expect(time.body).toMatchObject({ hours: '6.00', status: 'submitted', engineerId: ASHA });
    const overlap = await asha().post(`/visits/${ashaVisit}/time-entries`).send({ start: '2026-11-30T10:00:00Z', end: '2026-11-30T11:00:00Z', activity: 'documentation', billable: false }).expect(409);
    expect(overlap.body).toMatchObject({ code: 'TIME_OVERLAP', overlapsWith: time.body.id });

    const expense = await asha()
      .post(`/visits/${ashaVisit}/expenses`)
      .send({ category: 'travel', amount: '1850', currency: 'INR', receiptReference: 'RCPT-PUNE-4471', description: 'Taxi Pune station to Chakan' })
      .expect(201);
    expect(expense.body).toMatchObject({ amount: '1850.00', currency: 'INR', orderCurrency: 'INR', amountInOrderCurrency: '1850.00', exchangeRate: null, status: 'submitted' });
    const noRate = await asha().post(`/visits/${ashaVisit}/expenses`).send({ category: 'tools', amount: '20.00', currency: 'EUR' }).expect(400);
    expect(noRate.body).toMatchObject({ code: 'EXCHANGE_RATE_REQUIRED', currency: 'EUR', orderCurrency: 'INR' });
    await asha().post(`/visits/${ashaVisit}/expenses`).send({ category: 'travel', amount: 1850, currency: 'INR' }).expect(400);

    const queue = (await manager().get('/approvals/time-entries').expect(200)).body.map((e: { id: string }) => e.id);
    expect(queue).toContain(time.body.id);
    expect((await manager().get('/approvals/expenses').query({ visitId: ashaVisit }).expect(200)).body.map((e: { id: string }) => e.id)).toEqual([expense.body.id]);
    await asha().post(`/time-entries/${time.body.id}/approve`).expect(403);

    expect((await manager().post(`/time-entries/${time.body.id}/approve`).expect(201)).body).toMatchObject({ status: 'approved', decidedBy: 'ravi.kulkarni' });
    expect((await manager().post(`/expenses/${expense.body.id}/approve`).expect(201)).body.status).toBe('approved');
    expect((await manager().get('/approvals/time-entries').expect(200)).body.map((e: { id: string }) => e.id)).not.toContain(time.body.id);

    // Abroad-bought tools: converted at the engineer's rate, editable until decided.
    const tools = await asha().post(`/visits/${ashaVisit}/expenses`).send({ category: 'tools', amount: '20.00', currency: 'EUR', exchangeRate: '90.5', receiptReference: 'HILTI-DE-0091' }).expect(201);
    expect(tools.body).toMatchObject({ amount: '20.00', currency: 'EUR', exchangeRate: '90.5', orderCurrency: 'INR', amountInOrderCurrency: '1810.00' });
    const edited = await asha().patch(`/expenses/${tools.body.id}`).send({ amount: '25' }).expect(200);
    expect(edited.body).toMatchObject({ amount: '25.00', exchangeRate: '90.5', amountInOrderCurrency: '2262.50', status: 'submitted' });

    const locked = await asha().patch(`/time-entries/${time.body.id}`).send({ end: '2026-11-30T11:35:00Z' }).expect(409);
    expect(locked.body.code).toBe('ENTRY_LOCKED');
    expect((await asha().patch(`/expenses/${expense.body.id}`).send({ amount: '1900' }).expect(409)).body.code).toBe('ENTRY_LOCKED');
    expect((await manager().post(`/time-entries/${time.body.id}/approve`).expect(409)).body.code).toBe('ENTRY_NOT_PENDING');

    const events = await fieldWork((all) => all.some((e) => e.type === 'psa.time.approved.v1' && e.data.timeEntryId === time.body.id) && all.some((e) => e.type === 'psa.expense.approved.v1' && e.data.expenseId === expense.body.id));
    expect(events.find((e) => e.type === 'psa.time.approved.v1' && e.data.timeEntryId === time.body.id)).toMatchObject({
      key: task.taskId,
      data: { visitId: ashaVisit, engineerId: ASHA, hours: '6.00', activity: 'work', billable: true, approvedBy: 'ravi.kulkarni', approvedAt: '2026-12-02T12:00:00.000Z', corrects: null },
    });
    expect(events.find((e) => e.type === 'psa.expense.approved.v1' && e.data.expenseId === expense.body.id)?.data).toMatchObject({
      category: 'travel',
      amount: '1850.00',
      currency: 'INR',
      amountInOrderCurrency: '1850.00',
      orderCurrency: 'INR',
      receiptReference: 'RCPT-PUNE-4471',
    });
  });

  it('counts a seal kit the ERP issued against the visit twice (and redelivered) once; another plant reusing the issue number is another issue', async () => {
    const issue = partsIssuedEvent(`GI-${randomUUID().slice(0, 8)}`, { kind: 'visit', id: ashaVisit });
    const again = { ...structuredClone(issue), id: randomUUID() };
    await kafka.produce(Topics.inventory, [record(issue, 'SO-2026-0142'), record(issue, 'SO-2026-0142'), record(again, 'SO-2026-0142')]);

    await visitAs(asha(), ashaVisit, (v) => v.parts.length > 0);
    await eventually(async () => {
      const dead = (await manager().get('/dead-letters').expect(200)).body;
      // Three records read: the redelivery is a duplicate, the second event id is ignored.
      return (await kafka.lag(service.config.consumerGroup, Topics.inventory)) === 0 && dead.length === 0;
    }, { what: 'all three parts records consumed' });
    const parts = (await visitAs(asha(), ashaVisit)).parts;
    expect(parts).toEqual([
      expect.objectContaining({ issueId: issue.data.issueId, sku: 'SEAL-KIT-250', description: 'Hydraulic seal kit', quantity: 1, unitCost: '3200.00', cost: '3200.00', currency: 'INR', movement: 'issue' }),
    ]);

    // Plant 02 numbers its issues on its own: the same number from there is its own issue, counted once too.
    const otherPlant = { ...structuredClone(issue), id: randomUUID(), source: 'erp://plant-02' };
    otherPlant.data.items[0].unitCost = '3350.00';
    await kafka.produce(Topics.inventory, [record(otherPlant, 'SO-2026-0142'), record({ ...otherPlant, id: randomUUID() }, 'SO-2026-0142')]);
    const visit = await visitAs(asha(), ashaVisit, (v) => v.parts.length > 1);
    await eventually(async () => ((await kafka.lag(service.config.consumerGroup, Topics.inventory)) === 0 ? true : undefined), { what: 'plant 02 issue consumed' });
    expect((await visitAs(asha(), ashaVisit)).parts.map((p: { issueId: string; unitCost: string }) => [p.issueId, p.unitCost]).sort()).toEqual([
      [issue.data.issueId, '3200.00'],
      [issue.data.issueId, '3350.00'],
    ]);
    expect(visit.parts).toHaveLength(2);
    const consumed = (await fieldWork((all) => all.filter((e) => e.type === 'psa.parts.consumed.v1' && e.data.issueId === issue.data.issueId).length >= 2)).filter(
      (e) => e.type === 'psa.parts.consumed.v1' && e.data.issueId === issue.data.issueId,
    );
    expect(consumed.map((e) => e.data.unitCost).sort()).toEqual(['3200.00', '3350.00']);
    expect(consumed.find((e) => e.data.unitCost === '3200.00')).toMatchObject({
      key: task.taskId,
      data: { visitId: ashaVisit, taskId: task.taskId, projectId: task.projectId, customerId: 'C-1007', orderId: 'SO-2026-0142', sku: 'SEAL-KIT-250', quantity: 1, unitCost: '3200.00', currency: 'INR' },
    });
  });

  it('completes with every required item ticked and the customer’s sign-off: psa.visit.completed.v1', async () => {
    for (const item of ['Foundation and anchoring verified', 'Installation manual', 'Commissioning report signed']) {
      await asha().post(`/visits/${ashaVisit}/checklist`).send({ item, ticked: true }).expect(201);
    }
    await asha().post(`/visits/${ashaVisit}/notes`).send({ text: 'Machine levelled to 0.05 mm/m; hydraulic oil topped up; test cycle of 18 L buckets run OK.' }).expect(201);
    await asha().post(`/visits/${ashaVisit}/check-out`).send({ at: '2026-11-30T11:30:00Z' }).expect(201);
    await asha().post(`/visits/${ashaVisit}/check-in`).send({ at: '2026-12-01T04:30:00Z' }).expect(201);

    const done = await asha()
      .post(`/visits/${ashaVisit}/complete`)
      .send({ outcome: 'completed', signOff: { name: 'Anil Deshmukh', signedAt: '2026-12-01T06:15:00Z' }, at: '2026-12-01T06:20:00Z' })
      .expect(201);
    expect(done.body).toMatchObject({
      status: 'completed',
      outcome: 'completed',
      completion: { missing: [], signOff: { name: 'Anil Deshmukh', signedAt: '2026-12-01T06:15:00.000Z' }, completedAt: '2026-12-01T06:20:00.000Z' },
    });
    expect(done.body.checkIns).toEqual([
      expect.objectContaining({ checkedInAt: '2026-11-30T04:35:00.000Z', checkedOutAt: '2026-11-30T11:30:00.000Z' }),
      expect.objectContaining({ checkedInAt: '2026-12-01T04:30:00.000Z', checkedOutAt: '2026-12-01T06:20:00.000Z' }),
    ]);
    expect((await asha().post(`/visits/${ashaVisit}/checklist`).send({ item: 'Levelling kit', ticked: false }).expect(409)).body.code).toBe('VISIT_CLOSED');
    expect((await asha().post(`/visits/${ashaVisit}/check-in`).send({}).expect(409)).body.code).toBe('VISIT_CLOSED');

    const completed = (await fieldWork((all) => all.some((e) => e.type === 'psa.visit.completed.v1' && e.data.visitId === ashaVisit))).find(
      (e) => e.type === 'psa.visit.completed.v1' && e.data.visitId === ashaVisit,
    );
    expect(completed).toMatchObject({
      key: task.taskId,
      subject: ashaVisit,
      data: {
        visitId: ashaVisit,
        bookingId: booking.data.bookingId,
        taskId: task.taskId,
        projectId: task.projectId,
        customerId: 'C-1007',
        engineerId: ASHA,
        completedAt: '2026-12-01T06:20:00.000Z',
        outcome: 'completed',
        signOff: { name: 'Anil Deshmukh', signedAt: '2026-12-01T06:15:00.000Z' },
        followUpReason: null,
      },
    });
  });

  it('makes a service report PDF that opens and holds the visit’s facts', async () => {
    const res = await asha().get(`/visits/${ashaVisit}/report.pdf`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="service-report-${ashaVisit}.pdf"`);
    const pdf = res.body as Buffer;
    const read = readPdf(pdf);
    expect(read.version).toBe('1.4');
    const text = read.pages.flat().join('\n');
    for (const fact of [
      'Service report',
      `Visit ${ashaVisit}`,
      `Engineer: Asha Patil (${ASHA}, crew of 2)`,
      'Customer: Shakti Polymers Pvt Ltd (C-1007)',
      'Site: Pune plant, Plot 14, MIDC Chakan, Pune, MH, IN',
      'Order: SO-2026-0142',
      'Task: Install and commission machine (installation, SVC-INSTALL)',
      `Machine: serial number ${task.serialNumber}`,
      'On site: 2026-11-30 10:05 to 2026-11-30 17:00',
      '2026-12-02 17:30  Machine levelled to 0.05 mm/m',
      '[x] Torque wrench set (tool, required)',
      '[x] Commissioning report signed (document, required)',
      '2026-11-30 10:05 to 16:05  6.00 h  work  billable  (approved)',
      'Total: 6.00 h',
      'travel: 1850.00 INR  receipt RCPT-PUNE-4471  (approved)',
      'tools: 25.00 EUR = 2262.50 INR at 90.5  receipt HILTI-DE-0091  (submitted)',
      'SEAL-KIT-250 Hydraulic seal kit: 1 x 3200.00 INR = 3200.00 INR',
      'Completed.',
      'Signed off by Anil Deshmukh at 2026-12-01 11:45',
    ]) {
      expect([fact, text.includes(fact)]).toEqual([fact, true]);
    }
    // Staff and the customer may fetch it too; another customer may not.
    await manager().get(`/visits/${ashaVisit}/report.pdf`).expect(200);
    await apiAs(service.app, ['customer'], { customerId: 'C-1007' }).get(`/visits/${ashaVisit}/report.pdf`).expect(200);
    await apiAs(service.app, ['customer'], { customerId: 'C-2002' }).get(`/visits/${ashaVisit}/report.pdf`).expect(404);
    expect((await bilal().get(`/visits/${bilalVisit}/report.pdf`).expect(409)).body.code).toBe('REPORT_NOT_AVAILABLE');

    if (popplerAvailable()) {
      const file = join(mkdtempSync(join(tmpdir(), 'fe-report-')), 'report.pdf');
      writeFileSync(file, pdf);
      const extracted = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(extracted).toContain('Signed off by Anil Deshmukh');
      expect(extracted).toContain(task.serialNumber);
    }
  });

  it('keeps a rejected time entry and its correction in the audit trail; the correction names what it corrects; the approval queues come a page at a time', async () => {
    await bilal().post(`/visits/${bilalVisit}/check-in`).send({ at: '2026-11-30T04:40:00Z' }).expect(201);
    const wrong = await bilal().post(`/visits/${bilalVisit}/time-entries`).send({ start: '2026-11-30T03:30:00Z', end: '2026-11-30T10:30:00Z', activity: 'work', billable: true }).expect(201);
    const rejected = await manager().post(`/time-entries/${wrong.body.id}/reject`).send({ reason: 'Travel from Pune is not installation work: split it' }).expect(201);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'Travel from Pune is not installation work: split it' });
    await manager().post(`/time-entries/${wrong.body.id}/reject`).send({ reason: ' ' }).expect(400);
    expect((await bilal().patch(`/time-entries/${wrong.body.id}`).send({ activity: 'travel' }).expect(409)).body.code).toBe('ENTRY_LOCKED');

    const correction = await bilal()
      .post(`/time-entries/${wrong.body.id}/corrections`)
      .send({ start: '2026-11-30T04:40:00Z', end: '2026-11-30T10:30:00Z', activity: 'work', billable: true, reason: 'Travel removed; it is on its own entry' })
      .expect(201);
    expect(correction.body).toMatchObject({ corrects: wrong.body.id, status: 'submitted', hours: '5.83' });
    expect((await bilal().post(`/time-entries/${wrong.body.id}/corrections`).send({ start: '2026-11-30T04:40:00Z', end: '2026-11-30T05:30:00Z', activity: 'work', billable: true, reason: 'again' }).expect(409)).body.code).toBe('CORRECTION_NOT_ALLOWED');
    const travel = await bilal().post(`/visits/${bilalVisit}/time-entries`).send({ start: '2026-11-30T03:30:00Z', end: '2026-11-30T04:30:00Z', activity: 'travel', billable: false }).expect(201);

    // The queues come a page at a time, oldest first: however many wait or were decided, each can be reached.
    const page = async (route: string, query: Record<string, string | number>) => ((await manager().get(route).query(query).expect(200)).body as { id: string }[]).map((e) => e.id);
    expect(await page('/approvals/time-entries', { visitId: bilalVisit })).toEqual([correction.body.id, travel.body.id]);
    expect(await page('/approvals/time-entries', { visitId: bilalVisit, limit: 1 })).toEqual([correction.body.id]);
    expect(await page('/approvals/time-entries', { visitId: bilalVisit, limit: 1, offset: 1 })).toEqual([travel.body.id]);
    expect(await page('/approvals/time-entries', { visitId: bilalVisit, offset: 2 })).toEqual([]);
    const fuel = await bilal().post(`/visits/${bilalVisit}/expenses`).send({ category: 'travel', amount: '640', currency: 'INR', description: 'Fuel, Pune to Chakan' }).expect(201);
    const parking = await bilal().post(`/visits/${bilalVisit}/expenses`).send({ category: 'travel', amount: '80', currency: 'INR', description: 'Parking at the plant' }).expect(201);
    expect(await page('/approvals/expenses', { visitId: bilalVisit, limit: 1, offset: 1 })).toEqual([parking.body.id]);
    expect(await page('/approvals/expenses', { visitId: bilalVisit, limit: 1 })).toEqual([fuel.body.id]);
    expect(await page('/approvals/expenses', { visitId: bilalVisit, offset: 2 })).toEqual([]);
    for (const route of ['/approvals/time-entries', '/approvals/expenses']) {
      for (const [query, reason] of [
        [{ limit: 501 }, /limit must not be greater than 500/],
        [{ limit: 0 }, /limit must not be less than 1/],
        [{ offset: -1 }, /offset must not be less than 0/],
      ] as const) {
        const refused = await manager().get(route).query(query).expect(400);
        expect([route, refused.body.reasons.join('\n')]).toEqual([route, expect.stringMatching(reason)]);
      }
    }

    await manager().post(`/time-entries/${correction.body.id}/approve`).expect(201);
    // The decided too: the newest approval is on the last page, after Asha's earlier one.
    const decided = await page('/approvals/time-entries', { status: 'approved' });
    expect(decided.length).toBeGreaterThanOrEqual(2);
    expect(decided.at(-1)).toBe(correction.body.id);
    expect(await page('/approvals/time-entries', { status: 'approved', limit: 1, offset: decided.length - 1 })).toEqual([correction.body.id]);
    expect(await page('/approvals/time-entries', { status: 'approved', offset: decided.length })).toEqual([]);

    const entries = (await bilal().get(`/visits/${bilalVisit}/time-entries`).expect(200)).body;
    expect(entries.find((e: { id: string }) => e.id === wrong.body.id)).toMatchObject({ status: 'rejected', correctedBy: correction.body.id, superseded: true });

    const trail = (await manager().get(`/visits/${bilalVisit}/audit`).expect(200)).body as { action: string; entityId: string; actor: string; reason: string | null; before: any; after: any }[];
    const ofWrong = trail.filter((a) => a.entityId === wrong.body.id);
    expect(ofWrong.map((a) => a.action)).toEqual(['time_entry.recorded', 'time_entry.rejected', 'time_entry.corrected']);
    expect(ofWrong[1]).toMatchObject({ actor: 'ravi.kulkarni', reason: 'Travel from Pune is not installation work: split it', before: { status: 'submitted' }, after: { status: 'rejected' } });
    const ofCorrection = trail.filter((a) => a.entityId === correction.body.id);
    expect(ofCorrection.map((a) => a.action)).toEqual(['time_entry.correction_recorded', 'time_entry.approved']);
    expect(ofCorrection[0]).toMatchObject({ actor: 'bilal.shaikh', reason: 'Travel removed; it is on its own entry', before: { corrects: wrong.body.id, hours: '7.00' }, after: { hours: '5.83' } });
    expect((await manager().get('/audit').query({ entityKind: 'time_entry', entityId: wrong.body.id }).expect(200)).body).toHaveLength(3);

    const approved = (await fieldWork((all) => all.some((e) => e.type === 'psa.time.approved.v1' && e.data.timeEntryId === correction.body.id))).find(
      (e) => e.type === 'psa.time.approved.v1' && e.data.timeEntryId === correction.body.id,
    );
    expect(approved?.data).toMatchObject({ corrects: wrong.body.id, hours: '5.83', engineerId: BILAL });
  });

  it('closes a visit incomplete with the reason for a follow-up', async () => {
    const followUp = await bilal().post(`/visits/${bilalVisit}/complete`).send({ outcome: 'incomplete' }).expect(400);
    expect(followUp.body.code).toBe('FOLLOW_UP_REASON_REQUIRED');
    await bilal().post(`/visits/${bilalVisit}/complete`).send({ outcome: 'incomplete', followUpReason: 'Mould heater controller faulty; replacement ordered', at: '2026-11-30T10:45:00Z' }).expect(201);
    const completed = (await fieldWork((all) => all.some((e) => e.type === 'psa.visit.completed.v1' && e.data.visitId === bilalVisit))).find(
      (e) => e.type === 'psa.visit.completed.v1' && e.data.visitId === bilalVisit,
    );
    expect(completed?.data).toMatchObject({ outcome: 'incomplete', signOff: null, followUpReason: 'Mould heater controller faulty; replacement ordered', engineerId: BILAL });
  });

  it('shows earlier visits to the same machine with a later visit', async () => {
    const support = installationTask({ ...task, taskId: randomUUID(), kind: 'support_visit', name: 'Support visit', sku: 'SVC-SUPPORT-VISIT' });
    const later = bookingEvent('psa.visit.scheduled.v1', support, [CHETAN], {
      start: '2026-12-10T04:30:00Z',
      end: '2026-12-10T08:30:00Z',
      segments: [{ start: '2026-12-10T04:30:00Z', end: '2026-12-10T08:30:00Z' }],
    });
    await kafka.produce(Topics.serviceProjects, [record(taskReadyEvent(support), support.projectId!)]);
    await kafka.produce(Topics.schedules, [record(later, support.taskId)]);
    const chetan = apiAs(service.app, ['engineer'], { engineerId: CHETAN });
    const visit = await visitAs(chetan, visitIdFor(later.data.bookingId, CHETAN), (v) => v.earlierVisits.length === 2);
    // Newest first: Bilal checked in five minutes after Asha.
    expect(visit.earlierVisits.map((v: Visit) => [v.id, v.outcome])).toEqual([
      [bilalVisit, 'incomplete'],
      [ashaVisit, 'completed'],
    ]);
    expect(visit.earlierVisits[0].followUpReason).toBe('Mould heater controller faulty; replacement ordered');
    expect(visit.earlierVisits[1].notes).toEqual([expect.stringMatching(/^Machine levelled/)]);
  });

  it('holds parts issued for a task it has not heard of until the task arrives', async () => {
    const late = installationTask();
    const issue = partsIssuedEvent(`GI-${randomUUID().slice(0, 8)}`, { kind: 'task', id: late.taskId }, { orderId: null });
    await kafka.produce(Topics.inventory, [record(issue, late.taskId)]);
    await kafka.produce(Topics.serviceProjects, [record(taskReadyEvent(late), late.projectId!)]);
    const consumed = (await fieldWork((all) => all.some((e) => e.type === 'psa.parts.consumed.v1' && e.data.issueId === issue.data.issueId))).find(
      (e) => e.type === 'psa.parts.consumed.v1' && e.data.issueId === issue.data.issueId,
    );
    // Known from the task: its project, customer and order; no visit.
    expect(consumed).toMatchObject({ key: late.taskId, data: { visitId: null, taskId: late.taskId, projectId: late.projectId, customerId: 'C-1007', orderId: 'SO-2026-0142' } });
  });

  it('records parts issued against a project before any of its tasks is ready: held until the project is announced, then at once', async () => {
    const projectId = randomUUID();
    const created = exampleEvent<ServiceProjectCreatedV1>('psa.service-project.created.v1');
    Object.assign(created.data, { projectId, orderId: 'SO-2026-0190', customer: { id: 'C-1011', name: 'Deccan Moulders LLP' } });
    // An installation kit sent ahead of the machine: no task of the project is ready, none will be for weeks.
    const kit = partsIssuedEvent(`GI-${randomUUID().slice(0, 8)}`, { kind: 'project', id: projectId }, { orderId: null });
    await kafka.produce(Topics.inventory, [record(kit, projectId)]);
    await kafka.produce(Topics.serviceProjects, [record(created, projectId)]);
    const consumedFor = async (issueId: string) =>
      (await fieldWork((all) => all.some((e) => e.type === 'psa.parts.consumed.v1' && e.data.issueId === issueId))).filter(
        (e) => e.type === 'psa.parts.consumed.v1' && e.data.issueId === issueId,
      );
    const [held] = await consumedFor(kit.data.issueId);
    // Known from the project: its customer and order; no task, no visit.
    expect(held).toMatchObject({ key: projectId, data: { visitId: null, taskId: null, projectId, customerId: 'C-1011', orderId: 'SO-2026-0190', sku: 'SEAL-KIT-250', unitCost: '3200.00' } });

    // The next issue against the project is recorded without waiting.
    const more = partsIssuedEvent(`GI-${randomUUID().slice(0, 8)}`, { kind: 'project', id: projectId }, { orderId: null });
    await kafka.produce(Topics.inventory, [record(more, projectId)]);
    expect(await consumedFor(more.data.issueId)).toEqual([expect.objectContaining({ data: expect.objectContaining({ projectId, customerId: 'C-1011', orderId: 'SO-2026-0190' }) })]);
  });

  it('records parts issued against a task not ready yet at once, with the project that lists it; a task no project lists still waits', async () => {
    const db = service.app.get(DataSource);
    const projectId = randomUUID();
    const pendingTask = randomUUID();
    const created = exampleEvent<ServiceProjectCreatedV1>('psa.service-project.created.v1');
    Object.assign(created.data, { projectId, orderId: 'SO-2026-0191', customer: { id: 'C-1012', name: 'Konkan Extrusions Pvt Ltd' } });
    Object.assign(created.data.commitments[0], { taskKeys: ['install'], taskIds: [pendingTask] });
    await kafka.produce(Topics.serviceProjects, [record(created, projectId)]);
    await eventually(
      async () => (await db.query(`SELECT 1 FROM project_copy WHERE project_id = $1 AND task_ids @> ARRAY[$2::uuid]`, [projectId, pendingTask])).length === 1,
      { what: 'the project copy listing its pending task' },
    );
    const parkedUnder = async (taskId: string): Promise<{ released_at: Date | null; outcome: string | null }[]> =>
      db.query(`SELECT released_at, outcome FROM parked_event WHERE park_key = $1`, [`task:${taskId}`]);
    const consumedFor = async (issueId: string) =>
      (await fieldWork((all) => all.some((e) => e.type === 'psa.parts.consumed.v1' && e.data.issueId === issueId))).filter(
        (e) => e.type === 'psa.parts.consumed.v1' && e.data.issueId === issueId,
      );

    // Parts shipped weeks before the machine: the task is pending at service-commitments, field-execution has no copy of it.
    const early = partsIssuedEvent(`GI-${randomUUID().slice(0, 8)}`, { kind: 'task', id: pendingTask.toUpperCase() }, { orderId: null });
    await kafka.produce(Topics.inventory, [record(early, pendingTask)]);
    const [consumed] = await consumedFor(early.data.issueId);
    // Against the task and its project, with the project's customer and order; no visit. Recorded at once, never parked.
    expect(consumed).toMatchObject({
      key: pendingTask,
      data: { visitId: null, taskId: pendingTask, projectId, customerId: 'C-1012', orderId: 'SO-2026-0191', sku: 'SEAL-KIT-250', quantity: 1, unitCost: '3200.00' },
    });
    expect(await parkedUnder(pendingTask)).toEqual([]);

    // A task id no project lists still waits for its task.
    const unknownTask = randomUUID();
    const stray = partsIssuedEvent(`GI-${randomUUID().slice(0, 8)}`, { kind: 'task', id: unknownTask }, { orderId: null });
    await kafka.produce(Topics.inventory, [record(stray, unknownTask)]);
    expect(await eventually(async () => {
      const rows = await parkedUnder(unknownTask);
      return rows.length > 0 ? rows : undefined;
    }, { what: 'the stray issue parked' })).toEqual([{ released_at: null, outcome: null }]);

    // Once the project's next announcement lists that task (a unit added by an order change), the waiting issue is recorded.
    const changed = exampleEvent<ServiceProjectChangedV1>('psa.service-project.changed.v1');
    Object.assign(changed.data, { projectId, orderId: 'SO-2026-0191', customer: { id: 'C-1012', name: 'Konkan Extrusions Pvt Ltd' }, changedAt: '2026-11-25T08:00:00Z' });
    Object.assign(changed.data.commitments[0], { taskKeys: ['install'], taskIds: [pendingTask] });
    Object.assign(changed.data.commitments[1], { taskKeys: ['train'], taskIds: [unknownTask] });
    await kafka.produce(Topics.serviceProjects, [record(changed, projectId)]);
    const [released] = await consumedFor(stray.data.issueId);
    expect(released).toMatchObject({ key: unknownTask, data: { visitId: null, taskId: unknownTask, projectId, customerId: 'C-1012', orderId: 'SO-2026-0191' } });
    expect(await parkedUnder(unknownTask)).toEqual([{ released_at: expect.any(Date), outcome: 'released' }]);
    expect(await consumedFor(early.data.issueId)).toHaveLength(1);
  });

  it('follows the booking: moved, an engineer swapped, then cancelled; parts issued before the booking wait for it', async () => {
    const other = installationTask();
    const first = bookingEvent('psa.visit.scheduled.v1', other, [ASHA, BILAL], { status: 'proposed' });
    const bookingId = first.data.bookingId;
    const issuedEarly = partsIssuedEvent(`GI-${randomUUID().slice(0, 8)}`, { kind: 'visit', id: bookingId }, { movement: 'return', orderId: null });
    await kafka.produce(Topics.inventory, [record(issuedEarly, bookingId)]);
    await kafka.produce(Topics.serviceProjects, [record(taskReadyEvent(other), other.projectId!)]);
    await kafka.produce(Topics.schedules, [record(first, other.taskId)]);
    // Issued against the booking before it arrived: applied to the lead engineer's visit when it did.
    const lead = await visitAs(manager(), visitIdFor(bookingId, ASHA), (v) => v.parts.length === 1);
    expect(lead.parts[0]).toMatchObject({ quantity: -1, movement: 'return', cost: '-3200.00', reference: { kind: 'visit', id: bookingId } });

    const moved = bookingEvent('psa.visit.rescheduled.v1', other, [ASHA, CHETAN], {
      bookingId,
      start: '2026-12-03T04:30:00Z',
      end: '2026-12-03T11:30:00Z',
      segments: [{ start: '2026-12-03T04:30:00Z', end: '2026-12-03T11:30:00Z' }],
      previous: { engineerIds: [ASHA, BILAL], start: first.data.start, end: first.data.end },
      reason: 'Dispatcher swapped the crew',
    });
    await kafka.produce(Topics.schedules, [record(moved, other.taskId)]);
    await visitAs(manager(), visitIdFor(bookingId, BILAL), (v) => v.status === 'cancelled');
    const chetanVisit = await visitAs(manager(), visitIdFor(bookingId, CHETAN));
    expect(chetanVisit).toMatchObject({ status: 'scheduled', crew: [ASHA, CHETAN], scheduled: { start: '2026-12-03T04:30:00.000Z' } });
    const ashaMoved = await visitAs(manager(), visitIdFor(bookingId, ASHA), (v) => v.scheduled.start === '2026-12-03T04:30:00.000Z');
    expect(ashaMoved.status).toBe('scheduled');
    const trail = (await manager().get(`/visits/${ashaMoved.id}/audit`).expect(200)).body;
    expect(trail.map((a: { action: string }) => a.action)).toEqual(['visit.scheduled', 'parts.returned', 'visit.rescheduled']);
    expect(trail[2]).toMatchObject({ actor: 'event:serviceloop://scheduling', reason: 'Dispatcher swapped the crew', before: { scheduledStart: '2026-11-30T04:30:00.000Z' } });

    await kafka.produce(Topics.schedules, [record(bookingEvent('psa.visit.cancelled.v1', other, [ASHA, CHETAN], { bookingId, reason: 'Task on hold: site_readiness', cancelledAt: '2026-12-02T08:00:00Z' }), other.taskId)]);
    const cancelled = await visitAs(manager(), visitIdFor(bookingId, CHETAN), (v) => v.status === 'cancelled');
    expect(cancelled.cancellation).toEqual({ cancelledAt: '2026-12-02T08:00:00.000Z', reason: 'Task on hold: site_readiness' });
    expect((await asha().post(`/visits/${visitIdFor(bookingId, ASHA)}/check-in`).send({}).expect(409)).body.code).toBe('VISIT_CLOSED');
  });
});

function popplerAvailable(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
