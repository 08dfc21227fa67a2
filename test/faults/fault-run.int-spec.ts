/**
 * The fault run: a seeded stream of ERP orders and dispatches, visits, approvals,
 * invoice requests and the ERP's answers flows through service-commitments,
 * scheduling (which books the engineers), field-execution and billing (two instances in one group, its database behind a
 * proxy) while a seeded schedule SIGKILLs and restarts services, stops one billing
 * instance for good, cuts and restores billing's PostgreSQL, restarts the Kafka
 * broker (where the run owns it), and garbage, schema-invalid, duplicated and
 * out-of-order events are injected. Then: nothing lost, nothing applied twice, no
 * line on two live invoice requests, no engineer booked twice at once, every bad
 * event dead-lettered with its reason,
 * every consumer caught up.
 *
 * FAULT_SEED (default 20261125) and FAULT_ORDERS (default 100: about 5 minutes on 2 cores of the slower machines this runs on; 180 took 10 minutes there) make a longer run:
 * FAULT_ORDERS=400 FAULT_SEED=7 with the command in the README.
 */
import { encodeStructured, exampleEvent, exampleMachineDispatched, exampleSalesOrderCreated, Topics, type CloudEvent, type InvoiceRequestedV1 } from '#contracts';
import { restartTestKafka, TcpProxy, TestKafka, uniqueSuffix } from '#testing';
import { BILLING_DEFAULTS } from '../../apps/billing/src/billing.module.js';
import { FIELD_EXECUTION_DEFAULTS } from '../../apps/field-execution/src/field-execution.module.js';
import { visitIdFor } from '../../apps/field-execution/src/visits/domain/visit-identity.js';
import { SERVICE_COMMITMENTS_DEFAULTS } from '../../apps/service-commitments/src/service-commitments.module.js';
import { SCHEDULING_DEFAULTS } from '../../apps/scheduling/src/scheduling.module.js';
import {
  call,
  countRows,
  dropServiceDatabases,
  randomUUID,
  seededRandom,
  serviceInstance,
  sleep,
  throughProxy,
  until,
  type RunningService,
} from './fault-world.js';

const SEED = Number(process.env.FAULT_SEED ?? 20261125);
const ORDERS = Number(process.env.FAULT_ORDERS ?? 100);
/**
 * Generous: each fault costs seconds of recovery, and a run's faults grow with its orders
 * (400 orders, 131 faults: 19.5 minutes on a slow stretch of a 2-core machine). 6 s per order, at least 20 minutes.
 */
const RUN_TIMEOUT_MS = Number(process.env.FAULT_TIMEOUT_MS ?? Math.max(20 * 60_000, ORDERS * 6_000));
const CONCURRENCY = 4;

type Fault = { kind: 'kill' | 'toggle' | 'cut-postgres' | 'restart-kafka'; target?: RunningService };

