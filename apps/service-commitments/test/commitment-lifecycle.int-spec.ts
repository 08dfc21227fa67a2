/**
 * Commitments through their life on a real broker and database: dispatch,
 * installed equipment and warranty, readiness and dependencies, AMC visits,
 * changes, cancellation with review, and customer confinement.
 */
import { devAuthConfig } from '#auth';
import { encodeStructured, exampleEvent, Topics } from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { FixedClock, Clock } from '#platform';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { SERVICE_COMMITMENTS_DEFAULTS, ServiceCommitmentsModule } from '../src/service-commitments.module.js';
import { cancellationEvent, changeEvent, dispatchEvent, orderEvent, structuredRecord } from './factories.js';

type Task = { id: string; name: string; status: string; owner: string | null; earliestStart: string | null; dueDate: string | null; plannedDate?: string | null; serialNumber?: string | null };
type Commitment = { id: string; orderLineId: string; kind: string; unitIndex: number; status: string; serialNumber: string | null; tasks: Task[]; reviewReason: string | null };

describe('service-commitments: commitments through their whole life', () => {
  let service: TestApp;
  let kafka: TestKafka;
  let http: ReturnType<typeof apiAs>;
  const clock = new FixedClock(new Date('2026-11-24T08:00:00Z'));

  beforeAll(async () => {
    // The AMC visits are released when the test asks, not by the hourly background run.
    process.env.AMC_RELEASE_INTERVAL_MS = '0';
    const config = testServiceConfig(SERVICE_COMMITMENTS_DEFAULTS);
    service = await startTestApp(ServiceCommitmentsModule.forRoot(config, devAuthConfig()), config, {
      transport: (app) => app.get(KafkaEventTransport),
      overrides: [[Clock, clock]],
    });
    kafka = new TestKafka(config.topicPrefix);
    http = apiAs(service.app, ['service_manager']);
  });

  afterAll(async () => {
    delete process.env.AMC_RELEASE_INTERVAL_MS;
    await kafka?.close();
    await service?.close();
  });

  async function project(orderId: string, until: (p: { commitments: Commitment[] }) => boolean = () => true) {
    return eventually(async () => {
      const list = await http.get('/projects').query({ orderId }).expect(200);
      if (list.body.items.length !== 1) return undefined;
      const one = (await http.get(`/projects/${list.body.items[0].id}`).expect(200)).body;
      return until(one) ? (one as { id: string; status: string; customer: { id: string }; commitments: Commitment[] }) : undefined;
    }, { what: `project ${orderId} in the expected state` });
  }
  const ofKind = (p: { commitments: Commitment[] }, kind: string) => p.commitments.filter((c) => c.kind === kind);
  /** An order of two machines, each with its installation. */
  const twoMachinesToInstall = (orderId: string) => {
    const order = orderEvent(orderId);
    order.data.lines = [
      { lineId: '10', sku: 'INJ-250T', quantity: 2, unitPrice: '4500000.00', warrantyMonths: 12 },
      { lineId: '20', sku: 'SVC-INSTALL', quantity: 2, unitPrice: '60000.00', forLineId: '10' },
    ] as never;
    return order;
  };

  it("makes the example order's work ready after dispatch, with warranty and the AMC's planned visits", async () => {
    await kafka.produce(Topics.salesOrders, [structuredRecord(orderEvent('SO-LIFE-1'))]);
    await project('SO-LIFE-1');
    await kafka.produce(Topics.dispatches, [structuredRecord(dispatchEvent('SO-LIFE-1', { dispatchId: 'DN-LIFE-1' }))]);
    const p = await project('SO-LIFE-1', (x) => ofKind(x, 'installation')[0]?.status === 'ready');

    const [install] = ofKind(p, 'installation');
    expect(install.serialNumber).toBe('INJ250-0009');
    expect(install.tasks[0]).toMatchObject({ status: 'ready', earliestStart: '2026-11-27', dueDate: '2026-12-04' });
    expect(ofKind(p, 'training')[0]).toMatchObject({ status: 'promised', serialNumber: 'INJ250-0009' });
    // Every task of the machine's units carries its serial too; the machine itself is not a service unit.
    const bound = p.commitments.filter((c) => c.serialNumber !== null);
    expect(bound.map((c) => c.kind)).toEqual(expect.arrayContaining(['amc', 'calibration', 'installation', 'training']));
    expect(bound.flatMap((c) => c.tasks.map((t) => t.serialNumber))).toEqual(bound.flatMap((c) => c.tasks.map(() => 'INJ250-0009')));
    expect(ofKind(p, 'calibration')[0].status).toBe('promised');
    expect(ofKind(p, 'support_visit').map((c) => c.status)).toEqual(['promised', 'promised']);

    const machine = (await http.get('/equipment/INJ250-0009').expect(200)).body;
    // Dispatched 2026-11-24; at the latest 30 days later the 12-month warranty starts.
    expect(machine.warranty).toEqual({ startsOn: '2026-12-24', endsOn: '2027-12-23', basis: 'dispatch_grace' });
    expect(machine.amcContracts).toEqual([
      expect.objectContaining({ status: 'pending', startsOn: '2027-12-24', endsOn: '2028-12-23', scope: 'labour', visitQuota: 4 }),
    ]);
    // A 366-day term (2028 is a leap year) in four slices: each visit mid-slice.
    const visits = ofKind(p, 'amc')[0].tasks;
    expect(visits.map((v) => v.plannedDate)).toEqual(['2028-02-07', '2028-05-09', '2028-08-08', '2028-11-08']);
    expect(visits.every((v) => v.status === 'promised')).toBe(true);
  });

  it('frees training and calibration when installation is done, and starts warranty at installation', async () => {
    const before = await project('SO-LIFE-1');
    const installTask = ofKind(before, 'installation')[0].tasks[0];
    // Signed off on the 28th, recorded that evening; a completion dated ahead of now is refused with the reason.
    clock.set('2026-11-28T16:00:00Z');
    try {
      const ahead = await http.post(`/tasks/${installTask.id}/complete`).send({ completedAt: '2026-11-29T09:00:00Z' }).expect(400);
      expect(ahead.body.message).toBe('completedAt 2026-11-29T09:00:00.000Z is in the future (now 2026-11-28T16:00:00.000Z)');
      await http.post(`/tasks/${installTask.id}/complete`).send({ completedAt: '2026-11-28T15:00:00Z' }).expect(201);
    } finally {
      clock.set('2026-11-24T08:00:00Z');
    }

    const p = await project('SO-LIFE-1', (x) => ofKind(x, 'training')[0].status === 'ready');
    expect(ofKind(p, 'installation')[0].status).toBe('done');
    expect(ofKind(p, 'calibration')[0].status).toBe('ready');
    expect(ofKind(p, 'training')[0].tasks[0]).toMatchObject({ earliestStart: '2026-11-28' });
    const machine = (await http.get('/equipment/INJ250-0009').expect(200)).body;
    expect(machine).toMatchObject({ installedOn: '2026-11-28', warranty: { startsOn: '2026-11-28', endsOn: '2027-11-27', basis: 'installation' } });
    expect(machine.amcContracts[0]).toMatchObject({ startsOn: '2027-11-28', endsOn: '2028-11-27' });
    // The AMC's four promised visits move with its term (mid-slice again), renamed in place: none added, none lost.
    const visits = ofKind(p, 'amc')[0].tasks;
    expect(visits.map((v) => v.plannedDate)).toEqual(['2028-01-12', '2028-04-13', '2028-07-13', '2028-10-13']);
    expect(visits.map((v) => v.name.replace(/^.*, /, ''))).toEqual(['visit 1 of 4', 'visit 2 of 4', 'visit 3 of 4', 'visit 4 of 4']);
    expect(visits.map((v) => v.id)).toEqual(ofKind(before, 'amc')[0].tasks.map((v) => v.id));

    const again = await http.post(`/tasks/${installTask.id}/complete`).expect(409);
    expect(again.body.message).toMatch(/done cannot be completed/);
  });

  it("makes the AMC's first preventive visit ready two weeks ahead of its planned date, once, and starts the contract", async () => {
    const before = ofKind(await project('SO-LIFE-1'), 'amc')[0].tasks;
    // Two weeks and a day before the first visit (2028-01-12): nothing is due yet.
    clock.set('2027-12-28T08:00:00Z');
    try {
      expect((await http.post('/amc/release-due-visits').expect(200)).body).toEqual({ released: 0 });
      clock.set('2027-12-29T08:00:00Z');
      expect((await http.post('/amc/release-due-visits').expect(200)).body).toEqual({ released: 1 });
      const visits = ofKind(await project('SO-LIFE-1'), 'amc')[0].tasks;
      expect(visits.map((v) => v.id)).toEqual(before.map((v) => v.id));
      expect(visits[0]).toMatchObject({ status: 'ready', plannedDate: '2028-01-12', earliestStart: '2027-12-29', dueDate: '2028-01-26' });
      expect(visits.slice(1).map((v) => v.status)).toEqual(['promised', 'promised', 'promised']);
      // Scheduling hears of it as of any ready task.
      const announced = await eventually(async () => {
        const found = (await kafka.readAll(Topics.serviceProjects))
          .map((r) => JSON.parse(r.value!.toString()))
          .filter((e) => e.type === 'psa.task.ready.v1' && e.data.task.taskId === visits[0].id);
        return found.length > 0 ? found : undefined;
      }, { what: 'psa.task.ready.v1 for the first AMC visit' });
      expect(announced).toHaveLength(1);
      // The term began on 2027-11-28: the contract is active now, and its coverage says so to billing and the field.
      const contract = (await http.get('/equipment/INJ250-0009').expect(200)).body.amcContracts[0];
      expect(contract).toMatchObject({ status: 'active', startsOn: '2027-11-28' });
      const active = await eventually(async () => {
        const found = (await kafka.readAll(Topics.serviceProjects))
          .map((r) => JSON.parse(r.value!.toString()))
          .filter((e) => e.type === 'psa.coverage.changed.v1' && e.data.coverage.contractId === contract.id && e.data.coverage.status === 'active');
        return found.length > 0 ? found : undefined;
      }, { what: 'the AMC coverage announced active' });
      expect(active.map((e) => [e.data.serialNumber, e.data.coverage.startsOn, e.data.reason])).toEqual([['INJ250-0009', '2027-11-28', 'AMC on INJ250-0009: its term began on 2027-11-28']]);
      // Asked again: nothing more to release.
      expect((await http.post('/amc/release-due-visits').expect(200)).body).toEqual({ released: 0 });
      // The visit done counts as one of the contract's four.
      expect(contract).toMatchObject({ visitQuota: 4, visitsUsed: 0 });
      await http.post(`/tasks/${visits[0].id}/complete`).send({ completedAt: '2027-12-29T07:00:00Z' }).expect(201);
      expect((await http.get('/equipment/INJ250-0009').expect(200)).body.amcContracts[0]).toMatchObject({ visitQuota: 4, visitsUsed: 1 });
      await apiAs(service.app, ['engineer']).post('/amc/release-due-visits').expect(403);
    } finally {
      clock.set('2026-11-24T08:00:00Z');
    }
  });

  it('binds an AMC sold later to the machine it names', async () => {
    const later = orderEvent('SO-AMC-LATER');
    later.data.lines = [{ lineId: '10', sku: 'AMC-STD-12M', quantity: 1, unitPrice: '120000.00', serialNumbers: ['INJ250-0009'] }] as never;
    await kafka.produce(Topics.salesOrders, [structuredRecord(later)]);
    const p = await project('SO-AMC-LATER', (x) => ofKind(x, 'amc')[0]?.tasks.length === 4);
    expect(ofKind(p, 'amc')[0].serialNumber).toBe('INJ250-0009');
    const machine = (await http.get('/equipment/INJ250-0009').expect(200)).body;
    expect(machine.amcContracts).toHaveLength(2);
  });

  it('puts a task on hold with a reason and releases it back', async () => {
    const p = await project('SO-LIFE-1');
    const training = ofKind(p, 'training')[0].tasks[0];
    await http.post(`/tasks/${training.id}/hold`).send({ reason: 'site_readiness', note: 'Power not connected' }).expect(201);
    expect(ofKind(await project('SO-LIFE-1'), 'training')[0].status).toBe('on_hold');
    const refused = await http.post(`/tasks/${training.id}/hold`).send({ reason: 'weather' }).expect(400);
    expect(refused.body.reasons.join(' ')).toMatch(/reason must be one of/);
    await http.post(`/tasks/${training.id}/release`).expect(201);
    expect(ofKind(await project('SO-LIFE-1'), 'training')[0].status).toBe('ready');
  });

  it("assigns, reassigns and clears a task's owner through the service desk; each change and every later event carry it", async () => {
    const p = await project('SO-LIFE-1');
    const training = ofKind(p, 'training')[0].tasks[0];
    const taskEvents = async (type: string, count: number) =>
      eventually(async () => {
        const found = (await kafka.readAll(Topics.serviceProjects))
          .map((r) => JSON.parse(r.value!.toString()))
          .filter((e) => e.type === type && e.data.task.taskId === training.id && (type !== 'psa.task.changed.v1' || e.data.changes.includes('owner')));
        return found.length >= count ? found : undefined;
      }, { what: `${count} ${type} for the training task` });
    const ownerShown = async () => ofKind(await project('SO-LIFE-1'), 'training')[0].tasks[0].owner;
    // Nobody owns it yet: its events so far say so.
    expect((await taskEvents('psa.task.on-hold.v1', 1))[0].data.task.owner).toBeNull();

    const assigned = await http.put(`/tasks/${training.id}/owner`).send({ owner: 'ravi.kulkarni' }).expect(200);
    expect(assigned.body).toMatchObject({ id: training.id, status: 'ready', owner: 'ravi.kulkarni' });
    expect(await ownerShown()).toBe('ravi.kulkarni');
    const [first] = await taskEvents('psa.task.changed.v1', 1);
    expect(first.data).toMatchObject({ changes: ['owner'], changedAt: '2026-11-24T08:00:00.000Z', task: { taskId: training.id, status: 'ready', owner: 'ravi.kulkarni' } });
    // The same owner again (spaces trimmed) changes nothing and says nothing.
    expect((await http.put(`/tasks/${training.id}/owner`).send({ owner: ' ravi.kulkarni ' }).expect(200)).body.owner).toBe('ravi.kulkarni');

    // A dispatcher reassigns it; the events that follow carry the new owner.
    const dispatcher = apiAs(service.app, ['dispatcher'], { subject: 'u-204', name: 'Priya Nair' });
    expect((await dispatcher.put(`/tasks/${training.id}/owner`).send({ owner: 'meera.iyer' }).expect(200)).body.owner).toBe('meera.iyer');
    await http.post(`/tasks/${training.id}/hold`).send({ reason: 'customer_confirmation' }).expect(201);
    const [, held] = await taskEvents('psa.task.on-hold.v1', 2);
    expect(held.data.task).toMatchObject({ taskId: training.id, status: 'on_hold', owner: 'meera.iyer' });
    await http.post(`/tasks/${training.id}/release`).expect(201);
    expect((await taskEvents('psa.task.released.v1', 2))[1].data.task.owner).toBe('meera.iyer');

    // Cleared: nobody owns it.
    expect((await http.put(`/tasks/${training.id}/owner`).send({ owner: null }).expect(200)).body).toMatchObject({ status: 'ready', owner: null });
    expect(await ownerShown()).toBeNull();
    const changes = await taskEvents('psa.task.changed.v1', 3);
    expect(changes.map((e) => [e.data.changes, e.data.task.owner])).toEqual([
      [['owner'], 'ravi.kulkarni'],
      [['owner'], 'meera.iyer'],
      [['owner'], null],
    ]);
  });

  it('refuses a bad owner with a reason, an unknown task with 404 and a done task with 409, and changes nothing', async () => {
    const p = await project('SO-LIFE-1');
    const training = ofKind(p, 'training')[0].tasks[0];
    const installation = ofKind(p, 'installation')[0].tasks[0];
    const refused = async (body: object, reason: RegExp) => {
      const res = await http.put(`/tasks/${training.id}/owner`).send(body).expect(400);
      expect(res.body.reasons.join(' ')).toMatch(reason);
    };
    await refused({ owner: '' }, /^owner: owner must not be empty; send null to leave the task without an owner$/);
    await refused({ owner: '   ' }, /owner must not be empty/);
    await refused({ owner: 42 }, /^owner: owner must be a user name \(text\), or null/);
    await refused({ owner: { name: 'ravi.kulkarni' } }, /owner must be a user name \(text\)/);
    await refused({ owner: 'r'.repeat(255) }, /owner must be at most 254 characters \(it has 255\)/);
    await refused({ owner: 'ravi\nBcc: all@example.com' }, /must not contain line breaks/);
    await refused({}, /owner is required/);
    await refused({ owner: 'ravi.kulkarni', team: 'South' }, /property team should not exist/);
    const badId = await http.put('/tasks/not-a-task/owner').send({ owner: 'ravi.kulkarni' }).expect(400);
    expect(badId.body.reasons.join(' ')).toMatch(/id must be a task id/);

    const unknown = await http.put('/tasks/00000000-0000-4000-8000-000000000000/owner').send({ owner: 'ravi.kulkarni' }).expect(404);
    expect(unknown.body.message).toBe('No task 00000000-0000-4000-8000-000000000000');
    // Signed off earlier: done work keeps the owner it closed with.
    expect(installation.status).toBe('done');
    const closed = await http.put(`/tasks/${installation.id}/owner`).send({ owner: 'ravi.kulkarni' }).expect(409);
    expect(closed.body).toMatchObject({ message: 'A task that is done cannot be given another owner', status: 'done' });
    await http.put(`/tasks/${installation.id}/owner`).send({ owner: null }).expect(409);
    // Only the service desk assigns owners.
    await apiAs(service.app, ['engineer']).put(`/tasks/${training.id}/owner`).send({ owner: 'ravi.kulkarni' }).expect(403);
    await apiAs(service.app, ['customer'], { customerId: 'C-1007' }).put(`/tasks/${training.id}/owner`).send({ owner: 'ravi.kulkarni' }).expect(403);

    const after = await project('SO-LIFE-1');
    expect(ofKind(after, 'training')[0].tasks[0].owner).toBeNull();
    expect(ofKind(after, 'installation')[0].tasks[0].owner).toBeNull();
  });

  it("keeps each task's activity: who did what by hand, when, from what to what; refused changes leave none", async () => {
    const p = await project('SO-LIFE-1');
    const training = ofKind(p, 'training')[0].tasks[0];
    const analyst = apiAs(service.app, ['analyst']);
    const activity = (await analyst.get(`/tasks/${training.id}/activity`).expect(200)).body;
    expect(activity.taskId).toBe(training.id);
    const desk = { actor: 'test-service_manager', actorName: null };
    const at = '2026-11-24T08:00:00.000Z';
    expect(activity.items).toEqual([
      { at, ...desk, action: 'held', from: 'ready', to: 'on_hold', note: 'site_readiness: Power not connected' },
      { at, ...desk, action: 'released', from: 'on_hold', to: 'ready', note: null },
      { at, ...desk, action: 'owner_assigned', from: null, to: 'ravi.kulkarni', note: null },
      { at, actor: 'u-204', actorName: 'Priya Nair', action: 'owner_changed', from: 'ravi.kulkarni', to: 'meera.iyer', note: null },
      { at, ...desk, action: 'held', from: 'ready', to: 'on_hold', note: 'customer_confirmation' },
      { at, ...desk, action: 'released', from: 'on_hold', to: 'ready', note: null },
      { at, ...desk, action: 'owner_cleared', from: 'meera.iyer', to: null, note: null },
    ]);
    // Signed off by the desk: the installation's one entry, when it was recorded (the evening of the 28th).
    const installation = ofKind(p, 'installation')[0].tasks[0];
    const signedOff = (await analyst.get(`/tasks/${installation.id}/activity`).expect(200)).body.items;
    expect(signedOff).toEqual([{ at: '2026-11-28T16:00:00.000Z', ...desk, action: 'completed', from: expect.stringMatching(/^(ready|scheduled|in_progress)$/), to: 'done', note: null }]);
    // Staff only; an unknown task is 404, a bad id 400.
    await apiAs(service.app, ['customer'], { customerId: 'C-1007' }).get(`/tasks/${training.id}/activity`).expect(403);
    await http.get('/tasks/00000000-0000-4000-8000-000000000000/activity').expect(404);
    await http.get('/tasks/not-a-task/activity').expect(400);
  });

  it('tells others of an owner given to work that is still promised (an AMC visit a year out)', async () => {
    const visit = ofKind(await project('SO-LIFE-1'), 'amc')[0].tasks[3]; // the last of the four: the first was released above
    expect(visit.status).toBe('promised');
    await http.put(`/tasks/${visit.id}/owner`).send({ owner: 'anita.desai@serviceloop.example' }).expect(200);
    const event = await eventually(async () =>
      (await kafka.readAll(Topics.serviceProjects))
        .map((r) => JSON.parse(r.value!.toString()))
        .find((e) => e.type === 'psa.task.changed.v1' && e.data.task.taskId === visit.id && e.data.changes.includes('owner')),
    { what: 'the AMC visit owner event' });
    expect(event.data.task).toMatchObject({ status: 'promised', owner: 'anita.desai@serviceloop.example', sku: 'AMC-STD-12M' });
  });

  it('describes the owner route in the OpenAPI document', async () => {
    const doc = (await http.get('/docs/openapi.json').expect(200)).body;
    const put = doc.paths['/tasks/{id}/owner']?.put;
    expect(put).toMatchObject({ tags: ['tasks'], summary: expect.stringMatching(/Assign, reassign or clear/) });
    const ref: string = put.requestBody.content['application/json'].schema.$ref;
    expect(doc.components.schemas[ref.split('/').pop()!]).toMatchObject({
      required: ['owner'],
      properties: { owner: { type: 'string', nullable: true, maxLength: 254, example: 'ravi.kulkarni' } },
    });
  });

  it('lets the customer call off a support visit', async () => {
    const p = await project('SO-LIFE-1');
    const [first] = ofKind(p, 'support_visit');
    const customer = apiAs(service.app, ['customer'], { customerId: 'C-1007' });
    const res = await customer.post(`/commitments/${first.id}/call-off`).send({ requestedDate: '2026-12-10' }).expect(201);
    expect(res.body[0]).toMatchObject({ status: 'ready', earliestStart: '2026-12-10', dueDate: '2026-12-15' });
    await customer.post(`/commitments/${first.id}/call-off`).send({}).expect(409);
    // The call-off is in the visit's activity, by the customer's user.
    const activity = (await http.get(`/tasks/${res.body[0].id}/activity`).expect(200)).body.items;
    expect(activity).toEqual([
      { at: '2026-11-24T08:00:00.000Z', actor: 'test-customer', actorName: null, action: 'called_off', from: 'promised', to: 'ready', note: 'requested for 2026-12-10' },
    ]);
    const installation = ofKind(p, 'installation')[0];
    await http.post(`/commitments/${installation.id}/call-off`).send({}).expect(400);
  });

  it('binds the next serial on a partial second dispatch, and a repeated dispatch changes nothing', async () => {
    const order = twoMachinesToInstall('SO-PART-1');
    await kafka.produce(Topics.salesOrders, [structuredRecord(order)]);
    await project('SO-PART-1');
    const line = (serial: string) => [{ lineId: '10', sku: 'INJ-250T', quantity: 1, serialNumbers: [serial] }];
    const first = dispatchEvent('SO-PART-1', { dispatchId: 'DN-P-1', lines: line('INJ250-0101') });
    await kafka.produce(Topics.dispatches, [structuredRecord(first), structuredRecord({ ...first, id: `${first.id}-again` })]);
    let p = await project('SO-PART-1', (x) => ofKind(x, 'installation')[0].status === 'ready');
    expect(ofKind(p, 'installation').map((c) => [c.unitIndex, c.serialNumber, c.status])).toEqual([
      [1, 'INJ250-0101', 'ready'],
      [2, null, 'promised'],
    ]);
    await kafka.produce(Topics.dispatches, [structuredRecord(dispatchEvent('SO-PART-1', { dispatchId: 'DN-P-2', lines: line('INJ250-0102') }))]);
    p = await project('SO-PART-1', (x) => ofKind(x, 'installation')[1].status === 'ready');
    expect(ofKind(p, 'installation').map((c) => c.serialNumber)).toEqual(['INJ250-0101', 'INJ250-0102']);
    const machines = (await http.get('/equipment').query({ projectId: p.id }).expect(200)).body;
    expect(machines.map((m: { serialNumber: string }) => m.serialNumber)).toEqual(['INJ250-0101', 'INJ250-0102']);
    // A later dispatch naming a machine already registered registers nothing, binds nothing and asks for a review.
    await kafka.produce(Topics.dispatches, [structuredRecord(dispatchEvent('SO-PART-1', { dispatchId: 'DN-P-3', lines: line('INJ250-0101') }))]);
    const flagged = await eventually(async () => {
      const found = (await http.get('/review-items').query({ projectId: p.id }).expect(200)).body as { kind: string; reason: string }[];
      return found.length > 0 ? found : undefined;
    }, { what: 'the dispatch of a known serial on the review list' });
    expect(flagged).toEqual([
      expect.objectContaining({ kind: 'serial_already_known', reason: 'Serial INJ250-0101 was already registered for order SO-PART-1; dispatch DN-P-3 did not register it again' }),
    ]);
    p = await project('SO-PART-1');
    expect(ofKind(p, 'installation').map((c) => [c.serialNumber, c.status])).toEqual([
      ['INJ250-0101', 'ready'],
      ['INJ250-0102', 'ready'],
    ]);
    // However many machines there are, each can be reached: pages of the list, oldest first.
    const serials = async (query: Record<string, string | number>) =>
      ((await http.get('/equipment').query({ projectId: p.id, ...query }).expect(200)).body as { serialNumber: string }[]).map((m) => m.serialNumber);
    expect(await serials({ limit: 1 })).toEqual(['INJ250-0101']);
    expect(await serials({ limit: 1, offset: 1 })).toEqual(['INJ250-0102']);
    expect(await serials({ offset: 2 })).toEqual([]);
    for (const [query, reason] of [
      [{ limit: 501 }, /limit must not be greater than 500/],
      [{ limit: 0 }, /limit must not be less than 1/],
      [{ offset: -1 }, /offset must not be less than 0/],
      [{ offset: 'next' }, /offset must be an integer/],
    ] as const) {
      const refused = await http.get('/equipment').query(query).expect(400);
      expect(refused.body.reasons.join('\n')).toMatch(reason);
    }
  });

  it("registers nothing for a serial another order's dispatch registered, binds the order's next unit to its new serial, and asks for a review", async () => {
    const order = twoMachinesToInstall('SO-PART-2');
    await kafka.produce(Topics.salesOrders, [structuredRecord(order)]);
    const before = await project('SO-PART-2');
    // INJ250-0102 is SO-PART-1's second machine (the test before this one); INJ250-0501 is new.
    await kafka.produce(Topics.dispatches, [
      structuredRecord(dispatchEvent('SO-PART-2', { dispatchId: 'DN-P2-1', lines: [{ lineId: '10', sku: 'INJ-250T', quantity: 2, serialNumbers: ['INJ250-0102', 'INJ250-0501'] }] })),
    ]);
    const p = await project('SO-PART-2', (x) => ofKind(x, 'installation')[0].status === 'ready');
    expect(p.id).toBe(before.id);
    expect(ofKind(p, 'installation').map((c) => [c.unitIndex, c.serialNumber, c.status])).toEqual([
      [1, 'INJ250-0501', 'ready'],
      [2, null, 'promised'],
    ]);
    const reviews = (await http.get('/review-items').query({ projectId: p.id }).expect(200)).body as { kind: string; reason: string }[];
    expect(reviews).toEqual([
      expect.objectContaining({ kind: 'serial_already_known', reason: 'Serial INJ250-0102 was already registered for order SO-PART-1; dispatch DN-P2-1 did not register it again' }),
    ]);
    const machines = (await http.get('/equipment').query({ projectId: p.id }).expect(200)).body as { serialNumber: string }[];
    expect(machines.map((m) => m.serialNumber)).toEqual(['INJ250-0501']);
    // The machine stays the first order's, and so does the unit it is bound to.
    const other = (await http.get('/equipment/INJ250-0102').expect(200)).body;
    expect(other).toMatchObject({ serialNumber: 'INJ250-0102', orderId: 'SO-PART-1' });
    expect(ofKind(await project('SO-PART-1'), 'installation').map((c) => [c.serialNumber, c.status])).toEqual([
      ['INJ250-0101', 'ready'],
      ['INJ250-0102', 'ready'],
    ]);
  });

  it('cancels a support visit a change removes and creates the line a change adds; older revisions are ignored', async () => {
    const order = orderEvent('SO-CHG-1');
    await kafka.produce(Topics.salesOrders, [structuredRecord(order)]);
    await project('SO-CHG-1');
    const change = changeEvent(order, 2, (data) => {
      data.lines.find((l) => l.lineId === '50')!.quantity = 1;
      data.lines.push({ lineId: '70', sku: 'SVC-TRAINING', description: 'Extra operator training', quantity: 1, unitPrice: '20000.00', forLineId: '10' });
    });
    const stale = changeEvent(order, 1, (data) => {
      data.lines = data.lines.filter((l) => l.lineId !== '20');
    });
    await kafka.produce(Topics.salesOrders, [structuredRecord(change), structuredRecord(stale)]);
    const p = await project('SO-CHG-1', (x) => x.commitments.some((c) => c.orderLineId === '70'));
    await eventually(async () => (await kafka.lag(service.config.consumerGroup, Topics.salesOrders)) === 0, { what: 'lag zero' });
    const after = await project('SO-CHG-1');
    const visits = after.commitments.filter((c) => c.orderLineId === '50');
    expect(visits.map((c) => c.status)).toEqual(['promised', 'cancelled']);
    expect(after.commitments.filter((c) => c.orderLineId === '70')).toEqual([expect.objectContaining({ kind: 'training', unitIndex: 1, status: 'promised' })]);
    expect(after.commitments.find((c) => c.orderLineId === '20')?.status).toBe('promised');
    expect(p.id).toBe(after.id);
    // Others learn the project as it now stands, once: the stale revision changed nothing and says nothing.
    const changed = (await kafka.readAll(Topics.serviceProjects))
      .map((r) => JSON.parse(r.value!.toString()))
      .filter((e) => e.type === 'psa.service-project.changed.v1' && e.data.projectId === p.id);
    expect(changed).toHaveLength(1);
    expect(changed[0].data).toMatchObject({ revision: 2, orderId: 'SO-CHG-1', status: 'active' });
    expect(changed[0].data.commitments.filter((c: { orderLineId: string }) => ['50', '70'].includes(c.orderLineId)).map((c: { orderLineId: string; status: string; unitPrice: string }) => [c.orderLineId, c.status, c.unitPrice])).toEqual([
      ['50', 'promised', '8000.00'],
      ['50', 'cancelled', '8000.00'],
      ['70', 'promised', '20000.00'],
    ]);
    // The tasks as they stand go beside their keys, the added unit's and the cancelled unit's included.
    const tasksNow = after.commitments.map((c) => [c.id, c.tasks!.map((t) => t.id)]).sort();
    expect(changed[0].data.commitments.map((c: { commitmentId: string; taskIds: string[] }) => [c.commitmentId, c.taskIds]).sort()).toEqual(tasksNow);
    expect(tasksNow.every(([, ids]) => ids.length === 1)).toBe(true);
  });

  it('dead-letters a held change that is refused when its order comes, alone: the order is created and goes on', async () => {
    const order = orderEvent('SO-CHG-BAD');
    const bad = changeEvent(order, 1, (data) => {
      data.lines.find((l) => l.lineId === '50')!.forLineId = '99';
      data.lines.find((l) => l.lineId === '50')!.quantity = 3;
    });
    await kafka.produce(Topics.salesOrders, [structuredRecord(bad)]);
    await kafka.produce(Topics.salesOrders, [structuredRecord(order)]);
    const p = await project('SO-CHG-BAD');
    expect(p.commitments.filter((c) => c.orderLineId === '50')).toHaveLength(2);
    const letters = await eventually(async () => {
      const found = (await kafka.readAll(`${Topics.salesOrders}.dlq`)).filter((r) => r.key === 'SO-CHG-BAD');
      return found.length ? found : undefined;
    }, { what: 'the refused change dead-lettered' });
    await eventually(async () => (await kafka.lag(service.config.consumerGroup, Topics.salesOrders)) === 0, { what: 'lag zero' });
    // Only the change: its own record, with the reason; the order is not a dead letter.
    expect(letters).toHaveLength(1);
    expect(JSON.parse(letters[0].value!.toString()).id).toBe(bad.id);
    expect(letters[0].headers['dlq-reason-code']).toBe('SCHEMA_VIOLATION');
    expect(letters[0].headers['dlq-reason']).toMatch(/^Held for .*SO-CHG-BAD, refused when released: .*line 50 .*line 99/);
    const held = (await http.get('/held-events').query({ topic: Topics.salesOrders, includeReleased: 'true' }).expect(200)).body;
    expect(held.find((e: { eventId: string }) => e.eventId === bad.id)).toMatchObject({ outcome: 'dead_lettered' });
  });

  it('applies a change that came before its order when the order comes, and announces the project as it then stands after its creation', async () => {
    const order = orderEvent('SO-CHG-EARLY');
    const change = changeEvent(order, 1, (data) => {
      data.customerPoNumber = 'PO-EARLY-2';
      data.lines.find((l) => l.lineId === '50')!.quantity = 3;
    });
    await kafka.produce(Topics.salesOrders, [structuredRecord(change)]);
    await kafka.produce(Topics.salesOrders, [structuredRecord(order)]);
    const p = await project('SO-CHG-EARLY', (x) => x.commitments.filter((c) => c.orderLineId === '50').length === 3);
    const events = await eventually(async () => {
      const mine = (await kafka.readAll(Topics.serviceProjects)).map((r) => JSON.parse(r.value!.toString())).filter((e) => e.data.projectId === p.id && e.type.startsWith('psa.service-project.'));
      return mine.some((e) => e.type === 'psa.service-project.created.v1') ? mine : undefined;
    }, { what: 'the announcements' });
    // Whatever came before, the last word is the project as it stands after the change.
    const last = events[events.length - 1];
    expect(last.type).toBe('psa.service-project.changed.v1');
    expect(last.data).toMatchObject({ revision: 1, customerPoNumber: 'PO-EARLY-2' });
    expect(last.data.commitments.filter((c: { orderLineId: string }) => c.orderLineId === '50')).toHaveLength(3);
  });

  it('announces a project before the work it makes ready at once (a machine dispatched before its order)', async () => {
    const serial = 'INJ250-EARLY-1';
    await kafka.produce(Topics.dispatches, [
      structuredRecord(dispatchEvent('SO-DISP-EARLY', { dispatchId: 'DN-EARLY-1', lines: [{ lineId: '10', sku: 'INJ-250T', quantity: 1, serialNumbers: [serial] }] })),
    ]);
    await eventually(async () => (await kafka.lag(service.config.consumerGroup, Topics.dispatches)) === 0, { what: 'the dispatch held for its order' });
    await kafka.produce(Topics.salesOrders, [structuredRecord(orderEvent('SO-DISP-EARLY'))]);
    const p = await project('SO-DISP-EARLY', (x) => ofKind(x, 'installation')[0]?.status === 'ready');
    const [install] = ofKind(p, 'installation');
    expect(install.serialNumber).toBe(serial);

    // The project's events share its key, so one partition holds them in the order a consumer reads them.
    const events = await eventually(async () => {
      const mine = (await kafka.readAll(Topics.serviceProjects)).filter((r) => r.key === p.id).map((r) => JSON.parse(r.value!.toString()));
      return mine.some((e) => e.type === 'psa.task.ready.v1' && e.data.task.commitmentId === install.id) ? mine : undefined;
    }, { what: "the installation's task ready on the project's key" });
    expect(events[0].type).toBe('psa.service-project.created.v1');
    expect(events[0].data.commitments.map((c: { commitmentId: string }) => c.commitmentId)).toContain(install.id);
    expect(events.filter((e) => e.type === 'psa.service-project.created.v1')).toHaveLength(1);
  });

  it("announces a change before the work its added units set off (an installation for a machine already known)", async () => {
    const known = 'INJ250-KNOWN-2';
    await kafka.produce(Topics.salesOrders, [structuredRecord(orderEvent('SO-KNOWN-A'))]);
    await project('SO-KNOWN-A');
    await kafka.produce(Topics.dispatches, [
      structuredRecord(dispatchEvent('SO-KNOWN-A', { dispatchId: 'DN-KNOWN-A', lines: [{ lineId: '10', sku: 'INJ-250T', quantity: 1, serialNumbers: [known] }] })),
    ]);
    await project('SO-KNOWN-A', (x) => ofKind(x, 'installation')[0]?.status === 'ready');

    const order = orderEvent('SO-KNOWN-B');
    await kafka.produce(Topics.salesOrders, [structuredRecord(order)]);
    const before = await project('SO-KNOWN-B');
    const change = changeEvent(order, 1, (data) => {
      const install = data.lines.find((l) => l.lineId === '20')!;
      install.quantity = 2;
      install.serialNumbers = ['INJ250-KNOWN-1', known];
    });
    await kafka.produce(Topics.salesOrders, [structuredRecord(change)]);
    const p = await project('SO-KNOWN-B', (x) => ofKind(x, 'installation').length === 2);
    const added = ofKind(p, 'installation').find((c) => c.unitIndex === 2)!;
    expect(added).toMatchObject({ serialNumber: known, status: 'ready' });

    const events = await eventually(async () => {
      const mine = (await kafka.readAll(Topics.serviceProjects)).filter((r) => r.key === before.id).map((r) => JSON.parse(r.value!.toString()));
      return mine.some((e) => e.type === 'psa.task.ready.v1' && e.data.task.commitmentId === added.id) ? mine : undefined;
    }, { what: "the added installation's task ready on the project's key" });
    const announced = events.findIndex((e) => e.type === 'psa.service-project.changed.v1' && e.data.commitments.some((c: { commitmentId: string }) => c.commitmentId === added.id));
    const ready = events.findIndex((e) => e.type === 'psa.task.ready.v1' && e.data.task.commitmentId === added.id);
    expect(announced).toBeGreaterThanOrEqual(0);
    expect(ready).toBeGreaterThan(announced);
  });

  it('cancels unstarted work on cancellation and lists started work for review', async () => {
    const order = orderEvent('SO-CXL-REV');
    await kafka.produce(Topics.salesOrders, [structuredRecord(order)]);
    await kafka.produce(Topics.dispatches, [
      structuredRecord(dispatchEvent('SO-CXL-REV', { dispatchId: 'DN-CR-1', lines: [{ lineId: '10', sku: 'INJ-250T', quantity: 1, serialNumbers: ['INJ250-0201'] }] })),
    ]);
    const p = await project('SO-CXL-REV', (x) => ofKind(x, 'installation')[0].status === 'ready');
    await http.post(`/tasks/${ofKind(p, 'installation')[0].tasks[0].id}/start`).expect(201);

    await kafka.produce(Topics.salesOrders, [structuredRecord(cancellationEvent('SO-CXL-REV'))]);
    const cancelled = await project('SO-CXL-REV', (x) => (x as unknown as { status: string }).status === 'cancelled');
    expect(ofKind(cancelled, 'installation')[0]).toMatchObject({ status: 'in_progress', reviewReason: expect.stringMatching(/in progress/) });
    expect(ofKind(cancelled, 'training')[0].status).toBe('cancelled');
    // The AMC sold with the machine stops covering it, and says so: billing, field-execution and analytics keep coverage.
    const amcCoverage = (status: string) =>
      eventually(async () => {
        const found = (await kafka.readAll(Topics.serviceProjects))
          .map((r) => JSON.parse(r.value!.toString()))
          .filter((e) => e.type === 'psa.coverage.changed.v1' && e.data.serialNumber === 'INJ250-0201' && e.data.coverage.kind === 'amc' && e.data.coverage.status === status);
        return found.length > 0 ? found : undefined;
      }, { what: `the AMC coverage of INJ250-0201 ${status}` });
    expect(await amcCoverage('cancelled')).toEqual([expect.objectContaining({ data: expect.objectContaining({ reason: expect.stringMatching(/^AMC on INJ250-0201 cancelled: /) }) })]);
    expect((await http.get('/equipment/INJ250-0201').expect(200)).body.amcContracts.map((c: { status: string }) => c.status)).toEqual(['cancelled']);
    const review = (await http.get('/review-items').query({ projectId: p.id }).expect(200)).body;
    expect(review).toEqual([expect.objectContaining({ kind: 'cancelled_after_start', commitmentId: ofKind(p, 'installation')[0].id })]);

    // A late dispatch naming two lines the order does not have: two more items, flagged at one instant.
    const unknownLines = ['98', '99'].map((lineId) => ({ lineId, sku: 'INJ-900T', quantity: 1, serialNumbers: [`INJ900-CR-${lineId}`] }));
    await kafka.produce(Topics.dispatches, [structuredRecord(dispatchEvent('SO-CXL-REV', { dispatchId: 'DN-CR-2', lines: unknownLines }))]);
    type ReviewItem = { id: string; kind: string };
    const items = async (query: Record<string, string | number>) => (await http.get('/review-items').query({ projectId: p.id, ...query }).expect(200)).body as ReviewItem[];
    const all = await eventually(async () => {
      const found = await items({});
      return found.length === 3 ? found : undefined;
    }, { what: 'the late dispatch on the review list' });
    expect(all.map((i) => i.kind)).toEqual(['cancelled_after_start', 'dispatch_unknown_line', 'dispatch_unknown_line']);
    // Pages in one total order: each item once, the newest reachable however many there are.
    expect(await items({ limit: 1, offset: 1 })).toEqual([all[1]]);
    expect(await items({ limit: 1, offset: 2 })).toEqual([all[2]]);
    expect(await items({ limit: 2, offset: 1 })).toEqual(all.slice(1));
    expect(await items({ offset: 3 })).toEqual([]);
    expect(await items({ state: 'all', offset: 1 })).toEqual(all.slice(1));
    for (const [query, reason] of [
      [{ limit: 501 }, /limit must not be greater than 500/],
      [{ offset: -1 }, /offset must not be less than 0/],
    ] as const) {
      const refused = await http.get('/review-items').query(query).expect(400);
      expect(refused.body.reasons.join('\n')).toMatch(reason);
    }

    const events = (await kafka.readAll(Topics.serviceProjects)).map((r) => JSON.parse(r.value!.toString()));
    const cancelledTasks = events.filter((e) => e.type === 'psa.task.cancelled.v1' && e.data.task.projectId === p.id);
    expect(cancelledTasks.length).toBeGreaterThanOrEqual(4);
    expect(cancelledTasks.every((e) => e.data.reason === 'Customer withdrew')).toBe(true);
  });

  it('follows scheduling’s bookings, and a cancellation after scheduling cancels the booked task', async () => {
    await kafka.produce(Topics.salesOrders, [structuredRecord(orderEvent('SO-SCHED-1'))]);
    await kafka.produce(Topics.dispatches, [
      structuredRecord(dispatchEvent('SO-SCHED-1', { dispatchId: 'DN-S-1', lines: [{ lineId: '10', sku: 'INJ-250T', quantity: 1, serialNumbers: ['INJ250-0301'] }] })),
    ]);
    const p = await project('SO-SCHED-1', (x) => ofKind(x, 'installation')[0].status === 'ready');
    const task = ofKind(p, 'installation')[0].tasks[0];
    const visit = exampleEvent<Record<string, unknown>>('psa.visit.scheduled.v1');
    Object.assign(visit.data, { taskId: task.id, projectId: p.id, customerId: 'C-1007' });
    await kafka.produce(Topics.schedules, [{ key: task.id, ...encodeStructured(visit) }]);
    await project('SO-SCHED-1', (x) => ofKind(x, 'installation')[0].status === 'scheduled');

    await kafka.produce(Topics.salesOrders, [structuredRecord(cancellationEvent('SO-SCHED-1'))]);
    const cancelled = await project('SO-SCHED-1', (x) => ofKind(x, 'installation')[0].status === 'cancelled');
    expect(cancelled.commitments.every((c) => c.status === 'cancelled')).toBe(true);
    const events = (await kafka.readAll(Topics.serviceProjects)).map((r) => JSON.parse(r.value!.toString()));
    // Scheduling frees the booking when it reads this.
    expect(events.find((e) => e.type === 'psa.task.cancelled.v1' && e.data.task.taskId === task.id)?.data.task.status).toBe('cancelled');
  });

  it('follows visit progress from the field: started, incomplete with a follow-up, then completed', async () => {
    await kafka.produce(Topics.salesOrders, [structuredRecord(orderEvent('SO-FIELD-1'))]);
    await kafka.produce(Topics.dispatches, [
      structuredRecord(dispatchEvent('SO-FIELD-1', { dispatchId: 'DN-F-1', lines: [{ lineId: '10', sku: 'INJ-250T', quantity: 1, serialNumbers: ['INJ250-0401'] }] })),
    ]);
    const p = await project('SO-FIELD-1', (x) => ofKind(x, 'installation')[0].status === 'ready');
    const task = ofKind(p, 'installation')[0].tasks[0];
    const progress = (type: string, data: Record<string, unknown>) => {
      const event = exampleEvent<Record<string, unknown>>(type);
      Object.assign(event.data, { taskId: task.id, projectId: p.id, customerId: 'C-1007', ...data });
      return { key: task.id, ...encodeStructured(event) };
    };
    await kafka.produce(Topics.fieldWork, [progress('psa.visit.started.v1', { startedAt: '2026-11-28T04:00:00Z' })]);
    await project('SO-FIELD-1', (x) => ofKind(x, 'installation')[0].status === 'in_progress');

    await kafka.produce(Topics.fieldWork, [
      progress('psa.visit.completed.v1', { completedAt: '2026-11-28T12:00:00Z', outcome: 'incomplete', signOff: null, followUpReason: 'Hydraulic hose missing' }),
    ]);
    const halfway = await project('SO-FIELD-1', (x) => ofKind(x, 'installation')[0].tasks.length === 2);
    const [first, followUp] = ofKind(halfway, 'installation')[0].tasks;
    expect(first.status).toBe('done');
    expect(followUp).toMatchObject({ status: 'ready', earliestStart: '2026-11-28', dueDate: '2026-12-01' });
    expect(followUp.name).toMatch(/^Follow-up: .*Hydraulic hose missing/);
    expect(ofKind(halfway, 'installation')[0].status).toBe('in_progress');
    expect(ofKind(halfway, 'training')[0].status).toBe('promised');

    const finish = exampleEvent<Record<string, unknown>>('psa.visit.completed.v1');
    Object.assign(finish.data, { taskId: followUp.id, projectId: p.id, customerId: 'C-1007', completedAt: '2026-11-30T10:00:00Z', outcome: 'completed', followUpReason: null });
    await kafka.produce(Topics.fieldWork, [{ key: followUp.id, ...encodeStructured(finish) }]);
    const done = await project('SO-FIELD-1', (x) => ofKind(x, 'installation')[0].status === 'done');
    expect(ofKind(done, 'training')[0].status).toBe('ready');
    expect((await http.get('/equipment/INJ250-0401').expect(200)).body.installedOn).toBe('2026-11-30');
  });

  it('never shows a customer another customer’s project or machine', async () => {
    const p = await project('SO-LIFE-1');
    const own = apiAs(service.app, ['customer'], { customerId: 'C-1007' });
    const other = apiAs(service.app, ['customer'], { customerId: 'C-2002' });
    expect((await own.get(`/projects/${p.id}`).expect(200)).body.customer.id).toBe('C-1007');
    await other.get(`/projects/${p.id}`).expect(404);
    expect((await other.get('/projects').expect(200)).body).toEqual({ items: [], total: 0 });
    await other.get('/projects').query({ customerId: 'C-1007' }).expect(403);
    await other.get('/equipment/INJ250-0009').expect(404);
    await apiAs(service.app, ['customer'], { customerId: 'C-2002' }).get('/review-items').expect(403);
  });

  it('expects each machine of a dispatch without a delivery date after its own installation lead time', async () => {
    const install = (await http.get('/catalogue/templates/SVC-INSTALL').expect(200)).body;
    const { sku: _sku, version: _version, ...input } = install;
    await http.put('/catalogue/templates/SVC-INSTALL-XL').send({ ...input, name: 'Installation of a large press', leadTimeDays: 10 }).expect(200);
    const order = orderEvent('SO-LEAD-1');
    order.data.lines = [
      order.data.lines[0],
      order.data.lines[1],
      { lineId: '70', sku: 'INJ-650T', description: 'Injection moulding machine 650T', quantity: 1, unitPrice: '9800000.00', warrantyMonths: 12 },
      { lineId: '80', sku: 'SVC-INSTALL-XL', description: 'Installation of the 650T', quantity: 1, unitPrice: '90000.00', forLineId: '70' },
    ];
    await kafka.produce(Topics.salesOrders, [structuredRecord(order)]);
    const created = await project('SO-LEAD-1');
    const lines = [
      { lineId: '10', sku: 'INJ-250T', quantity: 1, serialNumbers: ['INJ250-LEAD-1'] },
      { lineId: '70', sku: 'INJ-650T', quantity: 1, serialNumbers: ['INJ650-LEAD-1'] },
    ];
    const dispatch = dispatchEvent('SO-LEAD-1', { dispatchId: 'DN-LEAD-1', lines, dispatchedAt: '2026-11-24T06:30:00Z' });
    delete (dispatch.data as { expectedDeliveryDate?: string }).expectedDeliveryDate;
    await kafka.produce(Topics.dispatches, [structuredRecord(dispatch)]);
    const p = await project('SO-LEAD-1', (x) => ofKind(x, 'installation').every((c) => c.status === 'ready'));

    // The 250T's installation (3 days' lead) and the 650T's (10 days'), not both after the first line's.
    const byLine = new Map(ofKind(p, 'installation').map((c) => [c.orderLineId, c.tasks[0]]));
    expect(byLine.get('20')).toMatchObject({ earliestStart: '2026-11-27' });
    expect(byLine.get('80')).toMatchObject({ earliestStart: '2026-12-04' });
    const machines = (await http.get('/equipment').query({ projectId: created.id }).expect(200)).body;
    const items = (Array.isArray(machines) ? machines : machines.items) as { serialNumber: string; expectedDeliveryDate: string }[];
    expect(Object.fromEntries(items.map((m) => [m.serialNumber, m.expectedDeliveryDate]))).toEqual({ 'INJ250-LEAD-1': '2026-11-27', 'INJ650-LEAD-1': '2026-12-04' });
  });
});
