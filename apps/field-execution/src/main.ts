import 'reflect-metadata';
import { loadAuthConfig } from '#auth';
import { KafkaEventTransport } from '#messaging';
import { bootstrapService, loadServiceConfig } from '#platform';
import { FIELD_EXECUTION_API, FIELD_EXECUTION_DEFAULTS, FieldExecutionModule } from './field-execution.module.js';

const config = loadServiceConfig(FIELD_EXECUTION_DEFAULTS);
await bootstrapService({
  module: FieldExecutionModule.forRoot(config, loadAuthConfig()),
  config,
  ...FIELD_EXECUTION_API,
  transport: (app) => app.get(KafkaEventTransport),
});
