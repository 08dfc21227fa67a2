import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiAuth, Roles } from '#auth';
import { STAFF } from '../staff-roles.js';
import { CatalogueService } from './catalogue.service.js';
import { ServiceTemplateInput, SkuParam } from './dto/service-template.dto.js';

@ApiTags('service catalogue')
@ApiAuth()
@Roles(...STAFF, 'integration')
@Controller('catalogue')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('service-skus')
  @ApiOperation({ summary: 'The SKUs ServiceLoop invoices through psa.invoices (ERP connectors read this list)' })
  async serviceSkus() {
    return (await this.catalogue.list()).map(({ sku, name, kind }) => ({ sku, name, kind }));
  }

  @Get('templates')
  @ApiOperation({ summary: 'Service templates' })
  @ApiQuery({ name: 'includeInactive', required: false, type: Boolean })
  templates(@Query('includeInactive') includeInactive?: string) {
    return this.catalogue.list(includeInactive === 'true');
  }

  @Get('templates/:sku')
  @ApiOperation({ summary: 'One service template' })
  template(@Param() { sku }: SkuParam) {
    return this.catalogue.get(sku);
  }

  @Put('templates/:sku')
  @Roles('service_manager', 'head_of_service')
  @ApiOperation({ summary: 'Create or replace a service template (new orders use it; existing commitments keep their snapshot)' })
  put(@Param() { sku }: SkuParam, @Body() input: ServiceTemplateInput) {
    return this.catalogue.put(sku, input);
  }
}
