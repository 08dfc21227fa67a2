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

@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Optional() private readonly dataSource?: DataSource,
    @Optional() @Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[] = [],
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and readiness: database, migrations and Kafka consumer' })
  async health() {
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
    for (const indicator of this.indicators ?? []) {
      try {
        checks[indicator.name] = await indicator.check();
      } catch (error) {
        checks[indicator.name] = { up: false, detail: (error as Error).message };
      }
    }
    const up = Object.values(checks).every((c) => c.up);
    const body = { service: this.config.serviceName, status: up ? 'up' : 'down', checks };
    if (!up) throw new ServiceUnavailableException(body);
    return body;
  }
}
