import { DynamicModule, Global, Module } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from './config.js';
import { HealthController } from './health.controller.js';
import { ClockModule } from './clock.js';

/** Config, clock and health for every service. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [ClockModule],
      providers: [{ provide: SERVICE_CONFIG, useValue: config }],
      controllers: [HealthController],
      exports: [SERVICE_CONFIG, ClockModule],
    };
  }
}
