import 'reflect-metadata';
import { KafkaEventTransport } from '#messaging';
import { loadAuthConfig } from '#auth';
import { bootstrapService, loadServiceConfig } from '#platform';
import { SERVICE_COMMITMENTS_DEFAULTS, ServiceCommitmentsModule } from './service-commitments.module.js';

const config = loadServiceConfig(SERVICE_COMMITMENTS_DEFAULTS);
await bootstrapService({
  module: ServiceCommitmentsModule.forRoot(config, loadAuthConfig()),
  config,
  title: 'ServiceLoop service-commitments',
  description: 'Service catalogue, service projects, commitments and tasks made from ERP orders and dispatches; installed equipment, warranty and AMC coverage.',
  transport: (app) => app.get(KafkaEventTransport),
});
