import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { SERVICE_CONFIG, type ServiceConfig } from './config.js';
import { HealthController } from './health.controller.js';
import { ClockModule } from './clock.js';
import { HttpIdempotencyRepository } from './http-idempotency.repository.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { Metrics, MetricsController } from './metrics.js';
import { TracingFlush } from './tracing.js';

/**
 * Config, clock, health probes, Prometheus metrics, the trace flush at shutdown
 * and `Idempotency-Key` on every POST and PATCH (HttpIdempotencyEntity must be
 * among the service's entities) for every service.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [ClockModule],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        Metrics,
        TracingFlush,
        HttpIdempotencyRepository,
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      controllers: [HealthController, MetricsController],
      exports: [SERVICE_CONFIG, ClockModule, Metrics],
    };
  }
}
