import { Module } from '@nestjs/common';
import { VisitsModule } from '../visits/visits.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** Service reports of completed visits, as PDF. */
@Module({ imports: [VisitsModule], controllers: [ReportsController], providers: [ReportsService] })
export class ReportsModule {}
