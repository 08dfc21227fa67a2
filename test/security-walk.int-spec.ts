/**
 * Walks every HTTP route of every service, taken from the routers themselves
 * (Express's route table of each booted app, matched to Nest's handler metadata),
 * so a new route is walked without anyone adding it here:
 *
 *   - without a token: 401 (only /health, /health/live, /health/ready, /metrics are open);
 *   - with a forged token: 401;
 *   - every route names its roles (@Roles), and each other role gets 403;
 *   - routes open to customers, called by a customer of another customer with the
 *     ids of the example customer's real data: 403/404, or (lists) none of its data;
 *     the example customer itself gets its data, so the seeds are real;
 *   - no response to the other customer carries the example customer's id or name.
 *
 * The services run together on the shared broker (one topic prefix), so the
 * example order flows from service-commitments through scheduling to
 * field-execution and every service holds the example customer's data.
 *
 * To walk another service, append it to WALKED_SERVICES below (its module, its
 * consumer, and for each route open to customers a seed in `customerRoutes`, taking
 * ids from ExampleData, which exampleCustomerData() fills; extend both if needed).
 */
import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import { devAuthConfig, IS_PUBLIC, REQUIRED_ROLES, ROLES, type Principal, type Role } from '#auth';
import { Topics } from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { Clock, FixedClock, type ServiceConfig, type ServiceDefaults } from '#platform';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, tokenFor, uniqueSuffix, type TestApp } from '#testing';
import { DataSource } from 'typeorm';
import { ANALYTICS_DEFAULTS, AnalyticsModule } from '../apps/analytics/src/analytics.module.js';
import { AnalyticsEventConsumer } from '../apps/analytics/src/ingest/analytics-event-consumer.js';
import { BILLING_DEFAULTS, BillingModule } from '../apps/billing/src/billing.module.js';
import { FIELD_EXECUTION_DEFAULTS, FieldExecutionModule } from '../apps/field-execution/src/field-execution.module.js';
import { visitIdFor } from '../apps/field-execution/src/visits/domain/visit-identity.js';
import { loadSchedulingConfig } from '../apps/scheduling/src/scheduling.config.js';
import { SCHEDULING_DEFAULTS, SchedulingModule } from '../apps/scheduling/src/scheduling.module.js';
import { SERVICE_COMMITMENTS_DEFAULTS, ServiceCommitmentsModule } from '../apps/service-commitments/src/service-commitments.module.js';
import { dispatchEvent, orderEvent, structuredRecord } from '../apps/service-commitments/test/factories.js';

/** What the example order left in the services, for routes that take an id. */
interface ExampleData {
  customerId: string;
  orderId: string;
  projectId: string;
  commitmentId: string;
  taskId: string;
  serialNumber: string;
  serviceRequestId: string;
  bookingId: string;
  visitId: string;
  ledgerLineId: string;
  invoiceRequestId: string;
}

/** How to call a route with the example customer's data. */
interface RouteSeed {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: object;
  /** What the example customer itself gets, when not 200 (e.g. 409: no report before sign-off, but the visit is found). */
  ownerStatus?: number;
  /** A path parameter that names no customer's record (a report's name): the route answers like a list, scoped to the caller. */
  scopedToCaller?: boolean;
  /** The route carries no customer's data at all (the catalogue of reports): only the leak check applies. */
  noCustomerData?: boolean;
}

interface WalkedService {
  defaults: ServiceDefaults;
  module: (config: ServiceConfig) => DynamicModule;
  /** Its event consumer, as its own tests start it. */
  transport: (app: INestApplication) => CustomTransportStrategy;
  /** Seeds for every route open to customers, keyed `METHOD /path` as the router has it. */
  customerRoutes: (data: ExampleData) => Record<string, RouteSeed>;
  /** Operators' routes for what the service could not apply (default: the dead-letter routes of #messaging). */
  operatorRoutes?: string[];
}

