/**
 * PostgreSQL unreachable for a while (a TCP proxy the test cuts; the machine's
 * own server is never stopped): nothing is dead-lettered, and every event is
 * applied once the database is back.
 */
import pg from 'pg';
import { Topics } from '#contracts';
import { devAuthConfig } from '#auth';
import { KafkaEventTransport } from '#messaging';
import { apiAs, eventually, startTestApp, TcpProxy, testInfrastructure, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { SERVICE_COMMITMENTS_DEFAULTS, ServiceCommitmentsModule } from '../src/service-commitments.module.js';
import { orderEvent, structuredRecord } from './factories.js';

describe('service-commitments with PostgreSQL unreachable for a while', () => {
  let proxy: TcpProxy;
  let service: TestApp;
  let kafka: TestKafka;
  let directUrl: string;

  beforeAll(async () => {
    const server = new URL(testInfrastructure().postgresUrl);
    proxy = new TcpProxy(server.hostname, Number(server.port || 5432));
    const port = await proxy.start();
    const config = testServiceConfig(SERVICE_COMMITMENTS_DEFAULTS);
    directUrl = config.databaseUrl;
    const viaProxy = new URL(config.databaseUrl);
    viaProxy.port = String(port);
    config.databaseUrl = viaProxy.toString();
    service = await startTestApp(ServiceCommitmentsModule.forRoot(config, devAuthConfig()), config, {
      transport: (app) => app.get(KafkaEventTransport),
    });
    kafka = new TestKafka(config.topicPrefix);
  });

  afterAll(async () => {
    proxy?.restore();
    await kafka?.close();
    await service?.close();
    await proxy?.stop();
  });

  it('retries without dead-lettering and applies everything after', async () => {
    const http = apiAs(service.app);
    await kafka.produce(Topics.salesOrders, [structuredRecord(orderEvent('SO-OUT-0'))]);
    await eventually(async () => (await http.get('/projects').query({ orderId: 'SO-OUT-0' })).body.total === 1, { what: 'first project' });

    const transport = service.app.get(KafkaEventTransport);
    const retriesBefore = transport.retriedAttempts;
    proxy.cutConnections();
    const during = ['SO-OUT-1', 'SO-OUT-2', 'SO-OUT-3', 'SO-OUT-4'];
    await kafka.produce(Topics.salesOrders, during.map((id) => structuredRecord(orderEvent(id))));
    // The consumer must have hit the outage several times before we restore it.
    await eventually(() => transport.retriedAttempts - retriesBefore >= 3, { what: 'retries during the outage', timeoutMs: 30_000 });
    proxy.restore();

    const direct = new pg.Client({ connectionString: directUrl });
    await direct.connect();
    try {
      await eventually(async () => {
        const { rows } = await direct.query('SELECT order_id FROM service_project WHERE order_id = ANY($1)', [during]);
        return rows.length === during.length;
      }, { what: 'every order applied after the outage', timeoutMs: 60_000 });
      const letters = await direct.query('SELECT count(*)::int AS n FROM dead_letter');
      expect(letters.rows[0].n).toBe(0);
      const perOrder = await direct.query(
        'SELECT order_id, count(*)::int AS n FROM service_project WHERE order_id LIKE $1 GROUP BY order_id',
        ['SO-OUT-%'],
      );
      expect(perOrder.rows.every((r) => r.n === 1)).toBe(true);
      expect(perOrder.rows).toHaveLength(5);
    } finally {
      await direct.end();
    }
    expect((await kafka.readAll(`${Topics.salesOrders}.dlq`)).length).toBe(0);
  });
});