describe(`fault run (seed ${SEED}, ${ORDERS} orders)`, () => {
  const random = seededRandom(SEED);
  const suffix = uniqueSuffix();
  const proxy = new TcpProxy('127.0.0.1', 5432);
  let commitments: RunningService;
  let scheduling: RunningService;
  let field: RunningService;
  let billing1: RunningService;
  let billing2: RunningService;
  let kafka: TestKafka;
  const log: string[] = [];
  let finished = false;
  const note = (line: string) => {
    log.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
  };

  beforeAll(async () => {
    await proxy.start();
    const prefix = `${suffix}.`;
    kafka = new TestKafka(prefix);
    commitments = await serviceInstance(SERVICE_COMMITMENTS_DEFAULTS, prefix, suffix, 'service-commitments');
    scheduling = await serviceInstance(SCHEDULING_DEFAULTS, prefix, suffix, 'scheduling');
    field = await serviceInstance(FIELD_EXECUTION_DEFAULTS, prefix, suffix, 'field-execution');
    billing1 = await serviceInstance(BILLING_DEFAULTS, prefix, suffix, 'billing-1', (url) => throughProxy(url, proxy));
    billing2 = await serviceInstance(BILLING_DEFAULTS, prefix, suffix, 'billing-2', (url) => throughProxy(url, proxy));
    for (const service of [commitments, scheduling, field, billing1, billing2]) {
      service.process.start();
      await service.process.waitForHealth(service.port, 90_000);
    }
  });

  afterAll(async () => {
    finished = true;
    process.stdout.write(`\n[fault run] seed ${SEED}, ${ORDERS} orders\n${log.join('\n')}\n`);
    for (const service of [commitments, scheduling, field, billing1, billing2]) await service?.process.stop().catch(() => undefined);
    await kafka?.close();
    await proxy.stop();
    await dropServiceDatabases([commitments, scheduling, field, billing1].filter(Boolean));
  });

  /** The ERP's and scheduling's producer rides out broker restarts too: it retries with a fresh client. */
  async function produce(topic: string, messages: { key: string | null; value: Buffer | string; headers?: Record<string, string> }[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await kafka.produce(topic, messages);
        return;
      } catch (error) {
        if (attempt >= 60) throw error;
        await kafka.close().catch(() => undefined);
        kafka = new TestKafka(kafka.topicPrefix);
        await sleep(1000);
      }
    }
  }

  /** The billing instance that answers now. */
  const billingPort = () => (billing1.process.isRunning ? billing1.port : billing2.process.isRunning ? billing2.port : billing1.port);

  /** Applies the seeded schedule over and over until the stream is through; returns how many faults it applied. */
  async function runFaults(schedule: Fault[], done: () => boolean): Promise<Record<string, number>> {
    const applied: Record<string, number> = {};
    for (let cycle = 0; !done(); cycle++) {
      const faults = schedule.map((fault) => ({ fault, order: random() })).sort((a, b) => a.order - b.order).map((f) => f.fault);
      for (const fault of faults) {
        if (done()) break;
        await sleep(1000 + random() * 2000);
        const name = `${fault.kind}${fault.target ? ` ${fault.target.instance}` : ''}`;
        applied[name] = (applied[name] ?? 0) + 1;
        switch (fault.kind) {
          case 'kill': {
            note(`SIGKILL ${fault.target!.instance}`);
            await fault.target!.process.kill();
            await sleep(300 + random() * 1500);
            fault.target!.process.start();
            await fault.target!.process.waitForHealth(fault.target!.port, 90_000);
            note(`restarted ${fault.target!.instance}`);
            break;
          }
          case 'toggle':
            if (fault.target!.process.isRunning) {
              note(`stop ${fault.target!.instance} (its partitions move to the other instance)`);
              await fault.target!.process.stop();
            } else {
              note(`start ${fault.target!.instance} again (the group rebalances)`);
              fault.target!.process.start();
              await fault.target!.process.waitForHealth(fault.target!.port, 90_000);
            }
            break;
          case 'cut-postgres':
            note("cut billing's PostgreSQL connections");
            proxy.cutConnections();
            await sleep(1500 + random() * 2500);
            proxy.restore();
            note("restored billing's PostgreSQL");
            break;
          case 'restart-kafka':
            note('restart the Kafka broker');
            await restartTestKafka();
            note('Kafka broker back');
            break;
        }
      }
    }
    return applied;
  }

  const slots = new Map<string, number>();
  const nextSlot = (engineerId: string) => {
    const slot = slots.get(engineerId) ?? 0;
    slots.set(engineerId, slot + 1);
    return slot;
  };

  /** One order's way from the ERP to a posted invoice, through whatever the faults do meanwhile. */
  async function serviceOrder(orderId: string, customerId: string, index: number, rejectFirst: boolean): Promise<{ requests: string[] }> {
    const project = await until(`project of ${orderId}`, async () => {
      const list = await call(commitments.port, 'GET', `/projects?orderId=${orderId}`, ['service_manager']);
      if (list.status !== 200 || list.body.items.length !== 1) return { status: 0, body: list.body };
      return call(commitments.port, 'GET', `/projects/${list.body.items[0].id}`, ['service_manager']);
    }, [200]);
    const task = await until(`installation task of ${orderId}`, async () => {
      const res = await call(commitments.port, 'GET', `/projects/${project.body.id}`, ['service_manager']);
      const commitment = res.body?.commitments?.find((c: { kind: string }) => c.kind === 'installation');
      const found = commitment?.tasks?.[0];
      return ['ready', 'scheduled'].includes(found?.status) ? { status: 200, body: found } : { status: 0, body: commitment ?? res.body };
    }, [200]);

    // Scheduling books the engineers; the lead engineer does the visit.
    // Until then, a timeout says why: the task's status at scheduling, why it waits unassigned (reason codes), ended bookings.
    const booked = await until(`booking of ${orderId} by scheduling`, async () => {
      const res = await call(scheduling.port, 'GET', `/tasks/${task.body.id}`, ['dispatcher']);
      if (res.body?.booking?.id) return res;
      const b = res.body;
      if (!b?.taskId) return { status: 0, body: b };
      const unassigned = b.queue && { reasons: b.queue.reasons, autoRetry: b.queue.autoRetry, attempts: b.queue.attempts, lastAttemptAt: b.queue.lastAttemptAt, lastDecisionId: b.queue.lastDecisionId };
      return { status: 0, body: { status: b.status, unassigned, ended: b.bookings?.map((x: { status: string; endReason: string | null }) => `${x.status}: ${x.endReason}`) } };
    }, [200], 180_000);
    const bookingId: string = booked.body.booking.id;
    const engineerId: string = booked.body.booking.engineerIds[0];
    const now = Date.now();
    const slot = nextSlot(engineerId);
    const visitId = visitIdFor(bookingId, engineerId);
    const asEngineer = { subject: `engineer-${index}`, engineerId };
    const visit = await until(`visit of ${orderId} with its checklist`, async () => {
      const res = await call(field.port, 'GET', `/visits/${visitId}`, ['engineer'], undefined, asEngineer);
      return Array.isArray(res.body?.checklist) ? res : { status: 0, body: res.body };
    }, [200]);
    await until(`check-in on ${orderId}`, () => call(field.port, 'POST', `/visits/${visitId}/check-in`, ['engineer'], { at: new Date(now - 8 * 3600_000).toISOString() }, asEngineer), [201, 409]);
    for (const { item } of visit.body.checklist) {
      await until(`tick on ${orderId}`, () => call(field.port, 'POST', `/visits/${visitId}/checklist`, ['engineer'], { item, ticked: true }, asEngineer), [201]);
    }
    // Each engineer's entries in their own minutes: an engineer cannot be in two places either.
    const start = new Date(now - 7 * 3600_000 + slot * 7 * 60_000).toISOString();
    const end = new Date(now - 7 * 3600_000 + slot * 7 * 60_000 + 6 * 60_000).toISOString();
    await until(`time on ${orderId}`, () => call(field.port, 'POST', `/visits/${visitId}/time-entries`, ['engineer'], { start, end, activity: 'work', billable: true }, asEngineer), [201, 409]);
    const entries = await until(`time entries of ${orderId}`, () => call(field.port, 'GET', `/visits/${visitId}/time-entries`, ['service_manager']), [200]);
    const entry = (Array.isArray(entries.body) ? entries.body : entries.body.items)[0];
    await until(`approval on ${orderId}`, () => call(field.port, 'POST', `/time-entries/${entry.id}/approve`, ['service_manager']), [201, 409]);
    await until(`completion of ${orderId}`, () => call(field.port, 'POST', `/visits/${visitId}/complete`, ['engineer'], { outcome: 'completed', signOff: { name: 'Plant head' } }, asEngineer), [201, 409]);

    const fee = await until(`fee of ${orderId} ready`, async () => {
      const res = await call(billingPort(), 'GET', `/ledger?orderId=${orderId}`, ['finance']);
      const line = res.body?.lines?.find((l: { source: { kind: string }; state: string }) => l.source.kind === 'milestone' && l.state === 'ready');
      return line ? { status: 200, body: line } : { status: 0, body: res.body?.lines ?? res.body };
    }, [200], 180_000);

    const requests: string[] = [];
    const request = async (): Promise<string> => {
      const res = await until(`invoice request for ${orderId}`, async () => {
        const made = await call(billingPort(), 'POST', '/invoice-requests', ['finance'], { customerId, orderId });
        if (made.status === 201) return made;
        // A request whose answer was lost to a kill: find it instead of making another.
        const line = await call(billingPort(), 'GET', `/ledger/${fee.body.id}`, ['finance']);
        return line.body?.state === 'requested' ? { status: 201, body: [{ id: line.body.invoiceRequestId }] } : made;
      }, [201]);
      requests.push(res.body[0].id);
      return res.body[0].id;
    };
    const answer = (type: string, data: Record<string, unknown>) =>
      produce(Topics.accounting, [{ key: data.invoiceRequestId as string, ...encodeStructured(exampleEvent(type, data, { subject: data.invoiceRequestId as string })) }]);
    const lineIn = (state: string) =>
      until(`fee of ${orderId} ${state}`, async () => {
        const res = await call(billingPort(), 'GET', `/ledger/${fee.body.id}`, ['finance']);
        return res.body?.state === state ? res : { status: 0, body: res.body?.state ?? res.body };
      }, [200], 180_000);

    let id = await request();
    if (rejectFirst) {
      await answer('erp.invoice.rejected.v1', { invoiceRequestId: id, rejectedAt: new Date().toISOString(), reason: 'Customer PO missing' });
      await lineIn('review');
      await until(`re-bill ${orderId}`, () => call(billingPort(), 'POST', `/ledger/${fee.body.id}/rebill`, ['finance'], { reason: 'PO confirmed' }), [201, 409]);
      id = await request();
    }
    await answer('erp.invoice.posted.v1', { invoiceRequestId: id, invoiceNumber: `INV-${orderId}`, postedAt: new Date().toISOString(), total: '60000.00' });
    await lineIn('invoiced');
    return { requests };
  }

  it('loses nothing, applies nothing twice, never bills a line twice, dead-letters bad input with reasons, and catches up', async () => {
    const orders = Array.from({ length: ORDERS }, (_, i) => ({ orderId: `SO-F${SEED % 10000}-${suffix.slice(-5)}-${i}`, customerId: `C-F${i % 3}`, rejectFirst: i % 4 === 1, dispatchFirst: random() < 0.33 }));

    // Installation engineers in the example site's region: two per installation, days ahead.
    for (let i = 0; i < Math.max(8, Math.ceil((ORDERS * 2) / 3)); i++) {
      await until(`engineer ${i}`, () => call(scheduling.port, 'POST', '/engineers', ['dispatcher'], {
        name: `Fault Engineer ${i}`,
        email: `fault.engineer.${i}.${suffix}@walk.test`,
        homeRegion: 'MH',
        timezone: 'Asia/Kolkata',
        skills: ['installation', 'hydraulics'].map((skill) => ({ skill, certifiedUntil: '2035-12-31' })),
      }), [201]);
    }

    // ERP input: dispatches sometimes before their order (held, then applied), duplicates, and garbage.
    const records: { topic: string; key: string | null; value: Buffer | string; headers?: Record<string, string> }[] = [];
    for (const o of orders) {
      const order = exampleEvent('erp.sales-order.created.v1', { ...structuredClone(exampleSalesOrderCreated), orderId: o.orderId, customer: { ...exampleSalesOrderCreated.customer, id: o.customerId }, lines: exampleSalesOrderCreated.lines.filter((l) => l.lineId === '10' || l.lineId === '20') });
      const dispatch = exampleEvent('erp.machine.dispatched.v1', { ...structuredClone(exampleMachineDispatched), dispatchId: `DN-${o.orderId}`, orderId: o.orderId, lines: [{ lineId: '10', sku: 'INJ-250T', quantity: 1, serialNumbers: [`SN-${o.orderId}`] }] });
      const orderRecord = { topic: Topics.salesOrders, key: o.orderId, ...encodeStructured(order) };
      const dispatchRecord = { topic: Topics.dispatches, key: o.orderId, ...encodeStructured(dispatch) };
      if (o.dispatchFirst) records.push(dispatchRecord, orderRecord);
      else records.push(orderRecord, dispatchRecord);
      if (random() < 0.3) records.push(orderRecord); // the same event again
      if (random() < 0.2) records.push({ topic: Topics.salesOrders, key: o.orderId, ...encodeStructured({ ...order, id: randomUUID() }) }); // same order, new event id
    }
    const bad = [
      { topic: Topics.salesOrders, key: 'garbage', value: '{ not json' },
      { topic: Topics.salesOrders, key: 'SO-INVALID', ...encodeStructured(exampleEvent('erp.sales-order.created.v1', { ...structuredClone(exampleSalesOrderCreated), orderId: 'SO-INVALID', currency: 'rupees' })) },
      { topic: Topics.salesOrders, key: 'SO-FUTURE', ...encodeStructured(exampleEvent('erp.sales-order.created.v9', { orderId: 'SO-FUTURE' })) },
    ];
    records.splice(Math.floor(random() * records.length), 0, ...bad);
    for (const r of records) await produce(r.topic, [{ key: r.key, value: r.value, headers: r.headers }]);
    note(`produced ${records.length} ERP records (${bad.length} bad)`);

    // The faults, in a seeded order, again and again while the orders go through.
    const schedule: Fault[] = [
      { kind: 'kill', target: commitments },
      { kind: 'kill', target: scheduling },
      { kind: 'kill', target: field },
      { kind: 'kill', target: billing1 },
      { kind: 'toggle', target: billing2 },
      { kind: 'cut-postgres' },
      ...(process.env.SERVICELOOP_TEST_STARTED_KAFKA === '1' ? [{ kind: 'restart-kafka' } as Fault] : []),
    ];
    const faulting = runFaults(schedule, () => finished);

    const results: { requests: string[] }[] = [];
    for (let i = 0; i < orders.length; i += CONCURRENCY) {
      const batch = orders.slice(i, i + CONCURRENCY);
      results.push(...(await Promise.all(batch.map((o, j) => serviceOrder(o.orderId, o.customerId, i + j, o.rejectFirst)))));
      note(`orders ${i + 1}..${i + batch.length} invoiced`);
    }
    finished = true;
    const applied = await faulting;
    note(`faults applied: ${JSON.stringify(applied)}`);
    // Every kind of fault happened at least once during the stream.
    expect(Object.keys(applied).sort()).toEqual(schedule.map((f) => `${f.kind}${f.target ? ` ${f.target.instance}` : ''}`).sort());

    // Every consumer caught up.
    const groups: [RunningService, string[]][] = [
      [commitments, [Topics.salesOrders, Topics.dispatches, Topics.schedules, Topics.fieldWork]],
      [scheduling, [Topics.serviceProjects]],
      [field, [Topics.schedules, Topics.serviceProjects]],
      [billing1, [Topics.serviceProjects, Topics.fieldWork, Topics.accounting]],
    ];
    for (const [service, topics] of groups) {
      for (const topic of topics) {
        await until(`${service.instance} caught up on ${topic}`, async () => ({ status: (await kafka.lag(service.consumerGroup, topic)) === 0 ? 200 : 0, body: null }), [200], 120_000);
      }
    }

    // Every service's outbox published (a relay may still be in its backoff after the last database cut).
    for (const service of [commitments, scheduling, field, billing1]) {
      await until(
        `${service.instance}'s outbox published`,
        async () => ({ status: (await countRows(service.databaseUrl, 'SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL'))[0].n === 0 ? 200 : 0, body: null }),
        [200],
        120_000,
      );
    }

    // Nothing lost, nothing applied twice.
    const orderIds = orders.map((o) => o.orderId).sort();
    const projects = await countRows(commitments.databaseUrl, `SELECT order_id, count(*)::int AS n FROM service_project WHERE order_id = ANY($1) GROUP BY order_id ORDER BY order_id`, [orderIds]);
    expect(projects).toEqual(orderIds.map((order_id) => ({ order_id, n: 1 })));
    const created = await countRows(commitments.databaseUrl, `SELECT count(*)::int AS n FROM outbox_event WHERE event->>'type' = 'psa.service-project.created.v1'`);
    expect(created[0].n).toBe(ORDERS);
    const machines = await countRows(commitments.databaseUrl, `SELECT count(*)::int AS n FROM installed_equipment`);
    expect(machines[0].n).toBe(ORDERS);
    const visits = await countRows(field.databaseUrl, `SELECT count(DISTINCT task_id)::int AS tasks, count(*) FILTER (WHERE status = 'completed')::int AS completed FROM visit`);
    expect(visits[0]).toEqual({ tasks: ORDERS, completed: ORDERS });
    const approved = await countRows(field.databaseUrl, `SELECT count(*)::int AS n FROM time_entry WHERE status = 'approved'`);
    expect(approved[0].n).toBe(ORDERS);
    const fees = await countRows(billing1.databaseUrl, `SELECT state, count(*)::int AS n, sum(amount)::text AS amount FROM ledger_line WHERE source_kind = 'milestone' GROUP BY state`);
    expect(fees).toEqual([{ state: 'invoiced', n: ORDERS, amount: (60000 * ORDERS).toFixed(3) }]);
    const labour = await countRows(billing1.databaseUrl, `SELECT state, count(*)::int AS n FROM ledger_line WHERE source_kind = 'time' GROUP BY state`);
    expect(labour).toEqual([{ state: 'non_billable', n: ORDERS }]);

    // No order line amount on two live invoice requests; every request went out, once per id.
    const twice = await countRows(billing1.databaseUrl, `SELECT line_id FROM invoice_request_line WHERE live GROUP BY line_id HAVING count(*) > 1`);
    expect(twice).toEqual([]);
    const rejections = orders.filter((o) => o.rejectFirst).length;
    const statuses = await countRows(billing1.databaseUrl, `SELECT status, count(*)::int AS n FROM invoice_request GROUP BY status ORDER BY status`);
    expect(statuses).toEqual([{ status: 'posted', n: ORDERS }, ...(rejections ? [{ status: 'rejected', n: rejections }] : [])]);
    const published = (await kafka.readAll(Topics.invoices)).map((r) => JSON.parse(r.value!.toString()) as CloudEvent<InvoiceRequestedV1>);
    const requestIds = results.flatMap((r) => r.requests).sort();
    expect([...new Set(published.map((e) => e.data.invoiceRequestId))].sort()).toEqual(requestIds);
    expect(published.every((e) => e.id === e.data.invoiceRequestId)).toBe(true);
    const superseding = published.filter((e) => e.data.supersedes);
    expect(new Set(superseding.map((e) => e.data.invoiceRequestId)).size).toBe(rejections);

    // No engineer booked twice at once; one live booking per installation.
    const overlaps = await countRows(scheduling.databaseUrl, `SELECT count(*)::int AS n FROM engineer_time a JOIN engineer_time b
      ON a.engineer_id = b.engineer_id AND a.id < b.id AND a.period && b.period WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'`);
    expect(overlaps[0].n).toBe(0);
    const bookings = await countRows(scheduling.databaseUrl, `SELECT task_id, count(*)::int AS n FROM booking WHERE status <> 'cancelled' GROUP BY task_id HAVING count(*) <> 1`);
    expect(bookings).toEqual([]);

    // Every bad event dead-lettered with its reason, and only those.
    const dead = await countRows(commitments.databaseUrl, `SELECT reason_code FROM dead_letter ORDER BY reason_code`);
    expect(dead.map((d) => d.reason_code)).toEqual(['INVALID_JSON', 'SCHEMA_VIOLATION', 'UNKNOWN_TYPE']);
    const dlq = await kafka.readAll(`${Topics.salesOrders}.dlq`);
    expect(dlq.map((r) => r.headers['dlq-reason-code']).sort()).toEqual(['INVALID_JSON', 'SCHEMA_VIOLATION', 'UNKNOWN_TYPE']);
    expect(dlq.every((r) => (r.headers['dlq-reason'] ?? '').length > 0)).toBe(true);
    note(`checked: ${ORDERS} projects, ${ORDERS} bookings without overlaps, ${ORDERS} visits, ${ORDERS} fees invoiced, ${requestIds.length} invoice requests (${rejections} rejected and re-submitted), 0 lines on two live requests, 3 dead letters, lag 0`);
  }, RUN_TIMEOUT_MS);
});
