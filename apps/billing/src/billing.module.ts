import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type HttpSetup, type ServiceConfig, type ServiceDefaults } from '#platform';
import { ServiceDatabaseModule } from '#persistence';
import { RateCardEntity } from './rate-cards/rate-card.entity.js';
import { CreateRateCards1764100200000 } from './migrations/1764100200000-CreateRateCards.js';

export const BILLING_DEFAULTS: ServiceDefaults = {
  serviceName: 'billing',
  httpPort: 3004,
  databaseName: 'serviceloop_billing',
};

export const BILLING_API: HttpSetup = {
  title: 'ServiceLoop billing',
  description: 'Rate cards, the billing ledger, the review queue and invoice requests to the ERP.',
};

export const BILLING_ENTITIES = [RateCardEntity];
export const BILLING_MIGRATIONS = [CreateRateCards1764100200000];

@Module({})
export class BillingModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: BillingModule,
      imports: [
        PlatformModule.forRoot(config),
        ServiceDatabaseModule.forRoot({ entities: BILLING_ENTITIES, migrations: BILLING_MIGRATIONS }),
      ],
    };
  }
}
