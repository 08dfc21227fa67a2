import 'reflect-metadata';
import { bootstrapService, loadServiceConfig } from '#platform';
import { BILLING_API, BILLING_DEFAULTS, BillingModule } from './billing.module.js';

const config = loadServiceConfig(BILLING_DEFAULTS);
await bootstrapService({ module: BillingModule.forRoot(config), config, ...BILLING_API });
