import 'reflect-metadata';
import { loadAuthConfig } from '#auth';
import { KafkaEventTransport } from '#messaging';
import { bootstrapService, loadServiceConfig } from '#platform';
import { loadSchedulingConfig } from './scheduling.config.js';
import { SCHEDULING_API, SCHEDULING_DEFAULTS, SchedulingModule } from './scheduling.module.js';

const config = loadServiceConfig(SCHEDULING_DEFAULTS);
await bootstrapService({
  module: SchedulingModule.forRoot(config, loadAuthConfig(), loadSchedulingConfig()),
  config,
  ...SCHEDULING_API,
  transport: (app) => app.get(KafkaEventTransport),
});
