import { DynamicModule, Global, Module } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from './config.js';
import { HealthController } from './health.controller.js';
import { ClockModule } from './clock.js';
import { Metrics, MetricsController } from './metrics.js';

/** Config, clock, health probes and Prometheus metrics for every service. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [ClockModule],
      providers: [{ provide: SERVICE_CONFIG, useValue: config }, Metrics],
      controllers: [HealthController, MetricsController],
      exports: [SERVICE_CONFIG, ClockModule, Metrics],
    };
  }
}
