import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, CurrentPrincipal, Roles, type Principal } from '#auth';
import { BILLING_APPROVERS, LEDGER_READERS } from '../staff-roles.js';
import { AdjustmentsService } from './adjustments.service.js';
import { LedgerQuery, LineIdParam, PriceOverrideInput, ReasonInput, ReviewQueueQuery } from './dto/ledger.dto.js';
import { LedgerQueries } from './ledger-queries.service.js';

@ApiTags('ledger')
@ApiAuth()
@Controller()
export class LedgerController {
  constructor(
    private readonly queries: LedgerQueries,
    private readonly adjustments: AdjustmentsService,
  ) {}

  @Get('ledger')
  @Roles(...LEDGER_READERS)
  @ApiOperation({ summary: 'Ledger lines per project, customer or order, with totals by state (customers see their own)' })
  ledger(@Query() query: LedgerQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.ledger(query, principal);
  }

  @Get('ledger/:id')
  @Roles(...LEDGER_READERS)
  @ApiOperation({ summary: 'One ledger line with its audit trail' })
  line(@Param() { id }: LineIdParam, @CurrentPrincipal() principal: Principal) {
    return this.queries.line(id, principal);
  }

  @Get('review-queue')
  @Roles(...BILLING_APPROVERS)
  @ApiOperation({ summary: "Finance's review queue: a page of ready-line groups per customer, order, project, currency and month, and of lines in review or on hold (same limit and offset), with each list's count; flags" })
  reviewQueue(@Query() query: ReviewQueueQuery) {
    return this.queries.reviewQueue(query);
  }

  @Post('ledger/:id/hold')
  @Roles(...BILLING_APPROVERS)
  @ApiOperation({ summary: 'Hold a line (not invoiced until released), with a reason' })
  @ApiConflictResponse({ description: 'code LINE_STATE_CONFLICT' })
  hold(@Param() { id }: LineIdParam, @Body() input: ReasonInput, @CurrentPrincipal() principal: Principal) {
    return this.adjustments.apply(id, 'hold', input.reason, principal);
  }

  @Post('ledger/:id/release')
  @Roles(...BILLING_APPROVERS)
  @ApiOperation({ summary: 'Release a held line to where it was' })
  @ApiConflictResponse({ description: 'code LINE_STATE_CONFLICT' })
  release(@Param() { id }: LineIdParam, @Body() input: ReasonInput, @CurrentPrincipal() principal: Principal) {
    return this.adjustments.apply(id, 'release', input.reason, principal);
  }

  @Post('ledger/:id/write-off')
  @Roles(...BILLING_APPROVERS)
  @ApiOperation({ summary: 'Write a line off (never invoiced), with a reason' })
  @ApiConflictResponse({ description: 'code LINE_STATE_CONFLICT' })
  writeOff(@Param() { id }: LineIdParam, @Body() input: ReasonInput, @CurrentPrincipal() principal: Principal) {
    return this.adjustments.apply(id, 'write_off', input.reason, principal);
  }

  @Post('ledger/:id/rebill')
  @Roles(...BILLING_APPROVERS)
  @ApiOperation({ summary: 'Send a line in review (rejected or credited) back to ready, to be requested again' })
  @ApiConflictResponse({ description: 'code LINE_STATE_CONFLICT' })
  rebill(@Param() { id }: LineIdParam, @Body() input: ReasonInput, @CurrentPrincipal() principal: Principal) {
    return this.adjustments.apply(id, 'rebill', input.reason, principal);
  }

  @Post('ledger/:id/price')
  @Roles(...BILLING_APPROVERS)
  @ApiOperation({ summary: 'Override the unit price of a line not yet requested, with a reason' })
  @ApiConflictResponse({ description: 'code LINE_STATE_CONFLICT' })
  overridePrice(@Param() { id }: LineIdParam, @Body() input: PriceOverrideInput, @CurrentPrincipal() principal: Principal) {
    return this.adjustments.overridePrice(id, input.unitPrice, input.reason, principal);
  }
}
