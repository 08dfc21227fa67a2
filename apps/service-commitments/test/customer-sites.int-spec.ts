/**
 * The customer master's sites on a real broker and database: an order without a
 * site is done at its customer's default site; without one it waits for the
 * service desk, and setting a default places it.
 */
import { devAuthConfig } from '#auth';
import { Topics } from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { SERVICE_COMMITMENTS_DEFAULTS, ServiceCommitmentsModule } from '../src/service-commitments.module.js';
import { dispatchEvent, orderEvent, structuredRecord } from './factories.js';

type Site = { id: string | null; name: string | null; region: string | null; timezone: string | null };
type Project = { id: string; site: Site; customer: { id: string }; commitments: { kind: string; status: string; tasks: { id: string }[] }[] };

describe('service-commitments: customer sites', () => {
  let service: TestApp;
  let kafka: TestKafka;
  let desk: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    const config = testServiceConfig(SERVICE_COMMITMENTS_DEFAULTS);
    service = await startTestApp(ServiceCommitmentsModule.forRoot(config, devAuthConfig()), config, {
      transport: (app) => app.get(KafkaEventTransport),
    });
    kafka = new TestKafka(config.topicPrefix);
    desk = apiAs(service.app, ['service_manager']);
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
  });

  function order(orderId: string, customerId: string, site: Record<string, string> | null) {
    const event = orderEvent(orderId);
    (event.data as unknown as { customer: { id: string } }).customer.id = customerId;
    const data = event.data as unknown as { site?: Record<string, string> };
    if (site) data.site = site;
    else delete data.site;
    return event;
  }

  async function project(orderId: string, until: (p: Project) => boolean = () => true): Promise<Project> {
    return eventually(async () => {
      const list = await desk.get('/projects').query({ orderId }).expect(200);
      if (list.body.items.length !== 1) return undefined;
      const one = (await desk.get(`/projects/${list.body.items[0].id}`).expect(200)).body as Project;
      return until(one) ? one : undefined;
    }, { what: `project ${orderId}` });
  }

  it("does an order without a site at the customer's default site, learned from its first order", async () => {
    const pune = { id: 'C-3001-PUNE', name: 'Pune plant', city: 'Pune', region: 'MH', country: 'IN', timezone: 'Asia/Kolkata' };
    await kafka.produce(Topics.salesOrders, [structuredRecord(order('SO-SITE-1', 'C-3001', pune))]);
    await project('SO-SITE-1');
    await kafka.produce(Topics.salesOrders, [structuredRecord(order('SO-SITE-2', 'C-3001', null))]);
    const second = await project('SO-SITE-2');
    expect(second.site).toMatchObject({ id: 'C-3001-PUNE', name: 'Pune plant', region: 'MH', timezone: 'Asia/Kolkata' });

    const sites = await desk.get('/customers/C-3001/sites').expect(200);
    expect(sites.body).toEqual([expect.objectContaining({ customerId: 'C-3001', id: 'C-3001-PUNE', region: 'MH', default: true, updatedFrom: 'order' })]);
    // Others learn where the work is from the announcement.
    const created = (await kafka.readAll(Topics.serviceProjects))
      .map((r) => JSON.parse(r.value!.toString()))
      .find((e) => e.type === 'psa.service-project.created.v1' && e.data.orderId === 'SO-SITE-2');
    expect(created.data.site).toMatchObject({ id: 'C-3001-PUNE', region: 'MH' });
  });

  it('keeps a site the service desk corrected when a later order names it differently, and does that order where it says', async () => {
    await desk.put('/customers/C-3001/sites/C-3001-PUNE').send({ name: 'Pune plant (gate 2)', city: 'Chakan', region: 'MH', country: 'IN', timezone: 'Asia/Kolkata' }).expect(200);
    await kafka.produce(Topics.salesOrders, [structuredRecord(order('SO-SITE-3', 'C-3001', { id: 'C-3001-PUNE', name: 'Pune', region: 'MH' }))]);
    expect((await project('SO-SITE-3')).site).toMatchObject({ id: 'C-3001-PUNE', name: 'Pune' });
    await kafka.produce(Topics.salesOrders, [structuredRecord(order('SO-SITE-4', 'C-3001', null))]);
    expect((await project('SO-SITE-4')).site).toMatchObject({ id: 'C-3001-PUNE', name: 'Pune plant (gate 2)', city: 'Chakan' });
    const [site] = (await desk.get('/customers/C-3001/sites').expect(200)).body;
    expect(site).toMatchObject({ name: 'Pune plant (gate 2)', updatedFrom: 'service_desk', default: true });
  });

  it('puts an order without a site of a customer without one on the review list, and places it when the desk enters a site', async () => {
    await kafka.produce(Topics.salesOrders, [structuredRecord(order('SO-SITE-5', 'C-3002', null))]);
    await project('SO-SITE-5');
    const lines = [{ lineId: '10', sku: 'INJ-250T', quantity: 1, serialNumbers: ['INJ250-SITE-5'] }];
    await kafka.produce(Topics.dispatches, [structuredRecord(dispatchEvent('SO-SITE-5', { dispatchId: 'DN-SITE-5', lines }))]);
    const waiting = await project('SO-SITE-5', (p) => p.commitments.some((c) => c.kind === 'installation' && c.status === 'ready'));
    expect(waiting.site.id).toBeNull();
    const installTaskId = waiting.commitments.find((c) => c.kind === 'installation')!.tasks[0].id;
    const review = (await desk.get('/review-items').query({ projectId: waiting.id }).expect(200)).body;
    expect(review).toEqual([expect.objectContaining({ kind: 'site_missing', reason: expect.stringContaining('PUT /customers/C-3002/sites/') })]);

    const entered = await desk.put('/customers/C-3002/sites/C-3002-HSR').send({ name: 'Hosur works', region: 'TN', country: 'IN', timezone: 'Asia/Kolkata' }).expect(200);
    expect(entered.body).toMatchObject({ id: 'C-3002-HSR', default: true, projectsPlaced: 1 });
    expect((await project('SO-SITE-5')).site).toMatchObject({ id: 'C-3002-HSR', name: 'Hosur works', region: 'TN' });
    expect((await desk.get('/review-items').query({ projectId: waiting.id }).expect(200)).body).toEqual([]);
    const resolved = (await desk.get('/review-items').query({ projectId: waiting.id, state: 'resolved' }).expect(200)).body;
    expect(resolved).toEqual([expect.objectContaining({ kind: 'site_missing', resolvedBy: expect.any(String), resolution: expect.stringContaining('C-3002-HSR') })]);
    const changed = await eventually(async () => {
      const found = (await kafka.readAll(Topics.serviceProjects))
        .map((r) => JSON.parse(r.value!.toString()))
        .filter((e) => e.type === 'psa.service-project.changed.v1' && e.data.projectId === waiting.id);
      return found.length > 0 ? found : undefined;
    }, { what: 'the project announced with its site' });
    expect(changed).toHaveLength(1);
    expect(changed[0].data.site).toMatchObject({ id: 'C-3002-HSR', region: 'TN' });
    // Its ready installation goes out again with the site, so scheduling can place it by region.
    const taskChanged = (await kafka.readAll(Topics.serviceProjects))
      .map((r) => JSON.parse(r.value!.toString()))
      .filter((e) => e.type === 'psa.task.changed.v1' && e.data.task.taskId === installTaskId);
    expect(taskChanged.map((e) => [e.data.changes, e.data.task.site.id, e.data.task.site.region])).toEqual([[['site'], 'C-3002-HSR', 'TN']]);

    // A second site entered changes nothing for the placed project; choosing it as default places nothing more.
    await desk.put('/customers/C-3002/sites/C-3002-BLR').send({ name: 'Bengaluru', region: 'KA' }).expect(200);
    const chosen = await desk.put('/customers/C-3002/default-site').send({ siteId: 'C-3002-BLR' }).expect(200);
    expect(chosen.body).toEqual({ customerId: 'C-3002', siteId: 'C-3002-BLR', projectsPlaced: 0 });
    expect((await desk.get('/customers/C-3002/sites').expect(200)).body.map((s: { id: string; default: boolean }) => [s.id, s.default])).toEqual([
      ['C-3002-BLR', true],
      ['C-3002-HSR', false],
    ]);
  });

  it('refuses bad site input with a reason, an unknown default with 404, and shows a customer only its own sites', async () => {
    const bad = await desk.put('/customers/C-3002/sites/C-3002-X').send({ timezone: 'Mars/Olympus', country: 'India' }).expect(400);
    expect(bad.body.reasons.join('\n')).toMatch(/IANA time zone/);
    expect(bad.body.reasons.join('\n')).toMatch(/country must be an ISO 3166-1 alpha-2/);
    const unknown = await desk.put('/customers/C-3002/default-site').send({ siteId: 'C-3002-NOWHERE' }).expect(404);
    expect(unknown.body.message).toMatch(/has no site C-3002-NOWHERE/);
    await desk.put('/customers/C-3002/default-site').send({}).expect(400);
    expect((await desk.get('/customers/C-3002/sites').expect(200)).body.map((s: { id: string }) => s.id)).not.toContain('C-3002-X');

    await apiAs(service.app, ['customer'], { customerId: 'C-3002' }).get('/customers/C-3002/sites').expect(200);
    await apiAs(service.app, ['customer'], { customerId: 'C-3001' }).get('/customers/C-3002/sites').expect(403);
    await apiAs(service.app, ['engineer']).put('/customers/C-3002/sites/C-3002-Y').send({}).expect(403);
  });
});
