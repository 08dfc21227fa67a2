import { DynamicModule, Global, Module } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from './config.js';
import { HealthController } from './health.controller.js';
import { ClockModule } from './clock.js';
import { Metrics, MetricsController } from './metrics.js';
import { TracingFlush } from './tracing.js';

/** Config, clock, health probes, Prometheus metrics and the trace flush at shutdown for every service. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [ClockModule],
      providers: [{ provide: SERVICE_CONFIG, useValue: config }, Metrics, TracingFlush],
      controllers: [HealthController, MetricsController],
      exports: [SERVICE_CONFIG, ClockModule, Metrics],
    };
  }
}
