import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ApiAuth, assertCanSeeCustomer, CurrentPrincipal, customerScope, Roles, type Principal } from '#auth';
import { ListPage } from '#platform';
import { STAFF } from '../staff-roles.js';
import { EquipmentService } from './equipment.service.js';

export class SerialParam {
  @ApiProperty({ example: 'INJ250-0009' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, { message: 'serialNumber must be a machine serial number' })
  serialNumber: string;
}

export class EquipmentQuery extends ListPage {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() projectId?: string;
}

@ApiTags('installed equipment')
@ApiAuth()
@Roles(...STAFF, 'customer')
@Controller('equipment')
export class EquipmentController {
  constructor(private readonly equipment: EquipmentService) {}

  @Get()
  @ApiOperation({ summary: 'Machines at customer sites, with warranty (a customer sees only its own), oldest first; a page at a time (limit up to 500, offset)' })
  list(@Query() { limit, offset, ...filter }: EquipmentQuery, @CurrentPrincipal() principal: Principal) {
    const scope = customerScope(principal);
    if (scope && filter.customerId) assertCanSeeCustomer(principal, filter.customerId);
    return this.equipment.list({ ...filter, ...(scope ? { customerId: scope } : {}) }, { limit, offset });
  }

  @Get(':serialNumber')
  @ApiOperation({ summary: 'One machine: dispatch, installation, warranty window and AMC contracts' })
  get(@Param() { serialNumber }: SerialParam, @CurrentPrincipal() principal: Principal) {
    return this.equipment.get(serialNumber, customerScope(principal));
  }
}
