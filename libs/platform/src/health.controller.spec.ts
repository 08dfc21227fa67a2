import { ServiceUnavailableException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { loadServiceConfig } from './config.js';
import { HealthController, type HealthIndicator } from './health.controller.js';

const config = loadServiceConfig({ serviceName: 'probe', httpPort: 0, databaseName: 'unused' }, {});
const database = (state: 'up' | 'down' | 'pending') =>
  ({
    query: async () => {
      if (state === 'down') throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      return [{ '?column?': 1 }];
    },
    showMigrations: async () => state === 'pending',
  }) as unknown as DataSource;
const indicator = (name: string, up: boolean): HealthIndicator => ({ name, check: async () => ({ up }) });
const brokerDown: HealthIndicator = { name: 'broker', check: async () => { throw new Error('no answer within 3000 ms'); } };

async function status(run: () => Promise<unknown>): Promise<{ code: number; body: any }> {
  try {
    return { code: 200, body: await run() };
  } catch (error) {
    if (error instanceof ServiceUnavailableException) return { code: 503, body: error.getResponse() };
    throw error;
  }
}

describe('health probes', () => {
  it('live answers up even when the database and broker are down', () => {
    const health = new HealthController(config, database('down'), [indicator('kafka', false)], [brokerDown]);
    expect(health.live()).toEqual({ service: 'probe', status: 'up' });
  });

  it('ready is up when database, consumer and broker are', async () => {
    const health = new HealthController(config, database('up'), [indicator('kafka', true)], [indicator('broker', true)]);
    expect(await status(() => health.ready())).toEqual({
      code: 200,
      body: { service: 'probe', status: 'up', checks: { database: { up: true, detail: { pendingMigrations: false } }, kafka: { up: true }, broker: { up: true } } },
    });
  });

  it.each([
    ['the database is down', database('down'), true, indicator('broker', true), 'database'],
    ['migrations are pending', database('pending'), true, indicator('broker', true), 'database'],
    ['the consumer is not running', database('up'), false, indicator('broker', true), 'kafka'],
    ['the broker does not answer', database('up'), true, brokerDown, 'broker'],
  ])('ready is 503 when %s, naming the check', async (_what, db, consumer, broker, failed) => {
    const health = new HealthController(config, db, [indicator('kafka', consumer)], [broker]);
    const { code, body } = await status(() => health.ready());
    expect(code).toBe(503);
    expect(body.status).toBe('down');
    expect(Object.entries(body.checks).filter(([, c]) => !(c as { up: boolean }).up).map(([name]) => name)).toEqual([failed]);
  });

  it('/health keeps its old report: no broker probe, pending migrations shown but not failing', async () => {
    const health = new HealthController(config, database('pending'), [indicator('kafka', true)], [brokerDown]);
    expect(await status(() => health.health())).toEqual({
      code: 200,
      body: { service: 'probe', status: 'up', checks: { database: { up: true, detail: { pendingMigrations: true } }, kafka: { up: true } } },
    });
  });
});
