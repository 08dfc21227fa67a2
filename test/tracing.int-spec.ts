/**
 * OpenTelemetry trace propagation across services, on the real broker, with the
 * services as built OS processes (their real bootstrap) exporting OTLP/HTTP to a
 * small collector in this test:
 *
 * - an ERP order with a known `traceparent` (trace T1) becomes a project whose
 *   psa.service-project.created.v1 carries T1 under a new span of service-commitments;
 * - the ERP dispatch of that order (trace T2) makes service-commitments announce the
 *   AMC coverage and billing, consuming that, put the contract's instalments in its
 *   ledger: both services' events carry T2, each under its own new span, and the
 *   exported spans show billing's CONSUMER span as the child of the span named in
 *   the coverage event's traceparent;
 * - an order without `traceparent` starts a new trace.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Topics } from '#contracts';
import { dropDatabase, ensureDatabase } from '#persistence';
import { eventually, freePort, ServiceProcess, serviceProcessEnv, testServiceConfig, TestKafka, uniqueSuffix, type ReadRecord } from '#testing';
import { BILLING_DEFAULTS } from '../apps/billing/src/billing.module.js';
import { SERVICE_COMMITMENTS_DEFAULTS } from '../apps/service-commitments/src/service-commitments.module.js';
import { dispatchEvent, orderEvent, structuredRecord } from '../apps/service-commitments/test/factories.js';

const W3C = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const T1 = '0af7651916cd43dd8448eb211c80319c';
const P1 = 'b7ad6b7169203331';
const T2 = '4bf92f3577b34da6a3ce929d0e0e4736';
const P2 = '00f067aa0ba902b7';

interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

/** An OTLP/HTTP (JSON) trace receiver: what the services export, flattened. */
class Collector {
  readonly spans: ExportedSpan[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.url === '/v1/traces') this.collect(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private collect(body: any): void {
    for (const rs of body.resourceSpans ?? []) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const attrs = Object.fromEntries((rs.resource?.attributes ?? []).map((a: any) => [a.key, Object.values(a.value ?? {})[0]]));
      for (const ss of rs.scopeSpans ?? []) {
        for (const s of ss.spans ?? []) {
          this.spans.push({
            service: String(attrs['service.name']),
            traceId: s.traceId,
            spanId: s.spanId,
            parentSpanId: s.parentSpanId ?? '',
            name: s.name,
            kind: s.kind,
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            attributes: Object.fromEntries((s.attributes ?? []).map((a: any) => [a.key, Object.values(a.value ?? {})[0]])),
          });
        }
      }
    }
  }
}

function traceparentOf(record: ReadRecord): { traceId: string; spanId: string } {
  const match = W3C.exec(record.headers.traceparent ?? '');
  if (!match) throw new Error(`no valid traceparent on ${record.topic}: ${JSON.stringify(record.headers)}`);
  return { traceId: match[1], spanId: match[2] };
}

const payload = (r: ReadRecord) => JSON.parse(r.value!.toString()) as { id: string; type: string; data: Record<string, unknown> };

