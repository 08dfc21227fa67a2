import { Module, type DynamicModule } from '@nestjs/common';
import { Topics } from '#contracts';
import { MessagingModule } from '#messaging';
import { ServiceDatabaseModule } from '#persistence';
import { PlatformModule, type ServiceConfig } from '#platform';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { ProjectsModule } from './projects/projects.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { EquipmentModule } from './equipment/equipment.module.js';
import { ServiceRequestsModule } from './service-requests/service-requests.module.js';
import { EscalationsModule } from './escalations/escalations.module.js';
import { BillingStatusModule } from './billing-status/billing-status.module.js';
import { AuthModule, type AuthConfig } from '#auth';
import { SERVICE_COMMITMENTS_ENTITIES, SERVICE_COMMITMENTS_MIGRATIONS } from './service-commitments.database.js';
import { SERVICE_COMMITMENTS_CONSUMED_TOPICS } from './consumed-topics.js';

export const SERVICE_COMMITMENTS_DEFAULTS = {
  serviceName: 'service-commitments',
  httpPort: 3001,
  databaseName: 'serviceloop_commitments',
};

/** What was promised on every order, what is pending and what is done. */
@Module({})
export class ServiceCommitmentsModule {
  static forRoot(config: ServiceConfig, auth: AuthConfig): DynamicModule {
    return {
      module: ServiceCommitmentsModule,
      imports: [
        PlatformModule.forRoot(config),
        AuthModule.forRoot(auth),
        ServiceDatabaseModule.forRoot({ entities: SERVICE_COMMITMENTS_ENTITIES, migrations: SERVICE_COMMITMENTS_MIGRATIONS }),
        MessagingModule.forRoot({ consumes: [...SERVICE_COMMITMENTS_CONSUMED_TOPICS], produces: [Topics.serviceProjects] }),
        CatalogueModule,
        ProjectsModule,
        EquipmentModule,
        TasksModule,
        ServiceRequestsModule,
        EscalationsModule,
        BillingStatusModule,
      ],
    };
  }
}
