import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, Roles } from '#auth';
import { ExpensesService } from '../expenses/expenses.service.js';
import { APPROVERS } from '../staff-roles.js';
import { TimeEntriesService } from '../time/time-entries.service.js';
import { ApprovalQueueQuery } from './dto/approval.dto.js';

@ApiTags('approvals')
@ApiAuth()
@Roles(...APPROVERS, 'finance')
@Controller('approvals')
export class ApprovalsController {
  constructor(
    private readonly time: TimeEntriesService,
    private readonly expenses: ExpensesService,
  ) {}

  @Get('time-entries')
  @ApiOperation({ summary: 'Time entries waiting for a decision (status=submitted, the default), oldest first; or those approved or rejected; a page at a time (limit up to 500, offset)' })
  timeEntries(@Query() query: ApprovalQueueQuery) {
    return this.time.queue(query);
  }

  @Get('expenses')
  @ApiOperation({ summary: 'Expenses waiting for a decision (status=submitted, the default), oldest first; or those approved or rejected; a page at a time (limit up to 500, offset)' })
  expensesQueue(@Query() query: ApprovalQueueQuery) {
    return this.expenses.queue(query);
  }
}