describe('trace context across services (service-commitments and billing as processes, real broker)', () => {
  const suffix = uniqueSuffix();
  const commitmentsConfig = testServiceConfig(SERVICE_COMMITMENTS_DEFAULTS, { suffix });
  const billingConfig = testServiceConfig(BILLING_DEFAULTS, { suffix });
  const kafka = new TestKafka(commitmentsConfig.topicPrefix);
  const collector = new Collector();
  const services: ServiceProcess[] = [];
  const ORDER = `SO-TRACE-${suffix}`;
  const UNTRACED_ORDER = `SO-TRACE-NEW-${suffix}`;

  beforeAll(async () => {
    const endpoint = await collector.start();
    for (const config of [commitmentsConfig, billingConfig]) {
      await ensureDatabase(config.databaseUrl);
      const port = await freePort();
      const service = new ServiceProcess(
        config.serviceName,
        serviceProcessEnv(config, port, { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: '200' }),
      );
      services.push(service);
      service.start();
      await service.waitForHealth(port);
    }
  });

  afterAll(async () => {
    for (const service of services) await service.stop();
    await kafka.close();
    await collector.close();
    for (const config of [commitmentsConfig, billingConfig]) await dropDatabase(config.databaseUrl).catch(() => undefined);
  });

  it('an ERP order\'s trace goes on in the project it becomes, under a new span', async () => {
    const record = structuredRecord(orderEvent(ORDER));
    await kafka.produce(Topics.salesOrders, [{ ...record, headers: { ...record.headers, traceparent: `00-${T1}-${P1}-01`, tracestate: 'erp=connector-1' } }]);
    const created = await eventually(async () => {
      const found = (await kafka.readAll(Topics.serviceProjects)).filter((r) => payload(r).type === 'psa.service-project.created.v1' && payload(r).data.orderId === ORDER);
      return found.length > 0 ? found : undefined;
    }, { what: 'the project announced', timeoutMs: 60_000 });
    expect(created).toHaveLength(1);
    const { traceId, spanId } = traceparentOf(created[0]);
    expect(traceId).toBe(T1);
    expect(spanId).not.toBe(P1);
    expect(created[0].headers.tracestate).toBe('erp=connector-1');
  });

  it('the dispatch\'s trace runs through service-commitments\' coverage and billing\'s ledger lines, each under its own span', async () => {
    const record = structuredRecord(dispatchEvent(ORDER));
    await kafka.produce(Topics.dispatches, [{ ...record, headers: { ...record.headers, traceparent: `00-${T2}-${P2}-01` } }]);

    const coverage = await eventually(async () => {
      const found = (await kafka.readAll(Topics.serviceProjects)).filter((r) => payload(r).type === 'psa.coverage.changed.v1');
      return found.length > 0 ? found : undefined;
    }, { what: 'service-commitments announcing the coverage', timeoutMs: 60_000 });
    const lines = await eventually(async () => {
      const found = (await kafka.readAll(Topics.billing)).filter((r) => payload(r).data.orderId === ORDER);
      return found.length > 0 ? found : undefined;
    }, { what: 'billing\'s ledger lines', timeoutMs: 60_000 });

    const coverageSpans = new Set<string>();
    for (const r of coverage) {
      const { traceId, spanId } = traceparentOf(r);
      expect(traceId).toBe(T2);
      expect(spanId).not.toBe(P2);
      coverageSpans.add(spanId);
    }
    for (const r of lines) {
      const { traceId, spanId } = traceparentOf(r);
      expect(traceId).toBe(T2);
      expect(spanId).not.toBe(P2);
      // billing's own span, not the one service-commitments wrote into the coverage event
      expect(coverageSpans.has(spanId)).toBe(false);
    }
    expect(new Set(coverage.map((r) => JSON.parse(r.value!.toString()).source))).toEqual(new Set(['serviceloop://service-commitments']));
    expect(new Set(lines.map((r) => JSON.parse(r.value!.toString()).source))).toEqual(new Set(['serviceloop://billing']));

    // The exported spans: service-commitments consumed the dispatch as a child of the ERP's span;
    // billing consumed the coverage as a child of the span named in the coverage event.
    const spans = await eventually(async () => {
      const inTrace = collector.spans.filter((s) => s.traceId === T2);
      const billingSpanIds = new Set(lines.map((r) => traceparentOf(r).spanId));
      return inTrace.some((s) => s.service === 'billing' && billingSpanIds.has(s.spanId)) ? inTrace : undefined;
    }, { what: 'both services\' spans exported', timeoutMs: 30_000 });
    const dispatchSpan = spans.find((s) => s.service === 'service-commitments' && s.parentSpanId === P2);
    expect(dispatchSpan).toMatchObject({ kind: 5 /* CONSUMER */, name: `process ${Topics.dispatches}` });
    expect(dispatchSpan!.attributes).toMatchObject({ 'messaging.system': 'kafka', 'messaging.destination.name': Topics.dispatches, 'messaging.message.id': JSON.parse(String(record.value)).id });
    expect(coverageSpans.has(dispatchSpan!.spanId)).toBe(true);
    const billingSpan = spans.find((s) => s.service === 'billing' && s.spanId === traceparentOf(lines[0]).spanId)!;
    expect(billingSpan.kind).toBe(5);
    expect(coverageSpans.has(billingSpan.parentSpanId)).toBe(true);
  });

  it('an event without traceparent starts a new trace', async () => {
    await kafka.produce(Topics.salesOrders, [structuredRecord(orderEvent(UNTRACED_ORDER))]);
    const created = await eventually(async () => {
      const found = (await kafka.readAll(Topics.serviceProjects)).find((r) => payload(r).data.orderId === UNTRACED_ORDER);
      return found;
    }, { what: 'the second project announced', timeoutMs: 60_000 });
    const { traceId } = traceparentOf(created);
    expect([T1, T2, '0'.repeat(32)]).not.toContain(traceId);
  });
});
