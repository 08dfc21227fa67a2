import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type HttpSetup, type ServiceConfig, type ServiceDefaults } from '#platform';
import { ServiceDatabaseModule } from '#persistence';
import { VisitEntity } from './visits/visit.entity.js';
import { CreateVisits1764100100000 } from './migrations/1764100100000-CreateVisits.js';

export const FIELD_EXECUTION_DEFAULTS: ServiceDefaults = {
  serviceName: 'field-execution',
  httpPort: 3003,
  databaseName: 'serviceloop_field_execution',
};

export const FIELD_EXECUTION_API: HttpSetup = {
  title: 'ServiceLoop field-execution',
  description: 'Visits on site: check-in/out, checklists, time, expenses, parts, approvals and sign-off.',
};

export const FIELD_EXECUTION_ENTITIES = [VisitEntity];
export const FIELD_EXECUTION_MIGRATIONS = [CreateVisits1764100100000];

@Module({})
export class FieldExecutionModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: FieldExecutionModule,
      imports: [
        PlatformModule.forRoot(config),
        ServiceDatabaseModule.forRoot({ entities: FIELD_EXECUTION_ENTITIES, migrations: FIELD_EXECUTION_MIGRATIONS }),
      ],
    };
  }
}
