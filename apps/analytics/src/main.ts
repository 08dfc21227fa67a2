import 'reflect-metadata';
import { bootstrapService, loadServiceConfig } from '#platform';
import { ANALYTICS_API, ANALYTICS_DEFAULTS, AnalyticsModule } from './analytics.module.js';

const config = loadServiceConfig(ANALYTICS_DEFAULTS);
await bootstrapService({ module: AnalyticsModule.forRoot(config), config, ...ANALYTICS_API });
