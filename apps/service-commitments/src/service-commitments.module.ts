import { Module, type DynamicModule } from '@nestjs/common';
import { Topics } from '#contracts';
import { MessagingModule } from '#messaging';
import { ServiceDatabaseModule } from '#persistence';
import { PlatformModule, type ServiceConfig } from '#platform';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { ProjectsModule } from './projects/projects.module.js';
import { SERVICE_COMMITMENTS_ENTITIES, SERVICE_COMMITMENTS_MIGRATIONS } from './service-commitments.database.js';

export const SERVICE_COMMITMENTS_DEFAULTS = {
  serviceName: 'service-commitments',
  httpPort: 3001,
  databaseName: 'serviceloop_commitments',
};

/** What was promised on every order, what is pending and what is done. */
@Module({})
export class ServiceCommitmentsModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: ServiceCommitmentsModule,
      imports: [
        PlatformModule.forRoot(config),
        ServiceDatabaseModule.forRoot({ entities: SERVICE_COMMITMENTS_ENTITIES, migrations: SERVICE_COMMITMENTS_MIGRATIONS }),
        MessagingModule.forRoot({ consumes: [Topics.salesOrders], produces: [Topics.serviceProjects] }),
        CatalogueModule,
        ProjectsModule,
      ],
    };
  }
}
