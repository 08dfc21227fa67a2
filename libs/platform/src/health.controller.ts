import { Controller, Get, Inject, Optional, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '#auth';
import { SERVICE_CONFIG, type ServiceConfig } from './config.js';

export interface HealthIndicator {
  name: string;
  check(): Promise<{ up: boolean; detail?: unknown }>;
}
export const HEALTH_INDICATORS = Symbol('HEALTH_INDICATORS');
/** Extra checks for readiness only (e.g. that the broker answers now), beyond HEALTH_INDICATORS. */
export const READINESS_INDICATORS = Symbol('READINESS_INDICATORS');

@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Optional() private readonly dataSource?: DataSource,
    @Optional() @Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[] = [],
    @Optional() @Inject(READINESS_INDICATORS) private readonly readiness: HealthIndicator[] = [],
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and readiness: database, migrations and Kafka consumer' })
  async health() {
    return this.report(await this.checks(this.indicators ?? []));
  }

  /**
   * Liveness: the process answers. Deliberately no dependency checks, so an
   * orchestrator does not restart every instance while the database is down.
   */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers HTTP (no dependency checks)' })
  live() {
    return { service: this.config.serviceName, status: 'up' };
  }

  /** Readiness: database (no pending migrations), Kafka consumer and the broker answer; 503 otherwise. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database with no pending migrations, Kafka consumer running, broker reachable' })
  async ready() {
    const checks = await this.checks([...(this.indicators ?? []), ...(this.readiness ?? [])]);
    const database = checks.database as { up: boolean; detail?: { pendingMigrations?: boolean } } | undefined;
    if (database?.up && database.detail?.pendingMigrations) checks.database = { up: false, detail: database.detail };
    return this.report(checks);
  }

  private report(checks: Record<string, { up: boolean; detail?: unknown }>) {
    const up = Object.values(checks).every((c) => c.up);
    const body = { service: this.config.serviceName, status: up ? 'up' : 'down', checks };
    if (!up) throw new ServiceUnavailableException(body);
    return body;
  }

  private async checks(indicators: HealthIndicator[]) {
    const checks: Record<string, { up: boolean; detail?: unknown }> = {};
    if (this.dataSource) {
      try {
        await this.dataSource.query('SELECT 1');
        const pending = await this.dataSource.showMigrations();
        checks.database = { up: true, detail: { pendingMigrations: pending } };
      } catch (error) {
        checks.database = { up: false, detail: (error as Error).message };
      }
    }
    for (const indicator of indicators) {
      try {
        checks[indicator.name] = await indicator.check();
      } catch (error) {
        checks[indicator.name] = { up: false, detail: (error as Error).message };
      }
    }
    return checks;
  }
}
