import { Module } from '@nestjs/common';
import { AssignmentModule } from '../assignment/assignment.module.js';
import { CalendarsModule } from '../calendars/calendars.module.js';
import { EngineersController } from './engineers.controller.js';
import { EngineersService } from './engineers.service.js';

/** The roster: engineers, skills and certificates, regions served, working weeks. */
@Module({
  imports: [AssignmentModule, CalendarsModule],
  controllers: [EngineersController],
  providers: [EngineersService],
})
export class EngineersModule {}
