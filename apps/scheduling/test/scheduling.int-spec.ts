import { SCHEDULING_API, SCHEDULING_DEFAULTS, SCHEDULING_MIGRATIONS, SchedulingModule } from '../src/scheduling.module.js';
import { EngineerEntity } from '../src/engineers/engineer.entity.js';
import {
  appliedMigrations,
  getJson,
  migrationNames,
  schemaDrift,
  startServiceForTest,
  tableExists,
  type ServiceUnderTest,
} from './support/service-harness.js';

describe('scheduling service skeleton', () => {
  let service: ServiceUnderTest;

  beforeAll(async () => {
    service = await startServiceForTest({
      defaults: SCHEDULING_DEFAULTS,
      api: SCHEDULING_API,
      module: (config) => SchedulingModule.forRoot(config),
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('reports health: database up, no pending migrations', async () => {
    const { status, body } = await getJson(service.app, '/health');
    expect(status).toBe(200);
    expect(body).toEqual({
      service: 'scheduling',
      status: 'up',
      checks: { database: { up: true, detail: { pendingMigrations: false } } },
    });
  });

  it('publishes its OpenAPI document', async () => {
    const { status, body } = await getJson(service.app, '/docs/openapi.json');
    expect(status).toBe(200);
    expect(body.info.title).toBe(SCHEDULING_API.title);
    expect(Object.keys(body.paths)).toContain('/health');
  });

  it('migrated its own database at boot', async () => {
    expect(await appliedMigrations(service.dataSource)).toEqual(migrationNames(SCHEDULING_MIGRATIONS));
    expect(await tableExists(service.dataSource, 'engineer')).toBe(true);
  });

  it('has migrations that match the entities exactly', async () => {
    expect(await schemaDrift(service.dataSource)).toEqual([]);
  });

  it('stores an engineer with database defaults and a unique email', async () => {
    const engineers = service.dataSource.getRepository(EngineerEntity);
    const saved = await engineers.save(
      engineers.create({ name: 'Asha Patil', email: 'asha.patil@example.com', homeRegion: 'MH', timezone: 'Asia/Kolkata' }),
    );
    const loaded = await engineers.findOneByOrFail({ id: saved.id });
    expect(loaded).toMatchObject({ name: 'Asha Patil', homeRegion: 'MH', timezone: 'Asia/Kolkata', active: true });
    expect(loaded.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(loaded.createdAt).toBeInstanceOf(Date);
    await expect(
      engineers.insert({ name: 'Someone Else', email: 'asha.patil@example.com', homeRegion: 'KA', timezone: 'Asia/Kolkata' }),
    ).rejects.toMatchObject({ driverError: { code: '23505' } });
  });

  it('can undo its last migration and apply it again', async () => {
    await service.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tableExists(service.dataSource, 'engineer')).toBe(false);
    await service.dataSource.runMigrations({ transaction: 'each' });
    expect(await tableExists(service.dataSource, 'engineer')).toBe(true);
    expect(await schemaDrift(service.dataSource)).toEqual([]);
  });
});