/** The services walked. Append billing and analytics here when they are ready. */
const WALKED_SERVICES: WalkedService[] = [
  {
    defaults: SERVICE_COMMITMENTS_DEFAULTS,
    module: (config) => ServiceCommitmentsModule.forRoot(config, devAuthConfig()),
    transport: (app) => app.get(KafkaEventTransport),
    customerRoutes: (d) => ({
      'GET /projects': { query: { orderId: d.orderId } },
      'GET /projects/:id': { params: { id: d.projectId } },
      'GET /equipment': {},
      'GET /customers/:customerId/sites': { params: { customerId: d.customerId } },
      'GET /equipment/:serialNumber': { params: { serialNumber: d.serialNumber } },
      'GET /service-requests': {},
      'GET /service-requests/:id': { params: { id: d.serviceRequestId } },
      'POST /service-requests': { body: { serialNumber: d.serialNumber, priority: 'P2', description: 'Hydraulic pressure drops during injection' } },
      'POST /commitments/:id/call-off': { params: { id: d.commitmentId }, body: {} },
    }),
  },
  {
    defaults: SCHEDULING_DEFAULTS,
    module: (config) => SchedulingModule.forRoot(config, devAuthConfig(), loadSchedulingConfig({})),
    transport: (app) => app.get(KafkaEventTransport),
    customerRoutes: (d) => ({
      'GET /bookings/:id': { params: { id: d.bookingId } },
      'POST /bookings/:id/confirm': { params: { id: d.bookingId } },
      'POST /bookings/:id/decline': { params: { id: d.bookingId }, body: { reason: 'Plant closed for Diwali' } },
    }),
  },
  {
    defaults: FIELD_EXECUTION_DEFAULTS,
    module: (config) => FieldExecutionModule.forRoot(config, devAuthConfig()),
    transport: (app) => app.get(KafkaEventTransport),
    customerRoutes: (d) => ({
      // The visit is not signed off yet: the owner gets 409 (found), the other customer 403/404.
      'GET /visits/:id/report.pdf': { params: { id: d.visitId }, ownerStatus: 409 },
    }),
  },
  {
    defaults: BILLING_DEFAULTS,
    module: (config) => BillingModule.forRoot(config, devAuthConfig(), 'INR'),
    transport: (app) => app.get(KafkaEventTransport),
    customerRoutes: (d) => ({
      'GET /ledger': {},
      'GET /ledger/:id': { params: { id: d.ledgerLineId } },
      'GET /invoice-requests': {},
      'GET /invoice-requests/:id': { params: { id: d.invoiceRequestId } },
    }),
  },
  {
    defaults: ANALYTICS_DEFAULTS,
    module: (config) => AnalyticsModule.forRoot(config, devAuthConfig()),
    transport: (app) => app.get(AnalyticsEventConsumer),
    operatorRoutes: ['GET /read-models/rejected-events'],
    customerRoutes: () => ({
      'GET /reports': { noCustomerData: true },
      'GET /reports/:name': { params: { name: 'customer-load' }, scopedToCaller: true },
    }),
  },
];

/** Open without a token: probes and scrapes. */
const PUBLIC_ROUTES = new Set(['GET /health', 'GET /health/live', 'GET /health/ready', 'GET /metrics']);
/** The OpenAPI document and UI (served by Swagger, not by a controller). */
const DOCS = /^\/docs(\/|-|$)/;
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';
const WALK_INVOICE_REQUEST = '7a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b0c01';
const OTHER_CUSTOMER = 'C-9999';
/** The customer of the contract's example order. */
const EXAMPLE_CUSTOMER = 'C-1007';

