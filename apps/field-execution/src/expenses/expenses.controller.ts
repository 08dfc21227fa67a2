import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, CurrentPrincipal, Roles, type Principal } from '#auth';
import { RejectInput } from '../approvals/dto/approval.dto.js';
import { APPROVERS, FIELD_STAFF, ON_SITE } from '../staff-roles.js';
import { VisitIdParam } from '../visits/dto/visit-actions.dto.js';
import { CorrectExpenseInput, EditExpenseInput, ExpenseIdParam, RecordExpenseInput } from './dto/expense.dto.js';
import { ExpensesService } from './expenses.service.js';

@ApiTags('expenses')
@ApiAuth()
@Controller()
export class ExpensesController {
  constructor(private readonly expenses: ExpensesService) {}

  @Post('visits/:id/expenses')
  @Roles(...ON_SITE)
  @ApiOperation({ summary: "Record an expense (travel, tools, subcontractor, other) with the rate to the order's currency when it differs" })
  @ApiBadRequestResponse({ description: 'code INVALID_AMOUNT, EXCHANGE_RATE_REQUIRED or EXCHANGE_RATE_NOT_APPLICABLE' })
  record(@Param() { id }: VisitIdParam, @Body() input: RecordExpenseInput, @CurrentPrincipal() principal: Principal) {
    return this.expenses.record(id, input, principal);
  }

  @Get('visits/:id/expenses')
  @Roles('engineer', ...FIELD_STAFF)
  @ApiOperation({ summary: "A visit's expenses, corrections and decisions included" })
  list(@Param() { id }: VisitIdParam, @CurrentPrincipal() principal: Principal) {
    return this.expenses.list(id, principal);
  }

  @Patch('expenses/:id')
  @Roles(...ON_SITE)
  @ApiOperation({ summary: 'Edit an expense still waiting for a decision' })
  @ApiConflictResponse({ description: 'code ENTRY_LOCKED once approved or rejected: record a correction instead' })
  edit(@Param() { id }: ExpenseIdParam, @Body() input: EditExpenseInput, @CurrentPrincipal() principal: Principal) {
    return this.expenses.edit(id, input, principal);
  }

  @Post('expenses/:id/corrections')
  @Roles(...ON_SITE)
  @ApiOperation({ summary: 'Correct an approved or rejected expense: a new expense that references it' })
  @ApiConflictResponse({ description: 'code CORRECTION_NOT_ALLOWED' })
  correct(@Param() { id }: ExpenseIdParam, @Body() input: CorrectExpenseInput, @CurrentPrincipal() principal: Principal) {
    return this.expenses.correct(id, input, principal);
  }

  @Post('expenses/:id/approve')
  @Roles(...APPROVERS)
  @ApiOperation({ summary: 'Approve an expense: it is locked and psa.expense.approved.v1 is emitted' })
  @ApiConflictResponse({ description: 'code ENTRY_NOT_PENDING' })
  approve(@Param() { id }: ExpenseIdParam, @CurrentPrincipal() principal: Principal) {
    return this.expenses.approve(id, principal);
  }

  @Post('expenses/:id/reject')
  @Roles(...APPROVERS)
  @ApiOperation({ summary: 'Reject an expense with a reason: it is locked; the engineer records a correction' })
  @ApiConflictResponse({ description: 'code ENTRY_NOT_PENDING' })
  reject(@Param() { id }: ExpenseIdParam, @Body() input: RejectInput, @CurrentPrincipal() principal: Principal) {
    return this.expenses.reject(id, input.reason, principal);
  }
}
