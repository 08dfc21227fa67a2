import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, CurrentPrincipal, Roles, type Principal } from '#auth';
import { FIELD_STAFF } from '../staff-roles.js';
import { VisitIdParam } from '../visits/dto/visit-actions.dto.js';
import { AuditQueries } from './audit-queries.service.js';
import { AuditQuery } from './dto/audit.dto.js';

@ApiTags('audit')
@ApiAuth()
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditQueries) {}

  @Get('visits/:id/audit')
  @Roles('engineer', ...FIELD_STAFF)
  @ApiOperation({ summary: 'Every change to a visit and its time, expenses and parts: who, when, what, before and after' })
  ofVisit(@Param() { id }: VisitIdParam, @CurrentPrincipal() principal: Principal) {
    return this.audit.ofVisit(id, principal);
  }

  @Get('audit')
  @Roles(...FIELD_STAFF)
  @ApiOperation({ summary: "One record's audit trail (a visit, time entry, expense or parts consumption)" })
  ofRecord(@Query() query: AuditQuery) {
    return this.audit.ofRecord(query);
  }
}
