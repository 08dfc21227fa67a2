import 'reflect-metadata';
import { KafkaEventTransport } from '#messaging';
import { bootstrapService, loadServiceConfig } from '#platform';
import { SERVICE_COMMITMENTS_DEFAULTS, ServiceCommitmentsModule } from './service-commitments.module.js';

const config = loadServiceConfig(SERVICE_COMMITMENTS_DEFAULTS);
await bootstrapService({
  module: ServiceCommitmentsModule.forRoot(config),
  config,
  title: 'ServiceLoop service-commitments',
  description: 'Service catalogue, service projects and commitments made from ERP sales orders.',
  transport: (app) => app.get(KafkaEventTransport),
});
