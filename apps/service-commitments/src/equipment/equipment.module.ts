import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AmcModule } from '../amc/amc.module.js';
import { CoverageService } from '../coverage/coverage.service.js';
import { TaskCoreModule } from '../tasks/task-core.module.js';
import { DispatchesService } from './dispatches.service.js';
import { EquipmentController } from './equipment.controller.js';
import { EquipmentService } from './equipment.service.js';
import { InstalledEquipmentEntity } from './installed-equipment.entity.js';

/** Installed machines, their warranty windows, and what covers them on a date. */
@Module({
  imports: [TypeOrmModule.forFeature([InstalledEquipmentEntity]), TaskCoreModule, AmcModule],
  controllers: [EquipmentController],
  providers: [DispatchesService, EquipmentService, CoverageService],
  exports: [DispatchesService, EquipmentService, CoverageService],
})
export class EquipmentModule {}
