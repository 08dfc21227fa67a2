import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, Roles } from '#auth';
import { SERVICE_DESK, STAFF } from '../staff-roles.js';
import { EscalationQuery, NotificationQuery } from './dto/escalation.query.js';
import { EscalationsService } from './escalations.service.js';
import { SlaMonitor } from './sla-monitor.js';

@ApiTags('escalations')
@ApiAuth()
@Controller()
export class EscalationsController {
  constructor(
    private readonly escalations: EscalationsService,
    private readonly monitor: SlaMonitor,
  ) {}

  @Get('escalations')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Escalations, oldest first: who was called in, when and why, per service request or task; a period of raising (raisedFrom, raisedBefore) and a page of it (limit up to 500, offset)' })
  list(@Query() query: EscalationQuery) {
    return this.escalations.list(query);
  }

  @Get('notifications')
  @Roles(...SERVICE_DESK)
  @ApiOperation({ summary: 'Notifications of escalations and how their delivery went (recorded, pending, sent, failed); by when their escalation was raised (raisedFrom, raisedBefore) and paged (limit up to 500, offset)' })
  notifications(@Query() query: NotificationQuery) {
    return this.escalations.notifications(query);
  }

  @Post('sla/evaluate')
  @HttpCode(200)
  @Roles('service_manager', 'head_of_service')
  @ApiOperation({ summary: 'Evaluate SLA clocks and due dates now (otherwise done every SLA_EVALUATION_INTERVAL_MS); returns what was raised' })
  evaluate() {
    return this.monitor.evaluate();
  }
}
