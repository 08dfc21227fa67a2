import 'reflect-metadata';
import { loadAuthConfig } from '#auth';
import { bootstrapService, loadServiceConfig } from '#platform';
import { ANALYTICS_API, ANALYTICS_DEFAULTS, AnalyticsModule } from './analytics.module.js';
import { AnalyticsEventConsumer } from './ingest/analytics-event-consumer.js';

const config = loadServiceConfig(ANALYTICS_DEFAULTS);
await bootstrapService({
  module: AnalyticsModule.forRoot(config, loadAuthConfig()),
  config,
  ...ANALYTICS_API,
  transport: (app) => app.get(AnalyticsEventConsumer),
});
