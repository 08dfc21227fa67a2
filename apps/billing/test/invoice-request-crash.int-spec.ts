/**
 * Billing killed with SIGKILL after an invoice request was written (request,
 * ledger change and outbox row in one transaction) but before it was published:
 * after a restart the request goes out once, with the id it was written with,
 * and nothing else is sent.
 */
import pg from 'pg';
import { devToken } from '#auth';
import { Topics, exampleEvent, exampleServiceProjectCreated, exampleTaskDone, type CloudEvent, type InvoiceRequestedV1, type ServiceProjectCreatedV1, type TaskDoneV1 } from '#contracts';
import { dropDatabase, ensureDatabase } from '#persistence';
import { eventually, freePort, ServiceProcess, serviceProcessEnv, testServiceConfig, TestKafka } from '#testing';
import { randomUUID } from 'node:crypto';
import { BILLING_DEFAULTS } from '../src/billing.module.js';
import { record } from '../../field-execution/test/factories.js';

describe('billing killed between writing an invoice request and publishing it', () => {
  const config = testServiceConfig(BILLING_DEFAULTS);
  const kafka = new TestKafka(config.topicPrefix);
  const db = new pg.Client({ connectionString: config.databaseUrl });
  let port: number;
  let service: ServiceProcess;
  const token = devToken({ subject: 'meera.finance', roles: ['finance'] });

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${port}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });

  beforeAll(async () => {
    port = await freePort();
    await ensureDatabase(config.databaseUrl);
    service = new ServiceProcess('billing', serviceProcessEnv(config, port, { KAFKA_TOPIC_PARTITIONS: '1' }));
    await db.connect();
  });

  afterAll(async () => {
    await service?.stop();
    await db.end();
    await kafka.close();
    await dropDatabase(config.databaseUrl);
  });

  it('re-emits the same request id after the restart, and nothing else', async () => {
    // The relay is off: the request is written but never published before the kill.
    service.start({ SERVICELOOP_OUTBOX_RELAY: 'off' });
    await service.waitForHealth(port);

    const project: ServiceProjectCreatedV1 = { ...structuredClone(exampleServiceProjectCreated), projectId: randomUUID(), orderId: `SO-CRASH-${Date.now()}` };
    const install = { ...project.commitments[0], commitmentId: randomUUID() };
    project.commitments = [install];
    const done = structuredClone(exampleTaskDone) as TaskDoneV1;
    Object.assign(done.task, { taskId: randomUUID(), commitmentId: install.commitmentId, projectId: project.projectId, orderId: project.orderId, templateTaskKey: 'install' });
    await kafka.produce(Topics.serviceProjects, [
      record(exampleEvent('psa.service-project.created.v1', project), project.projectId),
      record(exampleEvent('psa.task.done.v1', done), project.projectId),
    ]);
    const line = await eventually(async () => {
      const res = await api(`/ledger?orderId=${project.orderId}&state=ready`);
      const body = (await res.json()) as { lines: { id: string }[] };
      return body.lines?.[0];
    }, { what: 'the fee ready', timeoutMs: 30_000 });

    const created = await api('/invoice-requests', { method: 'POST', body: JSON.stringify({ customerId: 'C-1007', lineIds: [line.id] }) });
    expect(created.status).toBe(201);
    const [request] = (await created.json()) as { id: string }[];
    const pending = await db.query(`SELECT event->>'id' AS id FROM outbox_event WHERE topic = $1 AND published_at IS NULL`, [Topics.invoices]);
    expect(pending.rows).toEqual([{ id: request.id }]);
    expect(await kafka.readAll(Topics.invoices)).toEqual([]);

    await service.kill();
    service.start();
    await service.waitForHealth(port);

    const published = await eventually(async () => {
      const records = await kafka.readAll(Topics.invoices);
      return records.length > 0 ? records : undefined;
    }, { what: 'the invoice request published after the restart', timeoutMs: 30_000 });
    // Give the relay time to send anything else it might (it must not).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const events = (await kafka.readAll(Topics.invoices)).map((r) => JSON.parse(r.value!.toString()) as CloudEvent<InvoiceRequestedV1>);
    expect(published.length).toBe(1);
    expect(events.map((e) => [e.id, e.data.invoiceRequestId, e.data.total])).toEqual([[request.id, request.id, '60000.00']]);
    const requests = await db.query('SELECT id, status FROM invoice_request');
    expect(requests.rows).toEqual([{ id: request.id, status: 'requested' }]);
  });
});
