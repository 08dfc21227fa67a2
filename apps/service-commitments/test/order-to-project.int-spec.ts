/**
 * The first flow on a real broker and database: ERP sales orders become
 * service projects, exactly once, and bad records go to the dead-letter topic
 * with the contract's headers while the partition moves on.
 */
import { CompressionTypes } from 'kafkajs';
import { encodeStructured, exampleEvent, Topics } from '#contracts';
import { devAuthConfig } from '#auth';
import { KafkaEventTransport } from '#messaging';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { SERVICE_COMMITMENTS_DEFAULTS, ServiceCommitmentsModule } from '../src/service-commitments.module.js';
import { binaryRecord, cancellationEvent, orderEvent, structuredRecord } from './factories.js';

describe('service-commitments: sales orders become service projects', () => {
  let service: TestApp;
  let kafka: TestKafka;
  let http: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    const config = testServiceConfig(SERVICE_COMMITMENTS_DEFAULTS);
    service = await startTestApp(ServiceCommitmentsModule.forRoot(config, devAuthConfig()), config, {
      transport: (app) => app.get(KafkaEventTransport),
    });
    kafka = new TestKafka(config.topicPrefix);
    http = apiAs(service.app);
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
  });

  async function projectFor(orderId: string) {
    return eventually(
      async () => {
        const res = await http.get('/projects').query({ orderId }).expect(200);
        if (res.body.items.length !== 1) throw new Error(`${res.body.items.length} projects for ${orderId}`);
        return (await http.get(`/projects/${res.body.items[0].id}`).expect(200)).body;
      },
      { what: `the project of ${orderId}` },
    );
  }

  async function consumedEverything() {
    await eventually(async () => (await kafka.lag(service.config.consumerGroup, Topics.salesOrders)) === 0, {
      what: 'consumer lag back to zero',
    });
  }

  it("turns the contract's example order into one project with a commitment per service unit", async () => {
    const event = orderEvent('SO-EX-1');
    await kafka.produce(Topics.salesOrders, [structuredRecord(event)]);
    const project = await projectFor('SO-EX-1');

    expect(project).toMatchObject({
      orderId: 'SO-EX-1',
      currency: 'INR',
      customerPoNumber: 'PO-88121',
      customer: { id: 'C-1007', name: 'Shakti Polymers Pvt Ltd' },
      site: { id: 'C-1007-PUNE', region: 'MH', timezone: 'Asia/Kolkata' },
      status: 'active',
    });
    const commitments = project.commitments.map((c: { orderLineId: string; sku: string; unitIndex: number; status: string }) =>
      [c.orderLineId, c.sku, c.unitIndex, c.status].join(' '));
    expect(commitments).toEqual([
      '20 SVC-INSTALL 1 promised',
      '30 SVC-TRAINING 1 promised',
      '40 SVC-CALIBRATION 1 promised',
      '50 SVC-SUPPORT-VISIT 1 promised',
      '50 SVC-SUPPORT-VISIT 2 promised',
      '60 AMC-STD-12M 1 promised',
    ]);
    const machine = project.lines.find((l: { lineId: string }) => l.lineId === '10');
    expect(machine).toMatchObject({ sku: 'INJ-250T', kind: 'machine', warrantyMonths: 12, unitPrice: '4500000.00' });
    const install = project.commitments[0];
    expect(install.tasks[0]).toMatchObject({ name: 'Install and commission machine', requiredSkills: ['installation', 'hydraulics'] });
    expect(install.tasks[0].checklist.length).toBeGreaterThan(0);

    const emitted = await eventually(async () => {
      const records = await kafka.readAll(Topics.serviceProjects);
      const created = records.map((r) => JSON.parse(r.value!.toString())).filter((e) => e.type === 'psa.service-project.created.v1' && e.data.orderId === 'SO-EX-1');
      return created.length === 1 ? created[0] : undefined;
    }, { what: 'the project-created event' });
    expect(emitted.data.projectId).toBe(project.id);
    expect(emitted.data.commitments).toHaveLength(6);
    // Each unit's tasks by id beside their keys, though none is ready: the ERP may issue parts against them.
    type Announced = { commitmentId: string; taskKeys: string[]; taskIds: string[] };
    expect(emitted.data.commitments.map((c: Announced) => [c.commitmentId, c.taskKeys, c.taskIds])).toEqual(
      project.commitments.map((c: { id: string; tasks: { id: string }[] }, i: number) => [
        c.id,
        [['install'], ['train'], ['calibrate'], ['visit'], ['visit'], ['preventive']][i],
        c.tasks.map((t) => t.id),
      ]),
    );
    expect(new Set(emitted.data.commitments.flatMap((c: Announced) => c.taskIds)).size).toBe(6);
  });

  it('reads binary-mode events too', async () => {
    await kafka.produce(Topics.salesOrders, [binaryRecord(orderEvent('SO-BIN-1'))]);
    const project = await projectFor('SO-BIN-1');
    expect(project.commitments).toHaveLength(6);
  });

  it.each([
    ['snappy', CompressionTypes.Snappy],
    ['lz4', CompressionTypes.LZ4],
    ['zstd', CompressionTypes.ZSTD],
  ])('reads a %s-compressed batch', async (name, codec) => {
    const orderId = `SO-${name.toUpperCase()}-1`;
    await kafka.produce(Topics.salesOrders, [structuredRecord(orderEvent(orderId))], codec);
    const project = await projectFor(orderId);
    expect(project.commitments).toHaveLength(6);
  });

  it('applies the same event twice only once, and an identical re-send under a new id is a no-op', async () => {
    const event = orderEvent('SO-DUP-1');
    await kafka.produce(Topics.salesOrders, [structuredRecord(event), structuredRecord(event)]);
    await kafka.produce(Topics.salesOrders, [structuredRecord({ ...event, id: `${event.id}-again` })]);
    await consumedEverything();
    const res = await http.get('/projects').query({ orderId: 'SO-DUP-1' }).expect(200);
    expect(res.body.total).toBe(1);
    const dlq = await kafka.readAll(`${Topics.salesOrders}.dlq`);
    expect(dlq.filter((r) => r.key === 'SO-DUP-1')).toHaveLength(0);
  });

  it('dead-letters a different order under an existing order id as ORDER_EXISTS', async () => {
    const first = orderEvent('SO-EXISTS-1');
    await kafka.produce(Topics.salesOrders, [structuredRecord(first)]);
    await projectFor('SO-EXISTS-1');
    const changed = orderEvent('SO-EXISTS-1');
    (changed.data as { customerPoNumber: string }).customerPoNumber = 'PO-OTHER';
    await kafka.produce(Topics.salesOrders, [structuredRecord(changed)]);
    const letter = await eventually(async () => {
      const records = await kafka.readAll(`${Topics.salesOrders}.dlq`);
      return records.find((r) => r.key === 'SO-EXISTS-1');
    }, { what: 'the ORDER_EXISTS dead letter' });
    expect(letter.headers['dlq-reason-code']).toBe('ORDER_EXISTS');
    const project = await projectFor('SO-EXISTS-1');
    expect(project.customerPoNumber).toBe('PO-88121');
  });

  it('dead-letters a known ERP type sent to the wrong ERP topic (no one would read it there), naming where it belongs', async () => {
    const posted = exampleEvent('erp.invoice.posted.v1', undefined, { subject: 'SO-WRONG-TOPIC' });
    await kafka.produce(Topics.dispatches, [{ key: 'SO-WRONG-TOPIC', ...encodeStructured(posted) }]);
    const letter = await eventually(async () => (await kafka.readAll(`${Topics.dispatches}.dlq`)).find((r) => r.key === 'SO-WRONG-TOPIC'), { what: 'the wrong-topic dead letter' });
    expect(letter.headers['dlq-reason-code']).toBe('UNKNOWN_TYPE');
    expect(letter.headers['dlq-reason']).toBe(`Event type "erp.invoice.posted.v1" does not travel on ${Topics.dispatches}; the contract puts it on ${Topics.accounting}`);
    expect(letter.headers['dlq-original-topic']).toBe(Topics.dispatches);
  });

  it('dead-letters garbage, a schema violation and an unknown ERP type with the contract headers, and goes on', async () => {
    const bad = orderEvent('SO-BAD-SCHEMA');
    (bad.data as { lines: { unitPrice: unknown }[] }).lines[0].unitPrice = 4500000; // money as a number
    const unknown = { ...orderEvent('SO-BAD-TYPE'), type: 'erp.sales-order.teleported.v1' };
    await kafka.produce(Topics.salesOrders, [
      { key: 'SO-BAD-BYTES', value: Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x7b]), headers: { 'x-trace': 'garbage-1' } },
      structuredRecord(bad),
      structuredRecord(unknown),
      structuredRecord(orderEvent('SO-AFTER-BAD')),
    ]);
    await projectFor('SO-AFTER-BAD');

    const letters = await eventually(async () => {
      const records = (await kafka.readAll(`${Topics.salesOrders}.dlq`)).filter((r) => r.key?.startsWith('SO-BAD-'));
      return records.length === 3 ? records : undefined;
    }, { what: 'three dead letters' });
    const byKey = Object.fromEntries(letters.map((r) => [r.key, r]));
    expect(byKey['SO-BAD-BYTES'].headers['dlq-reason-code']).toBe('INVALID_JSON');
    expect(byKey['SO-BAD-BYTES'].value).toEqual(Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x7b]));
    expect(byKey['SO-BAD-BYTES'].headers['x-trace']).toBe('garbage-1');
    expect(byKey['SO-BAD-SCHEMA'].headers['dlq-reason-code']).toBe('SCHEMA_VIOLATION');
    expect(byKey['SO-BAD-SCHEMA'].headers['dlq-reason']).toMatch(/unitPrice/);
    expect(byKey['SO-BAD-TYPE'].headers['dlq-reason-code']).toBe('UNKNOWN_TYPE');
    for (const letter of letters) {
      expect(letter.headers['dlq-original-topic']).toBe(Topics.salesOrders);
      expect(letter.headers['dlq-original-partition']).toMatch(/^\d+$/);
      expect(letter.headers['dlq-original-offset']).toMatch(/^\d+$/);
      expect(Number.isNaN(Date.parse(letter.headers['dlq-failed-at']))).toBe(false);
      expect(letter.headers['dlq-reason'].length).toBeGreaterThan(5);
    }
    const listed = await http.get('/dead-letters').query({ topic: Topics.salesOrders }).expect(200);
    expect(listed.body.map((d: { key: string }) => d.key)).toEqual(expect.arrayContaining(['SO-BAD-BYTES', 'SO-BAD-SCHEMA', 'SO-BAD-TYPE']));
  });

  it('applies many orders sent together exactly as it would one by one, refusing only the bad ones', async () => {
    // A cancellation that arrives before its order waits for it.
    await kafka.produce(Topics.salesOrders, [structuredRecord(cancellationEvent('SO-MANY-7'))]);
    await consumedEverything();
    const orders = Array.from({ length: 40 }, (_, i) => orderEvent(`SO-MANY-${i}`));
    const conflicting = orderEvent('SO-MANY-3');
    (conflicting.data as { customerPoNumber: string }).customerPoNumber = 'PO-OTHER';
    const invalid = orderEvent('SO-MANY-BAD');
    (invalid.data as { lines: { unitPrice: unknown }[] }).lines[0].unitPrice = 1200; // money as a number
    const records = orders.map((o) => structuredRecord(o));
    records.splice(10, 0, structuredRecord(orders[2])); // the same event again
    records.splice(20, 0, structuredRecord(conflicting), structuredRecord(invalid));
    records.splice(30, 0, structuredRecord({ ...orders[5], id: `${orders[5].id}-resent` })); // identical re-send, new id
    await kafka.produce(Topics.salesOrders, records); // one send: one fetched batch per partition
    await consumedEverything();

    const projects = await Promise.all(orders.map((o) => projectFor(o.data.orderId)));
    expect(projects.every((p) => p.commitments.length === 6)).toBe(true);
    expect(projects[3].customerPoNumber).toBe('PO-88121');
    expect(projects[7].status).toBe('cancelled');
    expect(projects.filter((p) => p.status === 'active')).toHaveLength(39);

    const ids = new Set(projects.map((p) => p.id));
    const announced = (await kafka.readAll(Topics.serviceProjects))
      .map((r) => JSON.parse(r.value!.toString()) as { type: string; data: { projectId: string; status: string; commitments: { commitmentId: string; status: string }[] } })
      .filter((e) => e.type === 'psa.service-project.created.v1' && ids.has(e.data.projectId));
    expect(announced).toHaveLength(40);
    expect(new Set(announced.map((e) => e.data.projectId)).size).toBe(40);
    // Each announcement tells the project as it stands, the one born cancelled included, commitments in the project's order.
    for (const project of projects) {
      const { data } = announced.find((e) => e.data.projectId === project.id)!;
      expect({ status: data.status, commitments: data.commitments.map((c) => [c.commitmentId, c.status]) }).toEqual({
        status: project.status,
        commitments: project.commitments.map((c: { id: string; status: string }) => [c.id, c.status]),
      });
    }
    const letters = (await kafka.readAll(`${Topics.salesOrders}.dlq`)).filter((r) => r.key?.startsWith('SO-MANY-'));
    expect(letters.map((r) => [r.key, r.headers['dlq-reason-code']]).sort()).toEqual([
      ['SO-MANY-3', 'ORDER_EXISTS'],
      ['SO-MANY-BAD', 'SCHEMA_VIOLATION'],
    ]);
  });

  it('makes a project born cancelled when its cancellation arrived first', async () => {
    await kafka.produce(Topics.salesOrders, [structuredRecord(cancellationEvent('SO-CXL-FIRST'))]);
    await consumedEverything();
    expect((await http.get('/projects').query({ orderId: 'SO-CXL-FIRST' }).expect(200)).body.total).toBe(0);

    await kafka.produce(Topics.salesOrders, [structuredRecord(orderEvent('SO-CXL-FIRST'))]);
    const project = await projectFor('SO-CXL-FIRST');
    expect(project.status).toBe('cancelled');
    expect(project.cancellationReason).toBe('Customer withdrew');
    expect(project.commitments.every((c: { status: string }) => c.status === 'cancelled')).toBe(true);
  });

  it('cancels only the named lines', async () => {
    await kafka.produce(Topics.salesOrders, [
      structuredRecord(orderEvent('SO-CXL-LINE')),
      structuredRecord(cancellationEvent('SO-CXL-LINE', ['50'])),
    ]);
    const project = await eventually(async () => {
      const p = await projectFor('SO-CXL-LINE');
      return p.commitments.some((c: { status: string }) => c.status === 'cancelled') ? p : undefined;
    }, { what: 'line 50 cancelled' });
    expect(project.status).toBe('active');
    const statusOf = (line: string) => project.commitments.filter((c: { orderLineId: string }) => c.orderLineId === line).map((c: { status: string }) => c.status);
    expect(statusOf('50')).toEqual(['cancelled', 'cancelled']);
    expect(statusOf('20')).toEqual(['promised']);
  });

  it("lists a customer's projects newest first, a page at a time, each with its lines and commitments", async () => {
    const customerId = `C-PAGE-${Date.now()}`;
    const orderIds = ['SO-PAGE-1', 'SO-PAGE-2', 'SO-PAGE-3'];
    // One after the other, so each project is newer than the one before.
    for (const orderId of orderIds) {
      const event = orderEvent(orderId) as ReturnType<typeof orderEvent> & { data: { customer: { id: string } } };
      event.data.customer = { ...event.data.customer, id: customerId };
      await kafka.produce(Topics.salesOrders, [structuredRecord(event)]);
      await projectFor(orderId);
    }
    const page = async (offset: number) => (await http.get('/projects').query({ customerId, limit: 2, offset }).expect(200)).body;
    const first = await page(0);
    const second = await page(2);
    expect(first.total).toBe(3);
    expect(second.total).toBe(3);
    expect([...first.items, ...second.items].map((p: { orderId: string }) => p.orderId)).toEqual(['SO-PAGE-3', 'SO-PAGE-2', 'SO-PAGE-1']);
    const whole = await projectFor('SO-PAGE-2');
    const listed = first.items[1];
    expect(listed.lines).toEqual(whole.lines);
    expect(listed.commitments.map((c: { id: string; orderLineId: string; unitIndex: number }) => [c.id, c.orderLineId, c.unitIndex])).toEqual(
      whole.commitments.map((c: { id: string; orderLineId: string; unitIndex: number }) => [c.id, c.orderLineId, c.unitIndex]),
    );
    expect(listed.commitments.length).toBeGreaterThan(0);
  });

  it('answers bad REST input with 400 and reasons', async () => {
    const badId = await http.get('/projects/not-a-uuid').expect(400);
    expect(badId.body.reasons.join(' ')).toMatch(/id must be a project id/);
    const badFilter = await http.get('/projects').query({ status: 'sleeping', limit: 0 }).expect(400);
    expect(badFilter.body.reasons.length).toBe(2);
    await http.get('/projects/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('publishes the service SKUs and lets the catalogue be edited through the API', async () => {
    const skus = await http.get('/catalogue/service-skus').expect(200);
    expect(skus.body.map((s: { sku: string }) => s.sku)).toEqual(
      expect.arrayContaining(['SVC-INSTALL', 'SVC-TRAINING', 'SVC-CALIBRATION', 'SVC-SUPPORT-VISIT', 'AMC-STD-12M']),
    );
    const install = (await http.get('/catalogue/templates/SVC-INSTALL').expect(200)).body;
    const { sku: _sku, version: _version, ...input } = install;
    const updated = await http.put('/catalogue/templates/SVC-INSTALL').send({ ...input, dueWithinDays: 10 }).expect(200);
    expect(updated.body).toMatchObject({ sku: 'SVC-INSTALL', dueWithinDays: 10, version: install.version + 1 });

    const invalid = await http
      .put('/catalogue/templates/SVC-NEW')
      .send({ ...input, kind: 'teleport', billing: { kind: 'fixed_fee', milestones: [{ taskKey: 'install', percent: '60' }] } })
      .expect(400);
    expect(invalid.body.reasons.join('\n')).toMatch(/kind must be one of/);
    expect(invalid.body.reasons.join('\n')).toMatch(/add up to 100/);
  });
});
