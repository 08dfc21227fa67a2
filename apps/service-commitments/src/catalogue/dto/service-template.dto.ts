import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min,
  ValidateNested, ArrayUnique, ArrayMinSize, Validate, ValidatorConstraint, type ValidatorConstraintInterface, type ValidationArguments,
} from 'class-validator';
import { SERVICE_KINDS, START_TRIGGERS, type BillingPolicy, type ServiceKind, type StartTrigger } from '../domain/service-template.js';

const DECIMAL = /^\d{1,6}(\.\d{1,2})?$/;
const SHARE = /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/;

export class ChecklistItemDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) item: string;
  @ApiProperty({ enum: ['tool', 'document', 'step'] }) @IsIn(['tool', 'document', 'step']) kind: 'tool' | 'document' | 'step';
  @ApiProperty() @IsBoolean() required: boolean;
}

export class TemplateTaskDto {
  @ApiProperty({ example: 'install' }) @Matches(/^[a-z][a-z0-9-]{0,39}$/, { message: 'key must be lower-case letters, digits and dashes' }) key: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayUnique() @ArrayMaxSize(20) @IsString({ each: true }) requiredSkills: string[];
  @ApiProperty({ example: '16', description: 'Decimal hours, as a string' })
  @Matches(DECIMAL, { message: 'estimatedHours must be a decimal string of hours, e.g. "16" or "2.5"' })
  estimatedHours: string;
  @ApiProperty({ type: [ChecklistItemDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => ChecklistItemDto) checklist: ChecklistItemDto[];
  @ApiProperty({ enum: SERVICE_KINDS, isArray: true }) @IsArray() @IsIn(SERVICE_KINDS, { each: true }) after: ServiceKind[];
  @ApiProperty({ minimum: 1, maximum: 10 }) @IsInt() @Min(1) @Max(10) engineers: number;
}

export class SlaPolicyDto {
  @ApiProperty({ enum: ['8x5', '24x7'] }) @IsIn(['8x5', '24x7']) coverage: '8x5' | '24x7';
  @ApiProperty() @IsNumber() @Min(0.25) @Max(8760) responseHours: number;
  @ApiProperty() @IsNumber() @Min(0.25) @Max(8760) resolutionHours: number;
  @ApiProperty({ example: '0.75' }) @Matches(SHARE, { message: 'atRiskShare must be a decimal between 0 and 1' }) atRiskShare: string;
}

export class AmcTermsDto {
  @ApiProperty() @IsInt() @Min(1) @Max(120) termMonths: number;
  @ApiProperty() @IsInt() @Min(0) @Max(365) visitsPerTerm: number;
  @ApiProperty({ enum: ['labour', 'labour_and_parts'] }) @IsIn(['labour', 'labour_and_parts']) scope: 'labour' | 'labour_and_parts';
  @ApiProperty({ enum: ['installation', 'warranty_end'] }) @IsIn(['installation', 'warranty_end']) startRule: 'installation' | 'warranty_end';
}

@ValidatorConstraint({ name: 'billingPolicy' })
class BillingPolicyRule implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return billingPolicyProblem(value) === null;
  }
  defaultMessage(args?: ValidationArguments): string {
    return billingPolicyProblem(args?.value) ?? 'invalid billing policy';
  }
}

function billingPolicyProblem(value: unknown): string | null {
  const policy = value as BillingPolicy | undefined;
  if (!policy || typeof policy !== 'object') return 'billing must be an object with a kind';
  switch (policy.kind) {
    case 'fixed_fee': {
      if (!Array.isArray(policy.milestones) || policy.milestones.length === 0) return 'billing.milestones must list at least one milestone';
      const bad = policy.milestones.find((m) => typeof m?.taskKey !== 'string' || !/^\d{1,3}(\.\d{1,2})?$/.test(String(m?.percent)));
      if (bad) return 'billing.milestones need a taskKey and a percent as a decimal string';
      const total = policy.milestones.reduce((sum, m) => sum + Math.round(Number(m.percent) * 100), 0);
      return total === 10000 ? null : 'billing.milestones percents must add up to 100';
    }
    case 'time_and_materials':
      return policy.notToExceed === undefined || /^\d+(\.\d{1,4})?$/.test(policy.notToExceed) ? null : 'billing.notToExceed must be a decimal string';
    case 'contract_fee':
      return ['advance', 'quarterly', 'monthly'].includes(policy.schedule) ? null : 'billing.schedule must be advance, quarterly or monthly';
    case 'non_billable':
      return null;
    default:
      return 'billing.kind must be fixed_fee, time_and_materials, contract_fee or non_billable';
  }
}

export class ServiceTemplateInput {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ enum: SERVICE_KINDS }) @IsIn(SERVICE_KINDS) kind: ServiceKind;
  @ApiProperty({ enum: START_TRIGGERS }) @IsIn(START_TRIGGERS) startsOn: StartTrigger;
  @ApiProperty() @IsInt() @Min(0) @Max(365) leadTimeDays: number;
  @ApiProperty() @IsInt() @Min(0) @Max(365) warrantyGraceDays: number;
  @ApiProperty() @IsInt() @Min(0) @Max(3650) dueWithinDays: number;
  @ApiProperty({ type: [TemplateTaskDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => TemplateTaskDto) tasks: TemplateTaskDto[];
  @ApiProperty({ description: 'fixed_fee {milestones}, time_and_materials {notToExceed?}, contract_fee {schedule} or non_billable' })
  @Validate(BillingPolicyRule) billing: BillingPolicy;
  @ApiProperty({ type: SlaPolicyDto }) @ValidateNested() @Type(() => SlaPolicyDto) sla: SlaPolicyDto;
  @ApiPropertyOptional({ type: AmcTermsDto }) @IsOptional() @ValidateNested() @Type(() => AmcTermsDto) amc?: AmcTermsDto | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class SkuParam {
  @ApiProperty({ example: 'SVC-INSTALL' })
  @Matches(/^[A-Z0-9][A-Z0-9._-]{0,63}$/, { message: 'sku must be upper-case letters, digits, dot, dash or underscore' })
  sku: string;
}
