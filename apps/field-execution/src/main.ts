import 'reflect-metadata';
import { bootstrapService, loadServiceConfig } from '#platform';
import { FIELD_EXECUTION_API, FIELD_EXECUTION_DEFAULTS, FieldExecutionModule } from './field-execution.module.js';

const config = loadServiceConfig(FIELD_EXECUTION_DEFAULTS);
await bootstrapService({ module: FieldExecutionModule.forRoot(config), config, ...FIELD_EXECUTION_API });
