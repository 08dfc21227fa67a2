import { Body, Controller, Get, Param, Post, Query, UseFilters } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, assertCanSeeCustomer, CurrentPrincipal, customerScope, Roles, type Principal } from '#auth';
import { SERVICE_DESK, STAFF } from '../staff-roles.js';
import { HoldServiceRequestInput, RaiseServiceRequestInput, ServiceRequestIdParam, ServiceRequestQuery } from './dto/service-request.dto.js';
import { ServiceRequestExceptionFilter } from './service-request.exception.js';
import { ServiceRequestsService } from './service-requests.service.js';

@ApiTags('service requests')
@ApiAuth()
@UseFilters(ServiceRequestExceptionFilter)
@Roles(...SERVICE_DESK)
@Controller('service-requests')
export class ServiceRequestsController {
  constructor(private readonly requests: ServiceRequestsService) {}

  @Post()
  @Roles(...SERVICE_DESK, 'customer')
  @ApiOperation({ summary: 'Report a breakdown on a machine: coverage and SLA are decided, the clock starts, a breakdown task is ready' })
  @ApiNotFoundResponse({ description: 'No such machine (or, for a customer, not one of theirs): code MACHINE_NOT_FOUND' })
  raise(@Body() input: RaiseServiceRequestInput, @CurrentPrincipal() principal: Principal) {
    return this.requests.raise(input, principal.name ?? principal.subject, customerScope(principal));
  }

  @Get()
  @Roles(...STAFF, 'customer')
  @ApiOperation({ summary: 'Service requests, newest first, with their SLA state now (a customer sees only its own)' })
  list(@Query() query: ServiceRequestQuery, @CurrentPrincipal() principal: Principal) {
    if (query.customerId) assertCanSeeCustomer(principal, query.customerId);
    return this.requests.list(query, customerScope(principal));
  }

  @Get(':id')
  @Roles(...STAFF, 'customer')
  @ApiOperation({ summary: 'One service request: coverage, both SLA targets now (state, elapsed, due), holds and escalations' })
  @ApiNotFoundResponse({ description: 'code SERVICE_REQUEST_NOT_FOUND' })
  get(@Param() { id }: ServiceRequestIdParam, @CurrentPrincipal() principal: Principal) {
    return this.requests.get(id, customerScope(principal));
  }

  @Post(':id/respond')
  @ApiOperation({ summary: 'Record the first response to the customer; meets the response target' })
  @ApiConflictResponse({ description: 'code ALREADY_RESPONDED, ALREADY_RESOLVED or TIME_WENT_BACKWARDS' })
  respond(@Param() { id }: ServiceRequestIdParam) {
    return this.requests.respond(id);
  }

  @Post(':id/hold')
  @ApiOperation({ summary: 'On hold for the customer, with a reason: the SLA clock stops and the breakdown task waits' })
  @ApiConflictResponse({ description: 'code ALREADY_PAUSED or ALREADY_RESOLVED' })
  hold(@Param() { id }: ServiceRequestIdParam, @Body() input: HoldServiceRequestInput) {
    return this.requests.hold(id, input.reason, input.taskHoldReason);
  }

  @Post(':id/resume')
  @ApiOperation({ summary: 'Off hold: the SLA clock runs on and the deadlines move by the time spent on hold' })
  @ApiConflictResponse({ description: 'code NOT_PAUSED or ALREADY_RESOLVED' })
  resume(@Param() { id }: ServiceRequestIdParam) {
    return this.requests.resume(id);
  }

  @Post(':id/resolve')
  @ApiOperation({ summary: 'The machine runs again: the clock stops, the breakdown task is done, resolved is emitted with whether targets were met' })
  @ApiConflictResponse({ description: 'code ALREADY_RESOLVED' })
  resolve(@Param() { id }: ServiceRequestIdParam) {
    return this.requests.resolve(id);
  }
}