interface Route {
  service: string;
  method: string;
  path: string;
  key: string;
  public: boolean;
  roles: Role[] | undefined;
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD'];

/** Nest's handler metadata per `METHOD /path`: which routes are public, which roles they need. */
function handlerMetadata(app: INestApplication): Map<string, { public: boolean; roles: Role[] | undefined }> {
  const byRoute = new Map<string, { public: boolean; roles: Role[] | undefined }>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prefixes = [Reflect.getMetadata('path', controller) ?? ''].flat() as string[];
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (typeof handler !== 'function' || Reflect.getMetadata('method', handler) === undefined) continue;
        const method = HTTP_METHODS[Reflect.getMetadata('method', handler) as number];
        const paths = [Reflect.getMetadata('path', handler) ?? ''].flat() as string[];
        const isPublic = Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller) ?? false;
        const roles = Reflect.getMetadata(REQUIRED_ROLES, handler) ?? Reflect.getMetadata(REQUIRED_ROLES, controller);
        for (const prefix of prefixes) {
          for (const path of paths) {
            const full = `/${[prefix, path].join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
            byRoute.set(`${method} ${full}`, { public: isPublic, roles });
          }
        }
      }
    }
  }
  return byRoute;
}

/** Every route of an app as Express routes it, with Nest's metadata for each. */
function routesOf(service: string, app: INestApplication): { routes: Route[]; unknown: string[] } {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
  const metadata = handlerMetadata(app);
  const routes: Route[] = [];
  const unknown: string[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route || DOCS.test(layer.route.path)) continue;
    for (const method of Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m])) {
      const key = `${method.toUpperCase()} ${layer.route.path}`;
      const meta = metadata.get(key);
      if (!meta) unknown.push(key);
      else routes.push({ service, method: method.toUpperCase(), path: layer.route.path, key, public: meta.public, roles: meta.roles });
    }
  }
  return { routes, unknown };
}

function fill(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? PLACEHOLDER_ID));
}

function principalFor(role: Role): Partial<Principal> {
  if (role === 'customer') return { customerId: OTHER_CUSTOMER, subject: 'walk-other-customer' };
  if (role === 'engineer') return { engineerId: PLACEHOLDER_ID };
  return {};
}

function call(app: INestApplication, route: Route, token: string | undefined, seed: RouteSeed = {}) {
  const agent = request(app.getHttpServer());
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  let req = agent[method](fill(route.path, seed.params));
  if (seed.query) req = req.query(seed.query);
  if (token) req = req.set('Authorization', `Bearer ${token}`);
  if (['post', 'put', 'patch'].includes(method)) req = req.send(seed.body ?? {});
  return req;
}

describe('security walk: every route of every service', () => {
  const suffix = uniqueSuffix();
  // The example order's dates: scheduling books the installation after delivery.
  const clock = new FixedClock(new Date('2026-11-24T08:00:00Z'));
  const apps = new Map<string, TestApp>();
  let kafka: TestKafka;
  let data: ExampleData;

  beforeAll(async () => {
    for (const service of WALKED_SERVICES) {
      const config = testServiceConfig(service.defaults, { suffix });
      apps.set(service.defaults.serviceName, await startTestApp(service.module(config), config, {
        transport: service.transport,
        overrides: [[Clock, clock]],
      }));
    }
    kafka = new TestKafka(apps.get('service-commitments')!.config.topicPrefix);
    data = await exampleCustomerData();
  }, 150_000);

  afterAll(async () => {
    await kafka?.close();
    for (const app of apps.values()) await app.close();
  });

  /** The example order through all services: project, machine, booking, visit, a service request. */
  async function exampleCustomerData(): Promise<ExampleData> {
    const commitments = apps.get('service-commitments')!.app;
    const scheduling = apps.get('scheduling')!.app;
    const field = apps.get('field-execution')!.app;
    const planner = apiAs(scheduling, ['dispatcher']);
    for (const name of ['Asha Patil', 'Bala Iyer']) {
      await planner.post('/engineers').send({
        name,
        email: `${name.toLowerCase().replace(' ', '.')}@walk.test`,
        homeRegion: 'MH',
        timezone: 'Asia/Kolkata',
        skills: ['installation', 'hydraulics', 'training', 'calibration', 'maintenance'].map((skill) => ({ skill, certifiedUntil: '2030-12-31' })),
      }).expect(201);
    }
    const orderId = 'SO-WALK-0142';
    const serialNumber = 'INJ250-WALK1';
    const order = orderEvent(orderId);
    await kafka.produce(Topics.salesOrders, [structuredRecord(order)]);
    await kafka.produce(Topics.dispatches, [
      structuredRecord(dispatchEvent(orderId, { dispatchId: 'DN-WALK-1', lines: [{ lineId: '10', sku: 'INJ-250T', quantity: 1, serialNumbers: [serialNumber] }] })),
    ]);
    const desk = apiAs(commitments, ['service_manager']);
    type Commitment = { id: string; kind: string; tasks: { id: string; status: string }[] };
    const project = await eventually(async () => {
      const list = await desk.get('/projects').query({ orderId }).expect(200);
      if (!list.body.items[0]) return undefined;
      const full = (await desk.get(`/projects/${list.body.items[0].id}`).expect(200)).body as { id: string; commitments: Commitment[] };
      const task = full.commitments.find((c) => c.kind === 'installation')?.tasks[0];
      if (task?.status === 'scheduled') return full;
      // Say where it stands, should this time out.
      const inScheduling = task ? await planner.get(`/tasks/${task.id}`) : undefined;
      throw new Error(`installation task ${task?.status ?? 'missing'}; scheduling: ${inScheduling?.status} ${JSON.stringify(inScheduling?.body ?? {}).slice(0, 400)}`);
    }, { what: 'the example installation booked by scheduling', timeoutMs: 90_000 });
    const installation = project.commitments.find((c) => c.kind === 'installation')!;
    const taskId = installation.tasks[0].id;
    const booking = (await planner.get(`/tasks/${taskId}`).expect(200)).body.booking as { id: string; engineerIds: string[] };
    const visitId = visitIdFor(booking.id, booking.engineerIds[0]);
    await eventually(async () => (await apiAs(field, ['dispatcher']).get(`/visits/${visitId}`)).status === 200, { what: 'the visit in field-execution', timeoutMs: 60_000 });
    const customer = apiAs(commitments, ['customer'], { customerId: EXAMPLE_CUSTOMER, subject: 'walk-example-customer' });
    const raised = await customer.post('/service-requests').send({ serialNumber, priority: 'P3', description: 'Oil leak at the clamp unit' }).expect(201);
    // Billing's side of the example customer: its installation fee, requested from the ERP.
    const billing = apps.get('billing')!.app.get(DataSource);
    const [line] = await billing.query(
      `INSERT INTO ledger_line (state, customer_id, project_id, order_id, order_line_id, commitment_id, task_id, source_kind, source_ref, sku, description, work_date,
                                quantity, unit_price, amount, cost, currency, billable, coverage, reason, invoice_request_id, version)
       VALUES ('requested', $1, $2, $3, '20', $4, $5::uuid, 'milestone', $5::text, 'SVC-INSTALL', 'Installation and commissioning', '2026-11-28',
               1, 60000, 60000, 0, 'INR', true, 'none', 'Fixed fee: milestone install (100% of 60000.00) done', $6, 1) RETURNING id`,
      [EXAMPLE_CUSTOMER, project.id, orderId, installation.id, taskId, WALK_INVOICE_REQUEST],
    );
    await billing.query(
      `INSERT INTO invoice_request (id, customer_id, project_id, order_id, customer_po_number, currency, period_from, period_to, total, status, requested_at, requested_by)
       VALUES ($1, $2, $3, $4, 'PO-88121', 'INR', '2026-11-01', '2026-11-30', 60000, 'requested', now(), 'walk-finance')`,
      [WALK_INVOICE_REQUEST, EXAMPLE_CUSTOMER, project.id, orderId],
    );
    await billing.query(
      `INSERT INTO invoice_request_line (invoice_request_id, line_id, position, order_line_id, description, sku, quantity, unit_price, amount, source_kind, source_refs, live)
       VALUES ($1, $2, 0, '20', 'Installation and commissioning', 'SVC-INSTALL', 1, 60000, 60000, 'milestone', $3, true)`,
      [WALK_INVOICE_REQUEST, line.id, JSON.stringify([taskId])],
    );
    return {
      ledgerLineId: line.id,
      invoiceRequestId: WALK_INVOICE_REQUEST,
      customerId: EXAMPLE_CUSTOMER,
      orderId,
      projectId: project.id,
      commitmentId: installation.id,
      taskId,
      serialNumber,
      serviceRequestId: raised.body.id,
      bookingId: booking.id,
      visitId,
    };
  }

  function allRoutes(): Route[] {
    const routes: Route[] = [];
    const unknown: string[] = [];
    for (const [name, { app }] of apps) {
      const found = routesOf(name, app);
      routes.push(...found.routes);
      unknown.push(...found.unknown.map((key) => `${name} ${key}`));
    }
    // A route Express serves that no controller declares would escape this walk.
    expect(unknown).toEqual([]);
    return routes;
  }

  it('finds the routes of every service from their routers', () => {
    const routes = allRoutes();
    for (const { defaults, operatorRoutes } of WALKED_SERVICES) {
      const own = routes.filter((r) => r.service === defaults.serviceName);
      expect(own.map((r) => r.key)).toEqual(expect.arrayContaining([...PUBLIC_ROUTES, ...(operatorRoutes ?? ['GET /dead-letters', 'POST /dead-letters/:id/replay'])]));
      expect(own.length).toBeGreaterThan(PUBLIC_ROUTES.size + 2);
    }
  });

  it('opens only health and metrics without a token; every other route says 401 without one or with a forged one', async () => {
    const routes = allRoutes();
    expect(routes.filter((r) => r.public).map((r) => r.key).filter((key) => !PUBLIC_ROUTES.has(key))).toEqual([]);
    const [header, payload] = tokenFor(['admin']).split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.public)) {
      const { app } = apps.get(route.service)!;
      const anonymous = await call(app, route, undefined);
      if (anonymous.status !== 401 || anonymous.body.code !== 'MISSING_TOKEN') failures.push(`${route.service} ${route.key} without token: ${anonymous.status}`);
      const bad = await call(app, route, forged);
      if (bad.status !== 401 || bad.body.code !== 'BAD_SIGNATURE') failures.push(`${route.service} ${route.key} forged token: ${bad.status}`);
    }
    expect(failures).toEqual([]);
    for (const route of routes.filter((r) => r.public)) {
      const res = await call(apps.get(route.service)!.app, route, undefined);
      expect([route.key, res.status]).toEqual([route.key, 200]);
    }
  });

  it('names the roles of every route, and refuses every other role with 403', async () => {
    const routes = allRoutes().filter((r) => !r.public);
    expect(routes.filter((r) => !r.roles?.length).map((r) => `${r.service} ${r.key}`)).toEqual([]);
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const { app } = apps.get(route.service)!;
      for (const role of ROLES.filter((r) => r !== 'admin' && !route.roles!.includes(r))) {
        const res = await call(app, route, tokenFor([role], principalFor(role)));
        checked++;
        if (res.status !== 403 || res.body.code !== 'ROLE_REQUIRED') failures.push(`${route.service} ${route.key} as ${role}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(routes.length);
  });

