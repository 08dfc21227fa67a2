import {
  FIELD_EXECUTION_API,
  FIELD_EXECUTION_DEFAULTS,
  FIELD_EXECUTION_MIGRATIONS,
  FieldExecutionModule,
} from '../src/field-execution.module.js';
import { VisitEntity } from '../src/visits/visit.entity.js';
import {
  appliedMigrations,
  getJson,
  migrationNames,
  schemaDrift,
  startServiceForTest,
  tableExists,
  type ServiceUnderTest,
} from '../../scheduling/test/support/service-harness.js';

const TASK_ID = '0b6f3f57-5c1e-4a52-9d0b-2f8f4a7e1c01';
const ENGINEER_ID = '7d2c9a10-31a4-4c8e-8f61-5b0e2d9c4a02';

describe('field-execution service skeleton', () => {
  let service: ServiceUnderTest;

  beforeAll(async () => {
    service = await startServiceForTest({
      defaults: FIELD_EXECUTION_DEFAULTS,
      api: FIELD_EXECUTION_API,
      module: (config) => FieldExecutionModule.forRoot(config),
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('reports health: database up, no pending migrations', async () => {
    const { status, body } = await getJson(service.app, '/health');
    expect(status).toBe(200);
    expect(body).toEqual({
      service: 'field-execution',
      status: 'up',
      checks: { database: { up: true, detail: { pendingMigrations: false } } },
    });
  });

  it('publishes its OpenAPI document', async () => {
    const { status, body } = await getJson(service.app, '/docs/openapi.json');
    expect(status).toBe(200);
    expect(body.info.title).toBe(FIELD_EXECUTION_API.title);
    expect(Object.keys(body.paths)).toContain('/health');
  });

  it('migrated its own database at boot', async () => {
    expect(await appliedMigrations(service.dataSource)).toEqual(migrationNames(FIELD_EXECUTION_MIGRATIONS));
    expect(await tableExists(service.dataSource, 'visit')).toBe(true);
  });

  it('has migrations that match the entities exactly', async () => {
    expect(await schemaDrift(service.dataSource)).toEqual([]);
  });

  it('stores a visit as scheduled and refuses an empty time window', async () => {
    const visits = service.dataSource.getRepository(VisitEntity);
    const window = { scheduledStart: new Date('2026-11-27T03:30:00Z'), scheduledEnd: new Date('2026-11-27T11:30:00Z') };
    const saved = await visits.save(visits.create({ taskId: TASK_ID, engineerId: ENGINEER_ID, ...window }));
    const loaded = await visits.findOneByOrFail({ id: saved.id });
    expect(loaded).toMatchObject({ taskId: TASK_ID, engineerId: ENGINEER_ID, status: 'scheduled', ...window });
    await expect(
      visits.insert({ taskId: TASK_ID, engineerId: ENGINEER_ID, scheduledStart: window.scheduledEnd, scheduledEnd: window.scheduledStart }),
    ).rejects.toMatchObject({ driverError: { code: '23514', constraint: 'ck_visit_window' } });
  });

  it('can undo its last migration and apply it again', async () => {
    await service.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tableExists(service.dataSource, 'visit')).toBe(false);
    await service.dataSource.runMigrations({ transaction: 'each' });
    expect(await tableExists(service.dataSource, 'visit')).toBe(true);
    expect(await schemaDrift(service.dataSource)).toEqual([]);
  });
});
