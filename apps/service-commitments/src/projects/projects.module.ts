import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { CommitmentEntity } from './commitment.entity.js';
import { OrderLineEntity } from './order-line.entity.js';
import { ProjectsConsumer } from './projects.consumer.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsService } from './projects.service.js';
import { ServiceProjectEntity } from './service-project.entity.js';
import { TaskEntity } from './task.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([ServiceProjectEntity, OrderLineEntity, CommitmentEntity, TaskEntity]), CatalogueModule],
  controllers: [ProjectsController, ProjectsConsumer],
  providers: [ProjectsService],
})
export class ProjectsModule {}
