import { IsOptional } from 'class-validator';
import {
  IsCalendarDate,
  IsDateNotBefore,
  IsInstant,
  IsIntegerAtLeast,
  IsNonEmptyString,
  IsOneOf,
  IsUuid,
  NestedObject,
} from '../contract-validators.js';
import { Topics } from '../topics.js';

/** What covers a machine's service: its warranty or an annual maintenance contract. */
export const COVERAGE_KINDS = ['warranty', 'amc'] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

/** Labour only, or labour and spare parts. */
export const COVERAGE_SCOPES = ['labour', 'labour_and_parts'] as const;
export type CoverageScope = (typeof COVERAGE_SCOPES)[number];

/** pending: sold but not started (an AMC waits for the warranty to end); active; expired; cancelled. */
export const COVERAGE_STATUSES = ['pending', 'active', 'expired', 'cancelled'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

/** One warranty or AMC of a machine as it now stands. */
export class MachineCoverage {
  @IsOneOf(COVERAGE_KINDS)
  kind: CoverageKind;

  /** The AMC contract; null for a warranty. */
  @IsOptional()
  @IsUuid()
  contractId?: string | null;

  /** The commitment that sold it (an AMC line); null for a warranty. */
  @IsOptional()
  @IsUuid()
  commitmentId?: string | null;

  /** Null while the start is not known yet (an AMC pending installation). */
  @IsOptional()
  @IsCalendarDate()
  startsOn?: string | null;

  /** Last covered day. */
  @IsOptional()
  @IsCalendarDate()
  @IsDateNotBefore('startsOn')
  endsOn?: string | null;

  @IsOptional()
  @IsOneOf(COVERAGE_SCOPES)
  scope?: CoverageScope | null;

  /** Preventive visits included per term (an AMC); null for a warranty. */
  @IsOptional()
  @IsIntegerAtLeast(0)
  visitQuota?: number | null;

  @IsOneOf(COVERAGE_STATUSES)
  status: CoverageStatus;
}

/**
 * Internal: a machine's warranty or AMC started, moved, expired or was
 * cancelled. Billing uses it to decide what service work is covered.
 * Keyed by projectId, or serialNumber for a machine without a project.
 */
export class CoverageChangedV1 {
  static readonly type = 'psa.coverage.changed.v1';
  static readonly topic = Topics.serviceProjects;

  @IsNonEmptyString()
  serialNumber: string;

  @IsNonEmptyString()
  customerId: string;

  @IsOptional()
  @IsUuid()
  projectId?: string | null;

  @NestedObject(() => MachineCoverage)
  coverage: MachineCoverage;

  /** For people: e.g. "Warranty of 12 months from 2026-11-24 (dispatch + 30 days grace)". */
  @IsNonEmptyString()
  reason: string;

  @IsInstant()
  changedAt: string;
}
