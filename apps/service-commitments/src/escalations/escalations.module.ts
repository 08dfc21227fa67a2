import { Module } from '@nestjs/common';
import { ESCALATION_CONFIG, loadEscalationConfig } from './escalation.config.js';
import { EscalationsController } from './escalations.controller.js';
import { EscalationsService } from './escalations.service.js';
import { NotificationDelivery } from './notification-delivery.js';
import { SlaMonitor } from './sla-monitor.js';

/** Escalation of SLA targets and overdue tasks up the service organisation, with notifications. */
@Module({
  controllers: [EscalationsController],
  providers: [
    // Read and validated once, when the module is built: a bad value stops the service naming the variable.
    { provide: ESCALATION_CONFIG, useFactory: () => loadEscalationConfig() },
    EscalationsService,
    NotificationDelivery,
    SlaMonitor,
  ],
  exports: [EscalationsService],
})
export class EscalationsModule {}
