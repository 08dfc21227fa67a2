import { BILLING_API, BILLING_DEFAULTS, BILLING_MIGRATIONS, BillingModule } from '../src/billing.module.js';
import { RateCardEntity } from '../src/rate-cards/rate-card.entity.js';
import {
  appliedMigrations,
  getJson,
  migrationNames,
  schemaDrift,
  startServiceForTest,
  tableExists,
  type ServiceUnderTest,
} from '../../scheduling/test/support/service-harness.js';

describe('billing service skeleton', () => {
  let service: ServiceUnderTest;

  beforeAll(async () => {
    service = await startServiceForTest({
      defaults: BILLING_DEFAULTS,
      api: BILLING_API,
      module: (config) => BillingModule.forRoot(config),
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('reports health: database up, no pending migrations', async () => {
    const { status, body } = await getJson(service.app, '/health');
    expect(status).toBe(200);
    expect(body).toEqual({
      service: 'billing',
      status: 'up',
      checks: { database: { up: true, detail: { pendingMigrations: false } } },
    });
  });

  it('publishes its OpenAPI document', async () => {
    const { status, body } = await getJson(service.app, '/docs/openapi.json');
    expect(status).toBe(200);
    expect(body.info.title).toBe(BILLING_API.title);
    expect(Object.keys(body.paths)).toContain('/health');
  });

  it('migrated its own database at boot', async () => {
    expect(await appliedMigrations(service.dataSource)).toEqual(migrationNames(BILLING_MIGRATIONS));
    expect(await tableExists(service.dataSource, 'rate_card')).toBe(true);
  });

  it('has migrations that match the entities exactly', async () => {
    expect(await schemaDrift(service.dataSource)).toEqual([]);
  });

  it('keeps a rate exact to four decimals, as a decimal string', async () => {
    const rateCards = service.dataSource.getRepository(RateCardEntity);
    const listPrice = await rateCards.save(
      rateCards.create({ customerId: null, activity: 'engineer-hour', rate: '1234567890.1234', currency: 'INR', validFrom: '2026-01-01' }),
    );
    const loaded = await rateCards.findOneByOrFail({ id: listPrice.id });
    expect(loaded).toMatchObject({ customerId: null, rate: '1234567890.1234', currency: 'INR', validFrom: '2026-01-01' });
  });

  it('refuses a negative rate and a currency that is not an ISO 4217 code', async () => {
    const rateCards = service.dataSource.getRepository(RateCardEntity);
    const card = { customerId: 'C-1007', activity: 'engineer-hour', validFrom: '2026-01-01' };
    await expect(rateCards.insert({ ...card, rate: '-1.0000', currency: 'INR' })).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'ck_rate_card_rate' },
    });
    await expect(rateCards.insert({ ...card, rate: '1500.0000', currency: 'inr' })).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'ck_rate_card_currency' },
    });
  });

  it('can undo its last migration and apply it again', async () => {
    await service.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tableExists(service.dataSource, 'rate_card')).toBe(false);
    await service.dataSource.runMigrations({ transaction: 'each' });
    expect(await tableExists(service.dataSource, 'rate_card')).toBe(true);
    expect(await schemaDrift(service.dataSource)).toEqual([]);
  });
});
