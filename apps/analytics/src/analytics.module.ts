import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type HttpSetup, type ServiceConfig, type ServiceDefaults } from '#platform';
import { ServiceDatabaseModule } from '#persistence';
import { ConsumerPositionEntity } from './read-models/consumer-position.entity.js';
import { CreateConsumerPositions1764100300000 } from './migrations/1764100300000-CreateConsumerPositions.js';

export const ANALYTICS_DEFAULTS: ServiceDefaults = {
  serviceName: 'analytics',
  httpPort: 3005,
  databaseName: 'serviceloop_analytics',
};

export const ANALYTICS_API: HttpSetup = {
  title: 'ServiceLoop analytics',
  description: 'Read models and reports built from every event; CSV export; rebuild from the log.',
};

export const ANALYTICS_ENTITIES = [ConsumerPositionEntity];
export const ANALYTICS_MIGRATIONS = [CreateConsumerPositions1764100300000];

@Module({})
export class AnalyticsModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AnalyticsModule,
      imports: [
        PlatformModule.forRoot(config),
        ServiceDatabaseModule.forRoot({ entities: ANALYTICS_ENTITIES, migrations: ANALYTICS_MIGRATIONS }),
      ],
    };
  }
}
