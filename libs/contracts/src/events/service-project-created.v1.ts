import { IsOptional } from 'class-validator';
import {
  IsCountryCode,
  IsIanaTimeZone,
  IsInstant,
  IsIntegerAtLeast,
  IsNonEmptyString,
  IsOneOf,
  IsUuid,
  NestedList,
  NestedObject,
  UniqueBy,
} from '../contract-validators.js';
import { Topics } from '../topics.js';

export const SERVICE_PROJECT_STATUSES = ['active', 'cancelled'] as const;
export type ServiceProjectStatus = (typeof SERVICE_PROJECT_STATUSES)[number];

/**
 * service-commitments' commitment lifecycle: promised (waits for dispatch or for
 * the customer to call it off), ready to schedule, scheduled, in progress, done,
 * on hold, cancelled. A new project's commitments are usually promised or ready;
 * cancelled when the order's cancellation arrived before the order.
 */
export const COMMITMENT_STATUSES = ['promised', 'ready', 'scheduled', 'in_progress', 'done', 'on_hold', 'cancelled'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

/**
 * The kinds of service the service catalogue sells today. A commitment's `kind`
 * is any non-empty string (the catalogue may grow); tasks carry one of `TASK_KINDS`.
 */
export const SERVICE_KINDS = ['installation', 'training', 'calibration', 'support_visit', 'amc', 'warranty'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export class ServiceProjectCustomer {
  @IsNonEmptyString()
  id: string;

  @IsNonEmptyString()
  name: string;
}

/**
 * Enough of the site for scheduling to place work without asking service-commitments.
 * Task snapshots and service requests carry the same shape.
 */
export class ServiceProjectSite {
  /** Null when the order named no site (the customer's default site applies). */
  @IsOptional()
  @IsNonEmptyString()
  id?: string | null;

  @IsOptional()
  @IsNonEmptyString()
  name?: string | null;

  @IsOptional()
  @IsNonEmptyString()
  address?: string | null;

  @IsOptional()
  @IsNonEmptyString()
  city?: string | null;

  @IsOptional()
  @IsNonEmptyString()
  region?: string | null;

  @IsOptional()
  @IsCountryCode()
  country?: string | null;

  @IsOptional()
  @IsIanaTimeZone()
  timezone?: string | null;
}

/** One unit of a service line that ServiceLoop owes the customer. */
export class ProjectCommitment {
  @IsUuid()
  commitmentId: string;

  @IsNonEmptyString()
  orderLineId: string;

  @IsNonEmptyString()
  sku: string;

  /** The catalogue's kind of service, one of `SERVICE_KINDS` today (`installation`, `support_visit`, `amc`, ...). */
  @IsNonEmptyString()
  kind: string;

  /** 1-based unit of the order line: unit i follows the i-th machine dispatched for the line it is for. */
  @IsIntegerAtLeast(1)
  unitIndex: number;

  @IsOneOf(COMMITMENT_STATUSES)
  status: CommitmentStatus;
}

/** Internal: service-commitments opened a service project for an ERP order. Keyed by projectId. */
export class ServiceProjectCreatedV1 {
  static readonly type = 'psa.service-project.created.v1';
  static readonly topic = Topics.serviceProjects;

  @IsUuid()
  projectId: string;

  @IsNonEmptyString()
  orderId: string;

  /** CloudEvent source of the ERP that sent the order: order ids are unique only per source. */
  @IsNonEmptyString()
  source: string;

  @NestedObject(() => ServiceProjectCustomer)
  customer: ServiceProjectCustomer;

  /** The order's site as far as it is known. */
  @IsOptional()
  @NestedObject(() => ServiceProjectSite)
  site?: ServiceProjectSite | null;

  /** `cancelled` when the order's cancellation arrived before the order. */
  @IsOneOf(SERVICE_PROJECT_STATUSES)
  status: ServiceProjectStatus;

  /** Empty for an order with machines only: they still get equipment and warranty records. */
  @NestedList(() => ProjectCommitment)
  @UniqueBy('commitmentId')
  commitments: ProjectCommitment[];

  @IsInstant()
  createdAt: string;
}
