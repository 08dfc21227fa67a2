import 'reflect-metadata';
import { loadAuthConfig } from '#auth';
import { KafkaEventTransport } from '#messaging';
import { bootstrapService, loadServiceConfig } from '#platform';
import { BILLING_API, BILLING_DEFAULTS, BillingModule, billingDefaultCurrency, billingRequestMaxLines } from './billing.module.js';

const config = loadServiceConfig(BILLING_DEFAULTS);
await bootstrapService({
  module: BillingModule.forRoot(config, loadAuthConfig(), billingDefaultCurrency(), billingRequestMaxLines()),
  config,
  ...BILLING_API,
  transport: (app) => app.get(KafkaEventTransport),
});
