import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength, Validate, type ValidatorConstraintInterface, ValidatorConstraint } from 'class-validator';
import { DataSource } from 'typeorm';
import { isIanaTimeZone } from '#contracts';
import { ApiAuth, assertCanSeeCustomer, CurrentPrincipal, Roles, type Principal } from '#auth';
import { OrderChangesService } from '../projects/order-changes.service.js';
import { SERVICE_DESK, STAFF } from '../staff-roles.js';
import { CustomerSitesService } from './customer-sites.service.js';

export class CustomerParam {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) customerId: string;
}

export class CustomerSiteParam extends CustomerParam {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) @Matches(/\S/, { message: 'siteId must not be blank' }) siteId: string;
}

@ValidatorConstraint({ name: 'isIanaTimeZone' })
class IanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return value === null || value === undefined || isIanaTimeZone(value);
  }
  defaultMessage(): string {
    return 'timezone must be an IANA time zone such as Asia/Kolkata';
  }
}

export class SiteInput {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) name?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) address?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) city?: string | null;
  @ApiPropertyOptional({ description: 'Region code as the ERP writes it (e.g. MH); scheduling matches engineers on it' })
  @IsOptional() @IsString() @MaxLength(50) region?: string | null;
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2' })
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code (2 uppercase letters)' }) country?: string | null;
  @ApiPropertyOptional({ example: 'Asia/Kolkata' }) @IsOptional() @Validate(IanaTimeZone) timezone?: string | null;
  @ApiPropertyOptional({ description: 'Make it the customer’s default site (a customer without one gets the first site entered anyway)' })
  @IsOptional() @IsBoolean() default?: boolean;
}

export class DefaultSiteInput {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) @Matches(/\S/, { message: 'siteId must not be blank' }) siteId: string;
}

/**
 * The customer master's sites. An ERP order without a site is done at its
 * customer's default site; setting one places the customer's projects that are
 * waiting for a site.
 */
@ApiTags('customers')
@ApiAuth()
@Controller('customers/:customerId')
export class CustomerSitesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sites: CustomerSitesService,
    private readonly projects: OrderChangesService,
  ) {}

  @Get('sites')
  @Roles(...STAFF, 'customer')
  @ApiOperation({ summary: 'A customer’s sites, the default first (a customer sees only its own)' })
  list(@Param() { customerId }: CustomerParam, @CurrentPrincipal() principal: Principal) {
    assertCanSeeCustomer(principal, customerId);
    return this.sites.list(customerId);
  }

  @Put('sites/:siteId')
  @Roles(...SERVICE_DESK, 'integration')
  @ApiOperation({ summary: 'Enter or correct a site by hand (later orders do not overwrite it); the first one becomes the default' })
  async put(@Param() { customerId, siteId }: CustomerSiteParam, @Body() input: SiteInput, @CurrentPrincipal() principal: Principal) {
    const { default: makeDefault, ...details } = input;
    const site = { name: details.name ?? null, address: details.address ?? null, city: details.city ?? null, region: details.region ?? null, country: details.country ?? null, timezone: details.timezone ?? null };
    return this.dataSource.transaction(async (tx) => {
      let { isDefault } = await this.sites.put(tx, customerId, siteId, site, principal.subject);
      if (makeDefault && !isDefault) {
        await this.sites.setDefault(tx, customerId, siteId, principal.subject);
        isDefault = true;
      }
      const projectsPlaced = isDefault ? await this.projects.placeWaitingProjects(tx, customerId, { id: siteId, ...site }, principal.subject) : 0;
      return { customerId, id: siteId, ...site, default: isDefault, projectsPlaced };
    });
  }

  @Put('default-site')
  @Roles(...SERVICE_DESK)
  @ApiOperation({ summary: 'Choose the customer’s default site among its sites; its projects waiting for a site get it' })
  setDefault(@Param() { customerId }: CustomerParam, @Body() { siteId }: DefaultSiteInput, @CurrentPrincipal() principal: Principal) {
    return this.dataSource.transaction(async (tx) => {
      const site = await this.sites.setDefault(tx, customerId, siteId, principal.subject);
      const projectsPlaced = await this.projects.placeWaitingProjects(tx, customerId, site, principal.subject);
      return { customerId, siteId, projectsPlaced };
    });
  }
}
