import { IsOptional } from 'class-validator';
import { IsInstant, IsNonEmptyString, IsOneOf, IsUuid, NestedObject } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { PRIORITIES, TaskSnapshot, type Priority } from './task-snapshot.js';

/** What pays for a breakdown: the warranty, an AMC, or nothing (the customer is billed). */
export const SERVICE_REQUEST_COVERAGE_KINDS = ['warranty', 'amc', 'none'] as const;
export type ServiceRequestCoverageKind = (typeof SERVICE_REQUEST_COVERAGE_KINDS)[number];

/** The SLA clock runs in office hours (8x5, the site's calendar) or around the clock (24x7). */
export const SLA_COVERAGES = ['8x5', '24x7'] as const;
export type SlaCoverage = (typeof SLA_COVERAGES)[number];

/** Longest problem description a service request carries. */
export const SERVICE_REQUEST_DESCRIPTION_MAX_LENGTH = 4000;

/** The coverage decided when the request was raised. */
export class ServiceRequestCoverage {
  @IsOneOf(SERVICE_REQUEST_COVERAGE_KINDS)
  kind: ServiceRequestCoverageKind;

  /** The AMC contract; null for warranty or none. */
  @IsOptional()
  @IsUuid()
  contractId?: string | null;

  /** For people: why this coverage applies. */
  @IsNonEmptyString()
  reason: string;
}

/** The targets the request must meet. */
export class ServiceRequestSla {
  @IsOneOf(SLA_COVERAGES)
  coverage: SlaCoverage;

  /** An engineer must respond (call back, diagnose) by then. */
  @IsInstant()
  responseDueAt: string;

  /** The machine must run again by then. */
  @IsInstant()
  resolutionDueAt: string;
}

/**
 * Internal: a customer reported a breakdown of a machine. Carries the decided
 * coverage, the SLA targets and the breakdown task for scheduling. Keyed by
 * projectId, or serialNumber for a machine without a project.
 */
export class ServiceRequestRaisedV1 {
  static readonly type = 'psa.service-request.raised.v1';
  static readonly topic = Topics.serviceProjects;

  @IsUuid()
  requestId: string;

  /** The machine's service project; null for a machine ServiceLoop did not sell. */
  @IsOptional()
  @IsUuid()
  projectId?: string | null;

  @IsNonEmptyString()
  customerId: string;

  @IsNonEmptyString()
  serialNumber: string;

  @IsOneOf(PRIORITIES)
  priority: Priority;

  @IsNonEmptyString({ maxLength: SERVICE_REQUEST_DESCRIPTION_MAX_LENGTH })
  description: string;

  @NestedObject(() => ServiceRequestCoverage)
  coverage: ServiceRequestCoverage;

  @NestedObject(() => ServiceRequestSla)
  sla: ServiceRequestSla;

  /** The breakdown task (kind `breakdown`, dueAt = sla.resolutionDueAt). */
  @NestedObject(() => TaskSnapshot)
  task: TaskSnapshot;

  @IsInstant()
  raisedAt: string;
}
