import { Module } from '@nestjs/common';
import { TaskCoreModule } from '../tasks/task-core.module.js';
import { AmcService } from './amc.service.js';

@Module({ imports: [TaskCoreModule], providers: [AmcService], exports: [AmcService] })
export class AmcModule {}
