import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule, type AuthConfig } from '#auth';
import { Topics } from '#contracts';
import { MessagingModule } from '#messaging';
import { ServiceDatabaseModule } from '#persistence';
import { PlatformModule, type HttpSetup, type ServiceConfig, type ServiceDefaults } from '#platform';
import { AssignmentModule } from './assignment/assignment.module.js';
import { CalendarsModule } from './calendars/calendars.module.js';
import { EngineersModule } from './engineers/engineers.module.js';
import { SchedulesModule } from './schedules/schedules.module.js';
import { SCHEDULING_CONFIG, loadSchedulingConfig, type SchedulingConfig } from './scheduling.config.js';
import { SCHEDULING_ENTITIES, SCHEDULING_MIGRATIONS } from './scheduling.database.js';
import { SCHEDULING_CONSUMED_TOPICS } from './consumed-topics.js';

export { SCHEDULING_ENTITIES, SCHEDULING_MIGRATIONS };

export const SCHEDULING_DEFAULTS: ServiceDefaults = {
  serviceName: 'scheduling',
  httpPort: 3002,
  databaseName: 'serviceloop_scheduling',
};

export const SCHEDULING_API: HttpSetup = {
  title: 'ServiceLoop scheduling',
  description:
    'Engineers, skills and certificates, calendars, leave and holidays; turns ready tasks into booked visits under hard rules and weighted preferences, ' +
    'explains every decision, and lets PostgreSQL guarantee no engineer is booked twice.',
};

/** Engineers, calendars and bookings: who goes where, when, and why. */
@Module({})
export class SchedulingModule {
  static forRoot(config: ServiceConfig, auth: AuthConfig, scheduling: SchedulingConfig = loadSchedulingConfig()): DynamicModule {
    return {
      module: SchedulingModule,
      imports: [
        PlatformModule.forRoot(config),
        AuthModule.forRoot(auth),
        ServiceDatabaseModule.forRoot({ entities: SCHEDULING_ENTITIES, migrations: SCHEDULING_MIGRATIONS }),
        MessagingModule.forRoot({ consumes: [...SCHEDULING_CONSUMED_TOPICS], produces: [Topics.schedules] }),
        { module: SchedulingConfigModule, global: true, providers: [{ provide: SCHEDULING_CONFIG, useValue: scheduling }], exports: [SCHEDULING_CONFIG] },
        AssignmentModule,
        CalendarsModule,
        EngineersModule,
        SchedulesModule,
      ],
    };
  }
}

@Module({})
class SchedulingConfigModule {}
