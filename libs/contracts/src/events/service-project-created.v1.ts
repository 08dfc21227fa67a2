import { IsOptional } from 'class-validator';
import {
  IsCountryCode,
  IsCurrencyCode,
  IsStringList,
  IsUnitPrice,
  IsIanaTimeZone,
  IsInstant,
  IsIntegerAtLeast,
  IsNonEmptyString,
  IsOneOf,
  IsParallelTo,
  IsUuid,
  IsUuidList,
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

/** How a commitment is billed, as its service template said when it was sold. */
export const BILLING_POLICY_KINDS = ['fixed_fee', 'time_and_materials', 'contract_fee', 'non_billable'] as const;
export type BillingPolicyKind = (typeof BILLING_POLICY_KINDS)[number];

/** When a contract fee (an AMC) is billed: all of it when the term starts, or by quarterly or monthly instalments. */
export const CONTRACT_FEE_SCHEDULES = ['advance', 'quarterly', 'monthly'] as const;
export type ContractFeeSchedule = (typeof CONTRACT_FEE_SCHEDULES)[number];

/** A fixed fee's share billed when one of the template's tasks is done. */
export class BillingMilestone {
  /** The template task whose completion earns it (tasks carry `templateTaskKey`). */
  @IsNonEmptyString()
  taskKey: string;

  /** Percent of the unit price, a decimal string with up to 2 decimals; a policy's milestones add up to 100. */
  @IsUnitPrice()
  percent: string;
}

/** The billing policy of the commitment's template snapshot. */
export class CommitmentBillingPolicy {
  @IsOneOf(BILLING_POLICY_KINDS)
  kind: BillingPolicyKind;

  /** fixed_fee: what completes each share of the fee. */
  @IsOptional()
  @NestedList(() => BillingMilestone)
  milestones?: BillingMilestone[] | null;

  /** time_and_materials: a cap on what the commitment may bill, in the order's currency. */
  @IsOptional()
  @IsUnitPrice()
  notToExceed?: string | null;

  /** contract_fee: when the fee is billed. */
  @IsOptional()
  @IsOneOf(CONTRACT_FEE_SCHEDULES)
  schedule?: ContractFeeSchedule | null;
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

  /** The order line's description (added later: optional). */
  @IsOptional()
  @IsNonEmptyString()
  description?: string | null;

  /** The order line's unit price, in the order's currency (added later: optional). */
  @IsOptional()
  @IsUnitPrice()
  unitPrice?: string | null;

  /** How the unit is billed, from the template snapshot (added later: optional). */
  @IsOptional()
  @NestedObject(() => CommitmentBillingPolicy)
  billing?: CommitmentBillingPolicy | null;

  /** The machine line this unit serves, and the machine once one is bound (added later: optional). */
  @IsOptional()
  @IsNonEmptyString()
  forLineId?: string | null;

  @IsOptional()
  @IsNonEmptyString()
  serialNumber?: string | null;

  /** Template task keys of the unit's tasks, for milestone billing (added later: optional). */
  @IsOptional()
  @IsStringList()
  taskKeys?: string[] | null;

  /**
   * Ids of the unit's tasks, one per `taskKeys` item in the same order: the ERP may issue
   * parts against a task that is not ready yet, and field-execution knows it from here
   * (added later: optional).
   */
  @IsOptional()
  @IsUuidList({ unique: true })
  @IsParallelTo('taskKeys')
  taskIds?: string[] | null;
}

/** A service project as it stands: what `psa.service-project.created.v1` and `.changed.v1` both carry. */
export class ServiceProjectFacts {
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

  /** The order's currency: every price of its commitments is in it (added later: optional). */
  @IsOptional()
  @IsCurrencyCode()
  currency?: string | null;

  /** The customer's purchase order number, for the invoice requests (added later: optional). */
  @IsOptional()
  @IsNonEmptyString()
  customerPoNumber?: string | null;

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

/** Internal: service-commitments opened a service project for an ERP order. Keyed by projectId. */
export class ServiceProjectCreatedV1 extends ServiceProjectFacts {
  static readonly type = 'psa.service-project.created.v1';
  static readonly topic = Topics.serviceProjects;
}
