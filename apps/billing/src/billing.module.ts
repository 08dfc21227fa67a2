import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule, type AuthConfig } from '#auth';
import { Topics, isCurrencyCode } from '#contracts';
import { MessagingModule } from '#messaging';
import { ServiceDatabaseModule } from '#persistence';
import { PlatformModule, type HttpSetup, type ServiceConfig, type ServiceDefaults } from '#platform';
import { BILLING_ENTITIES, BILLING_MIGRATIONS } from './billing.database.js';
import { BillingErrorFilter } from './errors/billing-error.filter.js';
import { AccountingConsumer } from './invoicing/accounting.consumer.js';
import { InvoiceRequestsController } from './invoicing/invoice-requests.controller.js';
import { INVOICE_REQUEST_MAX_LINES, InvoicingService } from './invoicing/invoicing.service.js';
import { AdjustmentsService } from './ledger/adjustments.service.js';
import { BILLING_DEFAULT_CURRENCY, BillableWork } from './ledger/billable-work.service.js';
import { DueInstalments } from './ledger/due-instalments.js';
import { FieldWorkConsumer } from './ledger/field-work.consumer.js';
import { LedgerQueries } from './ledger/ledger-queries.service.js';
import { LedgerController } from './ledger/ledger.controller.js';
import { LedgerService } from './ledger/ledger.service.js';
import { RateCardEntity } from './rate-cards/rate-card.entity.js';
import { RateCardsController } from './rate-cards/rate-cards.controller.js';
import { RateCardsService } from './rate-cards/rate-cards.service.js';
import { WorkFactsConsumer } from './work-facts/work-facts.consumer.js';
import { WorkFactsService } from './work-facts/work-facts.service.js';
import { BILLING_CONSUMED_TOPICS } from './consumed-topics.js';

export { BILLING_ENTITIES, BILLING_MIGRATIONS } from './billing.database.js';

export const BILLING_DEFAULTS: ServiceDefaults = {
  serviceName: 'billing',
  httpPort: 3004,
  databaseName: 'serviceloop_billing',
};

export const BILLING_API: HttpSetup = {
  title: 'ServiceLoop billing',
  description: 'Rate cards, the billing ledger, the review queue and invoice requests to the ERP.',
};

/** The currency of work that names no order (a repair on a machine ServiceLoop did not sell): BILLING_DEFAULT_CURRENCY, default INR. */
export function billingDefaultCurrency(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.BILLING_DEFAULT_CURRENCY ?? 'INR';
  if (!isCurrencyCode(value)) throw new Error(`BILLING_DEFAULT_CURRENCY must be an ISO 4217 code such as INR, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * How many ready lines one POST /invoice-requests may put into requests:
 * BILLING_REQUEST_MAX_LINES, default 2000. Every line of a request travels in its
 * one psa.invoice.requested.v1 (about 200-300 bytes a line, uncompressed), which
 * must stay well under Kafka's default 1 MiB message limit; a larger selection is
 * refused with a request to narrow it.
 */
export function billingRequestMaxLines(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.BILLING_REQUEST_MAX_LINES ?? '2000';
  if (!/^[1-9]\d{0,5}$/.test(value)) throw new Error(`BILLING_REQUEST_MAX_LINES must be a whole number of lines from 1 to 999999, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** Billing: every line decided by policy and coverage, a ledger that never bills twice, invoices closed with the ERP. */
@Module({})
export class BillingModule {
  static forRoot(config: ServiceConfig, auth: AuthConfig, defaultCurrency = billingDefaultCurrency(), requestMaxLines = billingRequestMaxLines()): DynamicModule {
    return {
      module: BillingModule,
      imports: [
        PlatformModule.forRoot(config),
        AuthModule.forRoot(auth),
        ServiceDatabaseModule.forRoot({ entities: BILLING_ENTITIES, migrations: BILLING_MIGRATIONS }),
        TypeOrmModule.forFeature([RateCardEntity]),
        MessagingModule.forRoot({
          consumes: [...BILLING_CONSUMED_TOPICS],
          produces: [Topics.invoices, Topics.billing],
        }),
      ],
      controllers: [LedgerController, InvoiceRequestsController, RateCardsController, WorkFactsConsumer, FieldWorkConsumer, AccountingConsumer],
      providers: [
        { provide: APP_FILTER, useClass: BillingErrorFilter },
        { provide: BILLING_DEFAULT_CURRENCY, useValue: defaultCurrency },
        { provide: INVOICE_REQUEST_MAX_LINES, useValue: requestMaxLines },
        LedgerService,
        LedgerQueries,
        AdjustmentsService,
        BillableWork,
        DueInstalments,
        RateCardsService,
        WorkFactsService,
        InvoicingService,
      ],
    };
  }
}
