import 'reflect-metadata';
import { bootstrapService, loadServiceConfig } from '#platform';
import { SCHEDULING_API, SCHEDULING_DEFAULTS, SchedulingModule } from './scheduling.module.js';

const config = loadServiceConfig(SCHEDULING_DEFAULTS);
await bootstrapService({ module: SchedulingModule.forRoot(config), config, ...SCHEDULING_API });
