import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule, type AuthConfig } from '#auth';
import { Topics } from '#contracts';
import { MessagingModule } from '#messaging';
import { ServiceDatabaseModule } from '#persistence';
import { PlatformModule, type HttpSetup, type ServiceConfig, type ServiceDefaults } from '#platform';
import { ApprovalsModule } from './approvals/approvals.module.js';
import { AuditModule } from './audit/audit.module.js';
import { FieldWorkCoreModule } from './core/field-work-core.module.js';
import { FieldWorkErrorFilter } from './errors/field-work-error.filter.js';
import { ExpensesModule } from './expenses/expenses.module.js';
import { FIELD_EXECUTION_ENTITIES, FIELD_EXECUTION_MIGRATIONS } from './field-execution.database.js';
import { PartsModule } from './parts/parts.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { TimeModule } from './time/time.module.js';
import { VisitsModule } from './visits/visits.module.js';
import { FIELD_EXECUTION_CONSUMED_TOPICS } from './consumed-topics.js';

export { FIELD_EXECUTION_ENTITIES, FIELD_EXECUTION_MIGRATIONS } from './field-execution.database.js';

export const FIELD_EXECUTION_DEFAULTS: ServiceDefaults = {
  serviceName: 'field-execution',
  httpPort: 3003,
  databaseName: 'serviceloop_field_execution',
};

export const FIELD_EXECUTION_API: HttpSetup = {
  title: 'ServiceLoop field-execution',
  description: 'Visits on site: check-in/out, checklists, time, expenses, parts, approvals and sign-off.',
};

/** What happens on site, from scheduling's booking to the customer's sign-off. */
@Module({})
export class FieldExecutionModule {
  static forRoot(config: ServiceConfig, auth: AuthConfig): DynamicModule {
    return {
      module: FieldExecutionModule,
      imports: [
        PlatformModule.forRoot(config),
        AuthModule.forRoot(auth),
        ServiceDatabaseModule.forRoot({ entities: FIELD_EXECUTION_ENTITIES, migrations: FIELD_EXECUTION_MIGRATIONS }),
        MessagingModule.forRoot({ consumes: [...FIELD_EXECUTION_CONSUMED_TOPICS], produces: [Topics.fieldWork] }),
        FieldWorkCoreModule,
        TasksModule,
        VisitsModule,
        TimeModule,
        ExpensesModule,
        ApprovalsModule,
        PartsModule,
        ReportsModule,
        AuditModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: FieldWorkErrorFilter }],
    };
  }
}
