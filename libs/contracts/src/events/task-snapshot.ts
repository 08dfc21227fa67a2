import { IsOptional } from 'class-validator';
import {
  IsBooleanValue,
  IsCalendarDate,
  IsCurrencyCode,
  IsInstant,
  IsIntegerAtLeast,
  IsNonEmptyString,
  IsOneOf,
  IsPositiveDecimal,
  IsStringList,
  IsUuid,
  IsUuidList,
  NestedList,
  NestedObject,
} from '../contract-validators.js';
import { COMMITMENT_STATUSES, SERVICE_KINDS, ServiceProjectSite, type CommitmentStatus } from './service-project-created.v1.js';

/** What a task is for: a kind of service the catalogue sells, or a breakdown call (a service request). */
export const TASK_KINDS = [...SERVICE_KINDS, 'breakdown'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Service request priority: P1 is the most urgent (machine down), P4 the least. */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Why a task waits: the site is not ready, the customer has not confirmed, parts are missing, or else. */
export const TASK_HOLD_REASONS = ['site_readiness', 'customer_confirmation', 'parts', 'other'] as const;
export type TaskHoldReason = (typeof TASK_HOLD_REASONS)[number];

export const CHECKLIST_ITEM_KINDS = ['tool', 'document', 'step'] as const;
export type ChecklistItemKind = (typeof CHECKLIST_ITEM_KINDS)[number];

/** Hours of work carry at most 2 decimals: `"16"`, `"2.5"`, `"0.75"`. */
export const ESTIMATED_HOURS_MAX_DECIMALS = 2;

/** Something the engineer brings, hands over or does on the visit. */
export class TaskChecklistItem {
  @IsNonEmptyString()
  item: string;

  @IsOneOf(CHECKLIST_ITEM_KINDS)
  kind: ChecklistItemKind;

  /** A required item must be ticked before the task can be closed. */
  @IsBooleanValue()
  required: boolean;
}

/**
 * A task as it stands after the change its event reports: one unit of work for
 * scheduling to place (engineers, skills, hours, window). Every psa.task.* event
 * and a raised service request carry the whole task, so consumers never have to
 * ask service-commitments for it.
 */
export class TaskSnapshot {
  @IsUuid()
  taskId: string;

  /** The commitment it delivers; null for a breakdown task of a service request. */
  @IsOptional()
  @IsUuid()
  commitmentId?: string | null;

  /** The service request it answers; null for commitment work. */
  @IsOptional()
  @IsUuid()
  serviceRequestId?: string | null;

  /** Null for a service request on a machine without a ServiceLoop project. */
  @IsOptional()
  @IsUuid()
  projectId?: string | null;

  @IsOptional()
  @IsNonEmptyString()
  orderId?: string | null;

  @IsNonEmptyString()
  customerId: string;

  @IsNonEmptyString()
  customerName: string;

  /** Where the work is done, as far as it is known (the same shape as a service project's site). */
  @IsOptional()
  @NestedObject(() => ServiceProjectSite)
  site?: ServiceProjectSite | null;

  /** The machine worked on, once one is bound to the task. */
  @IsOptional()
  @IsNonEmptyString()
  serialNumber?: string | null;

  /** The service SKU sold; null for a breakdown. */
  @IsOptional()
  @IsNonEmptyString()
  sku?: string | null;

  @IsOneOf(TASK_KINDS)
  kind: TaskKind;

  @IsNonEmptyString()
  name: string;

  @IsOneOf(COMMITMENT_STATUSES)
  status: CommitmentStatus;

  @IsStringList({ unique: true })
  requiredSkills: string[];

  /** Per engineer, decimal string. */
  @IsPositiveDecimal(ESTIMATED_HOURS_MAX_DECIMALS)
  estimatedHours: string;

  /** How many engineers the visit needs at once. */
  @IsIntegerAtLeast(1)
  engineers: number;

  /** Not to be scheduled before this date (site time). */
  @IsOptional()
  @IsCalendarDate()
  earliestStart?: string | null;

  /** Promised to the customer by this date (site time). */
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;

  /** For a breakdown: the SLA resolution target. */
  @IsOptional()
  @IsInstant()
  dueAt?: string | null;

  /** For a breakdown: the service request's priority. */
  @IsOptional()
  @IsOneOf(PRIORITIES)
  priority?: Priority | null;

  /** Tasks that must be done first (training after installation). */
  @IsUuidList({ unique: true })
  dependsOnTaskIds: string[];

  @NestedList(() => TaskChecklistItem)
  checklist: TaskChecklistItem[];

  /** While on hold: why, one of `TASK_HOLD_REASONS` today. */
  @IsOptional()
  @IsNonEmptyString()
  holdReason?: string | null;

  /** The service template's task key (milestone billing names it; added later: optional). */
  @IsOptional()
  @IsNonEmptyString()
  templateTaskKey?: string | null;

  /** The order's currency, for expenses in another currency (added later: optional). */
  @IsOptional()
  @IsCurrencyCode()
  orderCurrency?: string | null;

  /** Who in the service team owns the task (a user name); null when nobody does yet (added later: optional). */
  @IsOptional()
  @IsNonEmptyString()
  owner?: string | null;
}