  it("keeps every customer to its own data: another customer gets 403/404 or nothing of the example customer's", async () => {
    const routes = allRoutes().filter((r) => r.roles?.includes('customer'));
    const seeds = new Map<string, RouteSeed>(WALKED_SERVICES.flatMap((s) => Object.entries(s.customerRoutes(data)).map(([key, seed]) => [`${s.defaults.serviceName} ${key}`, seed] as [string, RouteSeed])));
    // A route open to customers must be walked with real data: add its seed above.
    expect(routes.map((r) => `${r.service} ${r.key}`).filter((key) => !seeds.has(key))).toEqual([]);

    const other = tokenFor(['customer'], { customerId: OTHER_CUSTOMER, subject: 'walk-other-customer' });
    const owner = tokenFor(['customer'], { customerId: data.customerId, subject: 'walk-example-customer' });
    const leaks: string[] = [];
    const failures: string[] = [];
    const secrets = [data.customerId, 'Shakti Polymers', data.orderId, data.projectId, data.serialNumber, data.serviceRequestId, data.bookingId, data.visitId, data.taskId];
    for (const route of routes) {
      const { app } = apps.get(route.service)!;
      const seed = seeds.get(`${route.service} ${route.key}`)!;
      const takesId = !seed.scopedToCaller && (/:\w+/.test(route.path) || route.method !== 'GET');
      const res = await call(app, route, other, seed);
      const text = `${res.text ?? ''}${res.body && typeof res.body === 'object' && !Buffer.isBuffer(res.body) ? JSON.stringify(res.body) : ''}`;
      // An id the caller sent may be echoed ("no machine X"); anything else of the example customer may not.
      const asked = JSON.stringify(seed);
      for (const secret of secrets) if (!asked.includes(secret) && text.includes(secret)) leaks.push(`${route.service} ${route.key} showed ${secret} to ${OTHER_CUSTOMER}`);
      if (takesId && ![403, 404].includes(res.status)) failures.push(`${route.service} ${route.key} as ${OTHER_CUSTOMER}: ${res.status}`);
      if (!takesId && res.status !== 200) failures.push(`${route.service} ${route.key} (a list) as ${OTHER_CUSTOMER}: ${res.status}`);
      if (route.method === 'GET') {
        // Asking for the example customer by name is refused outright.
        const named = await call(app, route, other, { ...seed, query: { ...seed.query, customerId: data.customerId } });
        if (!takesId && named.status !== 403 && named.status !== 400) failures.push(`${route.service} ${route.key}?customerId=${data.customerId} as ${OTHER_CUSTOMER}: ${named.status}`);
        // The seeds are real: the example customer gets its data where the other got none.
        const own = await call(app, route, owner, seed);
        const ownText = `${own.text ?? ''}${own.body && typeof own.body === 'object' && !Buffer.isBuffer(own.body) ? JSON.stringify(own.body) : ''}`;
        if (own.status !== (seed.ownerStatus ?? 200)) failures.push(`${route.service} ${route.key} as the example customer: ${own.status}`);
        else if (own.status !== 200 || seed.noCustomerData) continue;
        else if (own.headers['content-type']?.includes('json') && !secrets.some((s) => ownText.includes(s)) && !ownText.includes(seed.params?.id ?? '\u0000')) {
          failures.push(`${route.service} ${route.key} as the example customer: 200 without its data`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(failures).toEqual([]);
    // And the example customer's booking is untouched by the other customer's confirm/decline.
    const booking = await apiAs(apps.get('scheduling')!.app, ['dispatcher']).get(`/tasks/${data.taskId}`).expect(200);
    expect(booking.body.booking.status).toBe('proposed');
  });

  // Last: these calls reach the handlers (with placeholder ids), so they run after the data checks.
  it('lets every role a route names past the role check (and admin everywhere)', async () => {
    const failures: string[] = [];
    for (const route of allRoutes().filter((r) => !r.public)) {
      const { app } = apps.get(route.service)!;
      for (const role of new Set<Role>([...route.roles!, 'admin'])) {
        const res = await call(app, route, tokenFor([role], principalFor(role)));
        if (res.status === 401 || res.body?.code === 'ROLE_REQUIRED') failures.push(`${route.service} ${route.key} as ${role}: ${res.status} ${res.body?.code}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
