import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, CurrentPrincipal, Roles, type Principal } from '#auth';
import { BILLING_APPROVERS, LEDGER_READERS } from '../staff-roles.js';
import { CreateInvoiceRequestInput, InvoiceRequestIdParam, InvoiceRequestQuery } from './dto/invoice-request.dto.js';
import { InvoicingService } from './invoicing.service.js';

@ApiTags('invoice requests')
@ApiAuth()
@Controller('invoice-requests')
export class InvoiceRequestsController {
  constructor(private readonly invoicing: InvoicingService) {}

  @Post()
  @Roles(...BILLING_APPROVERS)
  @ApiOperation({ summary: 'Approve ready lines of a customer into invoice requests (one per order and currency); emits psa.invoice.requested.v1' })
  @ApiConflictResponse({ description: 'code NOTHING_TO_INVOICE or LINE_NOT_READY' })
  request(@Body() input: CreateInvoiceRequestInput, @CurrentPrincipal() principal: Principal) {
    return this.invoicing.request(input, principal);
  }

  @Get()
  @Roles(...LEDGER_READERS)
  @ApiOperation({ summary: 'Invoice requests with their accounting status' })
  list(@Query() query: InvoiceRequestQuery, @CurrentPrincipal() principal: Principal) {
    return this.invoicing.list(query, principal);
  }

  @Get(':id')
  @Roles(...LEDGER_READERS)
  @ApiOperation({ summary: 'One invoice request with its lines and accounting status' })
  get(@Param() { id }: InvoiceRequestIdParam, @CurrentPrincipal() principal: Principal) {
    return this.invoicing.get(id, principal);
  }
}
