/**
 * Breakdowns on a real broker and database: what covers the contract's example
 * machine over its life, the SLA clock under a controlled clock, escalation up the
 * chain with notifications (recorded, webhook, e-mail without a relay), holds that
 * stop the clock, overdue work, and customer confinement.
 *
 * The example order SO-2026-0142 is dispatched on 2026-11-24: its machine
 * INJ250-0009 (site Pune, Asia/Kolkata) has a 12-month warranty from 2026-12-24
 * (dispatch + 30 days grace) to 2027-12-23 and an AMC from 2027-12-24 to 2028-12-23.
 * Times below are written in IST (+05:30); working hours are 09:00–17:00 IST.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { devAuthConfig } from '#auth';
import { Topics } from '#contracts';
import { Clock, FixedClock } from '#platform';
import { apiAs, eventually, startTestApp, TestKafka, type TestApp } from '#testing';
import { ESCALATION_CONFIG, type EscalationConfig } from '../src/escalations/escalation.config.js';
import { ServiceCommitmentsModule } from '../src/service-commitments.module.js';
import { ORDER, SERIAL, startWithPuneMachine } from './sla-desk.js';

const at = (iso: string) => new Date(iso);
const utc = (iso: string) => at(iso).toISOString();

type Escalation = { id: string; subject: { kind: string; id: string }; level: string; target: string; trigger: string; reason: string; recipient?: string; raisedAt: string };
type Notification = { escalationId: string; recipient: string; channel: string; destination: string; subject: string; status: string; attempts: number; lastError: string | null };
type Report = { raised: Escalation[]; notifications: { sent: number; failed: number }; errors: unknown[] };

/** A webhook receiver that answers 503 to its first call, then 204, and keeps what it was sent. */
class WebhookReceiver {
  readonly received: { escalation: { level: string; subject: { id: string } }; subject: string }[] = [];
  private calls = 0;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        this.calls++;
        if (this.calls === 1) return void res.writeHead(503).end();
        this.received.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/escalations`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

describe('service-commitments: service requests, SLA clocks and escalations', () => {
  let service: TestApp;
  let kafka: TestKafka;
  let desk: ReturnType<typeof apiAs>;
  const clock = new FixedClock(at('2026-11-24T08:00:00Z'));
  const webhook = new WebhookReceiver();
  let escalationConfig: EscalationConfig;

  /** Requests of the SLA scenario: #1 runs into every escalation, #2 waits on hold for the customer. */
  let escalated: { id: string; taskId: string };
  let onHold: { id: string };
  let installationTaskId: string;
  /** Raised in the coverage test, a year and more later. */
  let underAmcId: string;
  let uncoveredId: string;

  beforeAll(async () => {
    ({ service, kafka, desk, escalationConfig } = await startWithPuneMachine(
      clock,
      { owner: 'record', service_manager: 'webhook', head_of_service: 'email' },
      await webhook.start(),
    ));
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
    await webhook.stop();
  });

  async function evaluate(isoTime: string): Promise<Report> {
    clock.set(isoTime);
    const res = await desk.post('/sla/evaluate').expect(200);
    expect(res.body.errors).toEqual([]);
    return res.body;
  }
  const steps = (report: Report, subjectId?: string) =>
    report.raised.filter((e) => !subjectId || e.subject.id === subjectId).map((e) => `${e.target}/${e.level}/${e.trigger}`);

  async function events(type: string, match: (data: Record<string, unknown>) => boolean) {
    return eventually(async () => {
      const found = (await kafka.readAll(Topics.serviceProjects))
        .map((r) => ({ key: r.key, event: JSON.parse(r.value!.toString()) }))
        .filter(({ event }) => event.type === type && match(event.data));
      return found.length > 0 ? found : undefined;
    }, { what: `${type} on ${Topics.serviceProjects}` });
  }

  it('knows the machine with its warranty and AMC windows', async () => {
    const machine = (await desk.get(`/equipment/${SERIAL}`).expect(200)).body;
    expect(machine).toMatchObject({ customerId: 'C-1007', warranty: { startsOn: '2026-12-24', endsOn: '2027-12-23' } });
    expect(machine.amcContracts).toEqual([expect.objectContaining({ startsOn: '2027-12-24', endsOn: '2028-12-23' })]);
    const project = await eventually(async () => {
      const list = (await desk.get('/projects').query({ orderId: ORDER }).expect(200)).body;
      const p = list.items[0] && (await desk.get(`/projects/${list.items[0].id}`).expect(200)).body;
      return p?.commitments.find((c: { kind: string }) => c.kind === 'installation')?.tasks[0]?.status === 'ready' ? p : undefined;
    }, { what: 'installation ready' });
    const installation = project.commitments.find((c: { kind: string }) => c.kind === 'installation').tasks[0];
    expect(installation.dueDate).toBe('2026-12-04');
    installationTaskId = installation.id;
  });

  it("escalates overdue work up the chain by the site's calendar, each level once", async () => {
    // Friday 4 December 17:30 IST: due today, not late yet.
    expect(steps(await evaluate('2026-12-04T12:00:00Z'), installationTaskId)).toEqual([]);
    // Saturday 5 December 00:30 IST (still the 4th in UTC): overdue at the site, the owner is told.
    expect(steps(await evaluate('2026-12-04T19:00:00Z'), installationTaskId)).toEqual(['due_date/owner/overdue']);
    // A whole day overdue: the service manager. The webhook refuses the first call.
    const sunday = await evaluate('2026-12-06T04:00:00Z');
    expect(steps(sunday, installationTaskId)).toEqual(['due_date/service_manager/overdue']);
    expect(sunday.notifications).toEqual({ sent: 0, failed: 1 });
    // The next run delivers it; nothing new is raised.
    const monday = await evaluate('2026-12-07T04:00:00Z');
    expect(steps(monday, installationTaskId)).toEqual([]);
    expect(monday.notifications).toEqual({ sent: 1, failed: 0 });
    // Three whole days overdue: the head of service.
    expect(steps(await evaluate('2026-12-08T04:00:00Z'), installationTaskId)).toEqual(['due_date/head_of_service/overdue']);
    expect(steps(await evaluate('2026-12-08T05:00:00Z'))).toEqual([]);

    const history: Escalation[] = (await desk.get('/escalations').query({ subjectId: installationTaskId }).expect(200)).body;
    expect(history.map((e) => [e.level, e.trigger, e.target, e.recipient, e.raisedAt])).toEqual([
      ['owner', 'overdue', 'due_date', 'desk@pune.example', '2026-12-04T19:00:00.000Z'],
      ['service_manager', 'overdue', 'due_date', 'sm@pune.example', '2026-12-06T04:00:00.000Z'],
      ['head_of_service', 'overdue', 'due_date', 'hos@pune.example', '2026-12-08T04:00:00.000Z'],
    ]);
    expect(history[2].reason).toBe("Task 'Install and commission machine' on INJ250-0009 was due 2026-12-04 and is still ready: overdue 3 days since 2026-12-05");

    const notifications: Notification[] = (await desk.get('/notifications').query({ subjectId: installationTaskId }).expect(200)).body;
    expect(notifications.map((n) => [n.recipient, n.channel, n.status, n.attempts])).toEqual([
      ['desk@pune.example', 'record', 'recorded', 0],
      ['sm@pune.example', 'webhook', 'sent', 2],
      ['hos@pune.example', 'email', 'pending', 0],
    ]);
    expect(notifications[1].destination).toBe(escalationConfig.webhookUrl);
    expect(notifications[2].lastError).toBe('no SMTP relay configured');
    expect(webhook.received).toEqual([
      expect.objectContaining({ escalation: expect.objectContaining({ level: 'service_manager', subject: { kind: 'task', id: installationTaskId } }) }),
    ]);
    const announced = await events('psa.escalation.raised.v1', (d) => (d.subject as { id: string }).id === installationTaskId);
    expect(announced).toHaveLength(3);
  });

  it('raises a breakdown under warranty: coverage, SLA on the site calendar, a ready breakdown task and the events', async () => {
    // Monday 4 January 2027, 10:00 IST.
    clock.set('2027-01-04T04:30:00Z');
    const res = await desk
      .post('/service-requests')
      .send({ serialNumber: SERIAL, priority: 'P2', description: 'Hydraulic pressure drops during injection; machine stopped' })
      .expect(201);
    const request = res.body;
    expect(request).toMatchObject({
      customer: { id: 'C-1007', name: 'Shakti Polymers Pvt Ltd' },
      serialNumber: SERIAL,
      sku: 'INJ-250T',
      site: { id: 'C-1007-PUNE', timezone: 'Asia/Kolkata' },
      priority: 'P2',
      reportedBy: 'Asha (service desk)',
      status: 'open',
      coverage: { kind: 'warranty', contractId: null, reason: 'INJ250-0009 is under warranty from 2026-12-24 to 2027-12-23' },
      raisedAt: utc('2027-01-04T10:00+05:30'),
    });
    // The installation template's warranty SLA, as contracted for P2: 8 working hours to respond, 40 to resolve.
    expect(request.sla).toMatchObject({
      coverage: '8x5',
      timeZone: 'Asia/Kolkata',
      onHold: false,
      response: { state: 'running', elapsedMinutes: 0, targetMinutes: 480, dueAt: utc('2027-01-05T10:00+05:30'), dueAtLocal: '2027-01-05 10:00' },
      resolution: { state: 'running', targetMinutes: 2400, dueAt: utc('2027-01-11T10:00+05:30') },
      pauses: [],
    });
    expect(request.task).toMatchObject({ status: 'ready', dueDate: '2027-01-11', owner: null });
    escalated = { id: request.id, taskId: request.task.id };

    const [raised] = await events('psa.service-request.raised.v1', (d) => d.requestId === request.id);
    expect(raised.key).toBe(request.projectId);
    expect(raised.event.data).toMatchObject({
      customerId: 'C-1007',
      serialNumber: SERIAL,
      priority: 'P2',
      coverage: { kind: 'warranty', contractId: null },
      sla: { coverage: '8x5', responseDueAt: request.sla.response.dueAt, resolutionDueAt: request.sla.resolution.dueAt },
      task: {
        taskId: request.task.id,
        kind: 'breakdown',
        serviceRequestId: request.id,
        status: 'ready',
        requiredSkills: ['maintenance'],
        estimatedHours: '4',
        engineers: 1,
        checklist: [{ item: 'Service report', kind: 'document', required: true }],
        earliestStart: '2027-01-04',
        dueDate: '2027-01-11',
        dueAt: request.sla.resolution.dueAt,
        priority: 'P2',
      },
    });
    // The breakdown task's events travel with the request's, on the project's key.
    const [ready] = await events('psa.task.ready.v1', (d) => (d.task as { taskId: string }).taskId === request.task.id);
    expect(ready.key).toBe(request.projectId);
    expect(ready.event.data.task).toMatchObject({
      kind: 'breakdown',
      serviceRequestId: request.id,
      projectId: request.projectId,
      orderId: ORDER,
      customerName: 'Shakti Polymers Pvt Ltd',
      priority: 'P2',
      dueAt: request.sla.resolution.dueAt,
    });

    // The customer reports a second breakdown on its own machine at the same moment.
    const customer = apiAs(service.app, ['customer'], { customerId: 'C-1007', subject: 'u-shakti-ops' });
    const second = (await customer.post('/service-requests').send({ serialNumber: SERIAL, priority: 'P2', description: 'Mould heater alarm', reportedBy: 'R. Patil, shift lead' }).expect(201)).body;
    expect(second).toMatchObject({ reportedBy: 'R. Patil, shift lead', coverage: { kind: 'warranty' }, escalations: [] });
    onHold = { id: second.id };
  });

  it('stops the clock while on hold for the customer, and escalates nothing meanwhile', async () => {
    // 10:30 IST: half an hour used, then the customer cannot give access.
    clock.set('2027-01-04T05:00:00Z');
    await desk.post(`/service-requests/${onHold.id}/hold`).send({}).expect(400);
    const held = (await desk.post(`/service-requests/${onHold.id}/hold`).send({ reason: 'Waiting for the customer to give access to the plant' }).expect(201)).body;
    expect(held).toMatchObject({
      status: 'on_hold',
      task: { status: 'on_hold' },
      sla: {
        onHold: true,
        response: { state: 'paused', elapsedMinutes: 30, dueAt: null },
        pauses: [{ from: utc('2027-01-04T10:30+05:30'), to: null, reason: 'Waiting for the customer to give access to the plant' }],
      },
    });
    const again = await desk.post(`/service-requests/${onHold.id}/hold`).send({ reason: 'Still waiting' }).expect(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_PAUSED', message: expect.stringMatching(/Already on hold since 2027-01-04T05:00:00.000Z/) });
    await events('psa.task.on-hold.v1', (d) => (d.task as { serviceRequestId: string }).serviceRequestId === onHold.id);
  });

  it('escalates an SLA target step by step: at risk to the owner, breached to the service manager, still unresolved to the head of service', async () => {
    // 15:00 IST: 5 of 8 working hours used.
    expect(steps(await evaluate('2027-01-04T09:30:00Z'))).toEqual([]);
    // 16:30 IST: 6.5 hours used, past 75%: at risk. Three evaluations at once raise it once.
    clock.set('2027-01-04T11:00:00Z');
    const concurrent: Report[] = (await Promise.all([1, 2, 3].map(() => desk.post('/sla/evaluate').expect(200)))).map((r) => r.body);
    expect(concurrent.flatMap((report) => steps(report))).toEqual(['response/owner/at_risk']);
    expect(steps(await evaluate('2027-01-04T11:15:00Z'))).toEqual([]);
    // Tuesday 10:30 IST: past the 10:00 deadline.
    const breached = await evaluate('2027-01-05T05:00:00Z');
    expect(steps(breached)).toEqual(['response/service_manager/breached']);
    // Tuesday 14:30 IST: 12.5 hours used, half the target again past the breach.
    expect(steps(await evaluate('2027-01-05T09:00:00Z'))).toEqual(['response/head_of_service/breach_unresolved']);
    expect(steps(await evaluate('2027-01-05T09:00:00Z'))).toEqual([]);
    expect(steps(await evaluate('2027-01-05T09:10:00Z'))).toEqual([]);

    const history: Escalation[] = (await desk.get('/escalations').query({ subjectId: escalated.id }).expect(200)).body;
    expect(history.map((e) => [e.level, e.target, e.trigger, e.recipient, e.raisedAt])).toEqual([
      ['owner', 'response', 'at_risk', 'desk@pune.example', '2027-01-04T11:00:00.000Z'],
      ['service_manager', 'response', 'breached', 'sm@pune.example', '2027-01-05T05:00:00.000Z'],
      ['head_of_service', 'response', 'breach_unresolved', 'hos@pune.example', '2027-01-05T09:00:00.000Z'],
    ]);
    expect(history.map((e) => e.reason)).toEqual([
      'Response target of 8 working hours at risk: 6 working hours 30 minutes used, due 2027-01-05 10:00 Asia/Kolkata',
      'Response target of 8 working hours breached at 2027-01-05 10:00 Asia/Kolkata',
      'Response target of 8 working hours breached at 2027-01-05 10:00 Asia/Kolkata and still not met after 12 working hours 30 minutes',
    ]);
    const byCustomer: Escalation[] = (await desk.get('/escalations').query({ customerId: 'C-1007' }).expect(200)).body;
    expect(byCustomer.filter((e) => e.subject.id === escalated.id)).toHaveLength(3);
    // However many there are, the recent ones can be reached: a period of raising, and pages of it.
    const raised = async (query: Record<string, string | number>) =>
      ((await desk.get('/escalations').query({ subjectId: escalated.id, ...query }).expect(200)).body as Escalation[]).map((e) => e.raisedAt);
    expect(await raised({ raisedFrom: '2027-01-05T05:00:00Z' })).toEqual(['2027-01-05T05:00:00.000Z', '2027-01-05T09:00:00.000Z']);
    expect(await raised({ raisedBefore: '2027-01-05T05:00:00Z' })).toEqual(['2027-01-04T11:00:00.000Z']);
    expect(await raised({ raisedFrom: '2027-01-05T00:00:00+05:30', raisedBefore: '2027-01-05T12:00:00+05:30' })).toEqual(['2027-01-05T05:00:00.000Z']);
    expect(await raised({ limit: 1, offset: 1 })).toEqual(['2027-01-05T05:00:00.000Z']);
    expect(await raised({ offset: 3 })).toEqual([]);
    const sinceTuesday: Notification[] = (await desk.get('/notifications').query({ subjectId: escalated.id, raisedFrom: '2027-01-05T09:00:00Z' }).expect(200)).body;
    expect(sinceTuesday.map((n) => n.recipient)).toEqual(['hos@pune.example']);
    for (const [query, reason] of [
      [{ raisedFrom: 'yesterday' }, /raisedFrom must be an RFC 3339 instant/],
      [{ raisedBefore: '2027-01-05' }, /raisedBefore must be an RFC 3339 instant/],
      [{ limit: 501 }, /limit must not be greater than 500/],
      [{ offset: -1 }, /offset must not be less than 0/],
    ] as const) {
      const refused = await desk.get('/escalations').query(query).expect(400);
      expect(refused.body.reasons.join('\n')).toMatch(reason);
    }

    const notifications: Notification[] = (await desk.get('/notifications').query({ subjectId: escalated.id }).expect(200)).body;
    expect(notifications.map((n) => [n.recipient, n.channel, n.status])).toEqual([
      ['desk@pune.example', 'record', 'recorded'],
      ['sm@pune.example', 'webhook', 'sent'],
      ['hos@pune.example', 'email', 'pending'],
    ]);
    expect(notifications[1].subject).toBe(`[Escalation to service manager] Service request ${escalated.id} (P2) on INJ250-0009: response target breached`);

    const request = (await desk.get(`/service-requests/${escalated.id}`).expect(200)).body;
    expect(request.sla.response).toMatchObject({ state: 'breached', breachedAt: utc('2027-01-05T10:00+05:30'), elapsedMinutes: 760 });
    expect(request.sla.resolution).toMatchObject({ state: 'running', elapsedMinutes: 760 });
    expect(request.escalations.map((e: Escalation) => e.level)).toEqual(['owner', 'service_manager', 'head_of_service']);

    const announced = await events('psa.escalation.raised.v1', (d) => (d.subject as { id: string }).id === escalated.id);
    expect(announced.map(({ event }) => event.data.level)).toEqual(['owner', 'service_manager', 'head_of_service']);
    expect(announced[0].key).toBe(request.projectId);
  });

  it('lets the request on hold resume with its deadlines moved by the time on hold', async () => {
    const paused = (await desk.get(`/service-requests/${onHold.id}`).expect(200)).body;
    expect(paused).toMatchObject({ status: 'on_hold', escalations: [], sla: { response: { state: 'paused', elapsedMinutes: 30 } } });

    // Tuesday 15:00 IST: 7.5 working hours left on the response (2 today, 5.5 tomorrow).
    clock.set('2027-01-05T09:30:00Z');
    const resumed = (await desk.post(`/service-requests/${onHold.id}/resume`).expect(201)).body;
    expect(resumed).toMatchObject({
      status: 'open',
      task: { status: 'ready', dueDate: '2027-01-12' },
      sla: {
        onHold: false,
        response: { state: 'running', elapsedMinutes: 30, dueAt: utc('2027-01-06T14:30+05:30') },
        resolution: { dueAt: utc('2027-01-12T14:30+05:30') },
        pauses: [{ from: utc('2027-01-04T10:30+05:30'), to: utc('2027-01-05T15:00+05:30') }],
      },
    });
    expect(steps(await evaluate('2027-01-05T09:30:00Z'), onHold.id)).toEqual([]);
    const conflict = await desk.post(`/service-requests/${onHold.id}/resume`).expect(409);
    expect(conflict.body).toEqual({ statusCode: 409, error: 'Conflict', code: 'NOT_PAUSED', message: 'Cannot resume: the request is not on hold' });
  });

  it('records the response and the resolution, completes the breakdown task and reports which targets were met', async () => {
    clock.set('2027-01-05T10:00:00Z');
    expect((await desk.post(`/service-requests/${escalated.id}/respond`).expect(201)).body).toMatchObject({
      status: 'responded',
      respondedAt: '2027-01-05T10:00:00.000Z',
      sla: { response: { state: 'breached', metLate: true } },
    });
    const twice = await desk.post(`/service-requests/${escalated.id}/respond`).expect(409);
    expect(twice.body.code).toBe('ALREADY_RESPONDED');

    clock.set('2027-01-05T11:00:00Z');
    const resolved = (await desk.post(`/service-requests/${escalated.id}/resolve`).expect(201)).body;
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: '2027-01-05T11:00:00.000Z', task: { status: 'done' }, sla: { resolution: { state: 'met' } } });
    const [event] = await events('psa.service-request.resolved.v1', (d) => d.requestId === escalated.id);
    expect(event.event.data).toMatchObject({ customerId: 'C-1007', serialNumber: SERIAL, resolvedAt: '2027-01-05T11:00:00.000Z', responseMet: false, resolutionMet: true });
    await events('psa.task.done.v1', (d) => (d.task as { taskId: string }).taskId === escalated.taskId);

    expect((await desk.post(`/service-requests/${escalated.id}/hold`).send({ reason: 'Too late' }).expect(409)).body.code).toBe('ALREADY_RESOLVED');
    // Resolved requests are not escalated any more, however long their resolution target would have run.
    expect(steps(await evaluate('2027-01-12T04:30:00Z'), escalated.id)).toEqual([]);
    const listed = (await desk.get('/service-requests').query({ status: 'resolved' }).expect(200)).body;
    expect(listed.items.map((r: { id: string }) => r.id)).toEqual([escalated.id]);
  });

  it("shows a customer its own requests without internal recipients, and nothing of another customer's", async () => {
    const own = apiAs(service.app, ['customer'], { customerId: 'C-1007' });
    const mine = (await own.get(`/service-requests/${escalated.id}`).expect(200)).body;
    expect(mine.escalations).toHaveLength(3);
    expect(mine.escalations[0].recipient).toBeUndefined();
    expect((await own.get('/service-requests').expect(200)).body.total).toBe(2);
    // The total counts every match, whatever the page.
    const firstPage = (await own.get('/service-requests').query({ limit: 1 }).expect(200)).body;
    const secondPage = (await own.get('/service-requests').query({ limit: 1, offset: 1 }).expect(200)).body;
    expect([firstPage.items.length, firstPage.total, secondPage.items.length, secondPage.total]).toEqual([1, 2, 1, 2]);
    expect(secondPage.items[0].id).not.toBe(firstPage.items[0].id);
    expect((await own.get('/service-requests').query({ offset: 2 }).expect(200)).body).toEqual({ items: [], total: 2 });
    await own.post(`/service-requests/${onHold.id}/respond`).expect(403);

    const other = apiAs(service.app, ['customer'], { customerId: 'C-2002' });
    const hidden = await other.get(`/service-requests/${escalated.id}`).expect(404);
    expect(hidden.body.code).toBe('SERVICE_REQUEST_NOT_FOUND');
    expect((await other.get('/service-requests').expect(200)).body).toEqual({ items: [], total: 0 });
    await other.get('/service-requests').query({ customerId: 'C-1007' }).expect(403);
    const foreign = await other.post('/service-requests').send({ serialNumber: SERIAL, priority: 'P1', description: 'Not my machine' }).expect(404);
    expect(foreign.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'MACHINE_NOT_FOUND', message: `No machine with serial number ${SERIAL}` });
    await other.get('/escalations').expect(403);
  });

  it('answers bad input with 400 and unknown requests or machines with 404', async () => {
    const bad = await desk.post('/service-requests').send({ serialNumber: SERIAL, priority: 'P9', description: '' }).expect(400);
    expect(bad.body.reasons.join(' ')).toMatch(/priority must be one of P1, P2, P3, P4/);
    expect(bad.body.reasons.join(' ')).toMatch(/description must say what is wrong/);
    const unknown = await desk.post('/service-requests').send({ serialNumber: 'NOPE-0001', priority: 'P1', description: 'Smoke' }).expect(404);
    expect(unknown.body.code).toBe('MACHINE_NOT_FOUND');
    await desk.get('/service-requests/not-a-uuid').expect(400);
    await desk.post('/service-requests/00000000-0000-4000-8000-000000000000/respond').expect(404);
  });

  it('covers a breakdown a year and a day later under the AMC, and one after both warranty and AMC under nothing', async () => {
    // Wednesday 5 January 2028, a year and a day after the first breakdown: the warranty ended
    // 2027-12-23 and the AMC runs 2027-12-24 to 2028-12-23, with its own 24x7 SLA (4 h response).
    const machine = (await desk.get(`/equipment/${SERIAL}`).expect(200)).body;
    clock.set('2028-01-05T04:30:00Z');
    const underAmc = (await desk.post('/service-requests').send({ serialNumber: SERIAL, priority: 'P2', description: 'Ejector stuck' }).expect(201)).body;
    expect(underAmc.coverage).toEqual({
      kind: 'amc',
      contractId: machine.amcContracts[0].id,
      reason: `INJ250-0009 is under AMC ${machine.amcContracts[0].id} from 2027-12-24 to 2028-12-23 (labour)`,
    });
    expect(underAmc.sla).toMatchObject({ coverage: '24x7', response: { targetMinutes: 240, dueAt: '2028-01-05T08:30:00.000Z' } });
    underAmcId = underAmc.id;

    // Wednesday 10 January 2029: nothing covers the machine; best effort in office hours, P1 halves it.
    clock.set('2029-01-10T04:30:00Z');
    const uncovered = (await desk.post('/service-requests').send({ serialNumber: SERIAL, priority: 'P1', description: 'Screw barrel cracked' }).expect(201)).body;
    expect(uncovered.coverage).toEqual({
      kind: 'none',
      contractId: null,
      reason: 'INJ250-0009 has no cover on 2029-01-10 (warranty ended 2027-12-23, no AMC in force)',
    });
    expect(uncovered.sla).toMatchObject({ coverage: '8x5', response: { targetMinutes: 480, dueAt: utc('2029-01-11T10:00+05:30') } });
    uncoveredId = uncovered.id;
    const [raised] = await events('psa.service-request.raised.v1', (d) => d.requestId === uncovered.id);
    expect(raised.event.data.coverage).toEqual({ kind: 'none', contractId: null, reason: uncovered.coverage.reason });
  });

  it('evaluates in the background on one instance at a time, and never raises a step twice', async () => {
    const stepsOf = async (subjectId: string) =>
      ((await desk.get('/escalations').query({ subjectId }).expect(200)).body as Escalation[]).map((e) => `${e.target}/${e.level}/${e.trigger}`);
    // A second instance on the same database evaluates every second; the first only when asked.
    clock.set('2029-01-10T09:30:00Z');
    const second = await startTestApp(ServiceCommitmentsModule.forRoot(service.config, devAuthConfig()), service.config, {
      overrides: [
        [Clock, clock],
        [ESCALATION_CONFIG, { ...escalationConfig, evaluationIntervalMs: 1_000 }],
      ],
    });
    try {
      // Wednesday 15:00 IST: the AMC request (24x7) is long past both targets, so is the one held
      // and resumed in 2027; the uncovered request raised at 10:00 has used 5 of its 8 hours.
      const chain = (target: string) => [`${target}/owner/at_risk`, `${target}/service_manager/breached`, `${target}/head_of_service/breach_unresolved`];
      await eventually(async () => (await stepsOf(underAmcId)).length === 6, { what: 'the background run to escalate the AMC request' });
      expect(await stepsOf(underAmcId)).toEqual(expect.arrayContaining([...chain('response'), ...chain('resolution')]));
      await eventually(async () => (await stepsOf(onHold.id)).length === 6, { what: 'the background run to escalate the resumed request' });
      expect(await stepsOf(uncoveredId)).toEqual([]);

      // Thursday 14:30 IST: 12.5 working hours used. Both instances are asked several times at once
      // while the background run goes on: each step is raised, announced and notified once.
      clock.set('2029-01-11T09:00:00Z');
      const other = apiAs(second.app, ['head_of_service']);
      await Promise.all([desk, desk, other, other, desk].map((client) => client.post('/sla/evaluate').expect(200)));
      await eventually(async () => (await stepsOf(uncoveredId)).length === 3, { what: 'the uncovered request escalated' });
      expect(await stepsOf(uncoveredId)).toEqual(chain('response'));
    } finally {
      await second.close({ dropDatabase: false });
    }
    for (const subjectId of [underAmcId, onHold.id, uncoveredId]) {
      const escalations: Escalation[] = (await desk.get('/escalations').query({ subjectId }).expect(200)).body;
      const notifications: Notification[] = (await desk.get('/notifications').query({ subjectId }).expect(200)).body;
      expect(notifications.map((n) => n.escalationId).sort()).toEqual(escalations.map((e) => e.id).sort());
      const ids = escalations.map((e) => e.id).sort().join();
      await eventually(async () => {
        const announced = (await kafka.readAll(Topics.serviceProjects))
          .map((r) => JSON.parse(r.value!.toString()))
          .filter((e) => e.type === 'psa.escalation.raised.v1' && e.data.subject.id === subjectId);
        return announced.map((e) => e.data.escalationId).sort().join() === ids;
      }, { what: `one psa.escalation.raised.v1 per escalation of ${subjectId}` });
    }
  });
});
