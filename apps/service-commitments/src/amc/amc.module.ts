import { Module } from '@nestjs/common';
import { TaskCoreModule } from '../tasks/task-core.module.js';
import { AmcController } from './amc.controller.js';
import { AmcService } from './amc.service.js';
import { AmcVisitRelease } from './amc-visit-release.js';

@Module({ imports: [TaskCoreModule], controllers: [AmcController], providers: [AmcService, AmcVisitRelease], exports: [AmcService] })
export class AmcModule {}
