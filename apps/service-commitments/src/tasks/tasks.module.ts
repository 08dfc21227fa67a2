import { Module } from '@nestjs/common';
import { EquipmentModule } from '../equipment/equipment.module.js';
import { TaskCoreModule } from './task-core.module.js';
import { TasksController } from './tasks.controller.js';
import { TasksService } from './tasks.service.js';

@Module({ imports: [TaskCoreModule, EquipmentModule], controllers: [TasksController], providers: [TasksService], exports: [TasksService] })
export class TasksModule {}
