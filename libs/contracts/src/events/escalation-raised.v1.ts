import { IsOptional } from 'class-validator';
import { IsInstant, IsNonEmptyString, IsOneOf, IsUuid, NestedObject } from '../contract-validators.js';
import { Topics } from '../topics.js';

export const ESCALATION_SUBJECT_KINDS = ['service_request', 'task'] as const;
export type EscalationSubjectKind = (typeof ESCALATION_SUBJECT_KINDS)[number];

/** The chain: the request's owner, then the service manager, then the head of service. */
export const ESCALATION_LEVELS = ['owner', 'service_manager', 'head_of_service'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** The target at stake: an SLA response or resolution target, or a task's due date. */
export const ESCALATION_TARGETS = ['response', 'resolution', 'due_date'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

/** at_risk: most of the target used; breached; breach_unresolved: still open well after the breach; overdue: a task past its due date. */
export const ESCALATION_TRIGGERS = ['at_risk', 'breached', 'breach_unresolved', 'overdue'] as const;
export type EscalationTrigger = (typeof ESCALATION_TRIGGERS)[number];

/** What is escalated. */
export class EscalationSubject {
  @IsOneOf(ESCALATION_SUBJECT_KINDS)
  kind: EscalationSubjectKind;

  /** The service request id or task id. */
  @IsUuid()
  id: string;
}

/**
 * Internal: a service request or task was escalated one step up the service
 * organisation. Raised once per level, target and trigger. Keyed like its
 * subject's events: projectId, else serialNumber, else subject.id.
 */
export class EscalationRaisedV1 {
  static readonly type = 'psa.escalation.raised.v1';
  static readonly topic = Topics.serviceProjects;

  @IsUuid()
  escalationId: string;

  @NestedObject(() => EscalationSubject)
  subject: EscalationSubject;

  @IsNonEmptyString()
  customerId: string;

  /** The subject's project, when it has one: it keys the record like the subject's own events. */
  @IsOptional()
  @IsUuid()
  projectId?: string | null;

  /** The machine, when the subject has one: the record key of work without a project. */
  @IsOptional()
  @IsNonEmptyString()
  serialNumber?: string | null;

  @IsOneOf(ESCALATION_LEVELS)
  level: EscalationLevel;

  @IsOneOf(ESCALATION_TARGETS)
  target: EscalationTarget;

  @IsOneOf(ESCALATION_TRIGGERS)
  trigger: EscalationTrigger;

  /** For people, in the site's local time, e.g. "Resolution due 26 Nov 14:00 IST, 75% of the time used". */
  @IsNonEmptyString()
  reason: string;

  /** Who is called in: a user id or role mailbox. */
  @IsNonEmptyString()
  recipient: string;

  @IsInstant()
  raisedAt: string;
}
