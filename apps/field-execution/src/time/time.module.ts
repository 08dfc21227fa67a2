import { Module } from '@nestjs/common';
import { TimeEntriesController } from './time-entries.controller.js';
import { TimeEntriesService } from './time-entries.service.js';

/** Engineers' time on visits, approved by service managers. */
@Module({ controllers: [TimeEntriesController], providers: [TimeEntriesService], exports: [TimeEntriesService] })
export class TimeModule {}
