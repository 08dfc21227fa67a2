import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule, type AuthConfig } from '#auth';
import { PlatformModule, type HttpSetup, type ServiceConfig, type ServiceDefaults } from '#platform';
import { ServiceDatabaseModule } from '#persistence';
import { ANALYTICS_ENTITIES, ANALYTICS_MIGRATIONS } from './analytics.database.js';
import { IngestModule } from './ingest/ingest.module.js';
import { ReportsModule } from './reports/reports.module.js';

export { ANALYTICS_ENTITIES, ANALYTICS_MIGRATIONS } from './analytics.database.js';

export const ANALYTICS_DEFAULTS: ServiceDefaults = {
  serviceName: 'analytics',
  httpPort: 3005,
  databaseName: 'serviceloop_analytics',
};

export const ANALYTICS_API: HttpSetup = {
  title: 'ServiceLoop analytics',
  description: 'Read models and reports built from every event; CSV export; rebuild from the log.',
};

/** Read models built from the event log, and the reports over them. */
@Module({})
export class AnalyticsModule {
  static forRoot(config: ServiceConfig, auth: AuthConfig): DynamicModule {
    return {
      module: AnalyticsModule,
      imports: [
        PlatformModule.forRoot(config),
        AuthModule.forRoot(auth),
        ServiceDatabaseModule.forRoot({ entities: ANALYTICS_ENTITIES, migrations: ANALYTICS_MIGRATIONS }),
        IngestModule,
        ReportsModule,
      ],
    };
  }
}
