import { ANALYTICS_API, ANALYTICS_DEFAULTS, ANALYTICS_MIGRATIONS, AnalyticsModule } from '../src/analytics.module.js';
import { ConsumerPositionEntity } from '../src/read-models/consumer-position.entity.js';
import {
  appliedMigrations,
  getJson,
  migrationNames,
  schemaDrift,
  startServiceForTest,
  tableExists,
  type ServiceUnderTest,
} from '../../scheduling/test/support/service-harness.js';

describe('analytics service skeleton', () => {
  let service: ServiceUnderTest;

  beforeAll(async () => {
    service = await startServiceForTest({
      defaults: ANALYTICS_DEFAULTS,
      api: ANALYTICS_API,
      module: (config) => AnalyticsModule.forRoot(config),
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('reports health: database up, no pending migrations', async () => {
    const { status, body } = await getJson(service.app, '/health');
    expect(status).toBe(200);
    expect(body).toEqual({
      service: 'analytics',
      status: 'up',
      checks: { database: { up: true, detail: { pendingMigrations: false } } },
    });
  });

  it('publishes its OpenAPI document', async () => {
    const { status, body } = await getJson(service.app, '/docs/openapi.json');
    expect(status).toBe(200);
    expect(body.info.title).toBe(ANALYTICS_API.title);
    expect(Object.keys(body.paths)).toContain('/health');
  });

  it('migrated its own database at boot', async () => {
    expect(await appliedMigrations(service.dataSource)).toEqual(migrationNames(ANALYTICS_MIGRATIONS));
    expect(await tableExists(service.dataSource, 'consumer_position')).toBe(true);
  });

  it('has migrations that match the entities exactly', async () => {
    expect(await schemaDrift(service.dataSource)).toEqual([]);
  });

  it('keeps one position per read model and topic partition, beyond 32-bit offsets', async () => {
    const positions = service.dataSource.getRepository(ConsumerPositionEntity);
    const key = { readModel: 'utilization', topic: 'erp.sales-orders', partition: 3 };
    await positions.save(positions.create({ ...key, nextOffset: '42' }));
    await positions.save(positions.create({ ...key, nextOffset: '9007199254740993' }));
    expect(await positions.findBy(key)).toEqual([expect.objectContaining({ ...key, nextOffset: '9007199254740993' })]);
  });

  it('can undo its last migration and apply it again', async () => {
    await service.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tableExists(service.dataSource, 'consumer_position')).toBe(false);
    await service.dataSource.runMigrations({ transaction: 'each' });
    expect(await tableExists(service.dataSource, 'consumer_position')).toBe(true);
    expect(await schemaDrift(service.dataSource)).toEqual([]);
  });
});
