import { Module } from '@nestjs/common';
import { EquipmentModule } from '../equipment/equipment.module.js';
import { EscalationsModule } from '../escalations/escalations.module.js';
import { TaskCoreModule } from '../tasks/task-core.module.js';
import { ServiceRequestsController } from './service-requests.controller.js';
import { ServiceRequestsService } from './service-requests.service.js';

/** Breakdowns on installed machines, with coverage, SLA clock and breakdown task. */
@Module({
  imports: [EquipmentModule, TaskCoreModule, EscalationsModule],
  controllers: [ServiceRequestsController],
  providers: [ServiceRequestsService],
})
export class ServiceRequestsModule {}
