import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AmcModule } from '../amc/amc.module.js';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { EquipmentModule } from '../equipment/equipment.module.js';
import { TaskCoreModule } from '../tasks/task-core.module.js';
import { CommitmentWork } from './commitment-work.js';
import { OrderChangesService } from './order-changes.service.js';
import { ProjectsConsumer } from './projects.consumer.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsService } from './projects.service.js';
import { ReviewItemEntity } from './review-item.entity.js';
import { ReviewItemsController } from './review-items.controller.js';
import { ServiceProjectEntity } from './service-project.entity.js';
import { CustomerSitesController } from '../customers/customer-sites.controller.js';
import { CustomerSitesService } from '../customers/customer-sites.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ServiceProjectEntity, ReviewItemEntity]), CatalogueModule, TaskCoreModule, AmcModule, EquipmentModule],
  controllers: [ProjectsController, ProjectsConsumer, ReviewItemsController, CustomerSitesController],
  providers: [ProjectsService, CommitmentWork, OrderChangesService, CustomerSitesService],
})
export class ProjectsModule {}
