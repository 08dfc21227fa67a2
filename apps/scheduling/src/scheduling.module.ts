import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type HttpSetup, type ServiceConfig, type ServiceDefaults } from '#platform';
import { ServiceDatabaseModule } from '#persistence';
import { EngineerEntity } from './engineers/engineer.entity.js';
import { CreateEngineers1764100000000 } from './migrations/1764100000000-CreateEngineers.js';

export const SCHEDULING_DEFAULTS: ServiceDefaults = {
  serviceName: 'scheduling',
  httpPort: 3002,
  databaseName: 'serviceloop_scheduling',
};

export const SCHEDULING_API: HttpSetup = {
  title: 'ServiceLoop scheduling',
  description: 'Engineers, calendars and bookings; turns ready tasks into scheduled visits.',
};

export const SCHEDULING_ENTITIES = [EngineerEntity];
export const SCHEDULING_MIGRATIONS = [CreateEngineers1764100000000];

@Module({})
export class SchedulingModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: SchedulingModule,
      imports: [
        PlatformModule.forRoot(config),
        ServiceDatabaseModule.forRoot({ entities: SCHEDULING_ENTITIES, migrations: SCHEDULING_MIGRATIONS }),
      ],
    };
  }
}
