/**
 * Kafka topics of the ERP integration contract (../shared/erp-contract.md) and of
 * ServiceLoop's own services. These are logical names: deployments may prefix
 * them (see `TopicNames` in #messaging), so never hard-code a physical topic.
 */
export const Topics = {
  /** ERP → ServiceLoop: sales orders created, changed, cancelled. Keyed by orderId. */
  salesOrders: 'erp.sales-orders',
  /** ERP → ServiceLoop: machine dispatches. Keyed by orderId. */
  dispatches: 'erp.dispatches',
  /** ERP → ServiceLoop: parts issued against visits, tasks or projects. */
  inventory: 'erp.inventory',
  /** ERP → ServiceLoop: what ERP accounting did with our invoice requests. Keyed by invoiceRequestId. */
  accounting: 'erp.accounting',
  /** ServiceLoop → ERP: invoice requests for service lines. Keyed by invoiceRequestId. */
  invoices: 'psa.invoices',
  /**
   * Internal: service-commitments' projects, commitments, tasks, equipment, coverage,
   * service requests and escalations. Keyed by projectId; work on a machine without
   * a project by its serial number.
   */
  serviceProjects: 'psa.service-projects',
  /**
   * Internal: scheduling's booked visits (scheduled, rescheduled, cancelled), for
   * field execution and everyone who plans around them. Keyed by taskId.
   */
  schedules: 'psa.schedules',
  /**
   * Internal: field-execution's work on site (visits started and completed, time
   * and expenses approved, parts consumed), for service-commitments, billing and
   * analytics. Keyed by taskId (parts without a task by project, order or issue).
   */
  fieldWork: 'psa.field-work',
  /**
   * Internal: billing's ledger lines as they change state, for analytics and for
   * service-commitments' view of each commitment, and the ERP accounting answers
   * billing accepted (psa.invoice.answered.v1), for analytics. Keyed by projectId
   * (customerId for work without a project).
   */
  billing: 'psa.billing',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

/** Topics the ERP writes and ServiceLoop consumes; each has a dead-letter topic. */
export const ERP_INPUT_TOPICS: readonly Topic[] = Object.freeze([
  Topics.salesOrders,
  Topics.dispatches,
  Topics.inventory,
  Topics.accounting,
]);

/** Topics between ServiceLoop's own services; consumers dead-letter these too. */
export const INTERNAL_TOPICS: readonly Topic[] = Object.freeze([Topics.serviceProjects, Topics.schedules, Topics.fieldWork, Topics.billing]);

/** Every topic ServiceLoop consumes, i.e. every topic that has a `.dlq` sibling. */
export const CONSUMED_TOPICS: readonly Topic[] = Object.freeze([...ERP_INPUT_TOPICS, ...INTERNAL_TOPICS]);

const DLQ_SUFFIX = '.dlq';

/** The dead-letter topic of a consumed topic: `<topic>.dlq`, as the contract names it. */
export function dlqTopicOf(topic: string): string {
  return `${topic}${DLQ_SUFFIX}`;
}

export function isDlqTopic(topic: string): boolean {
  return topic.endsWith(DLQ_SUFFIX);
}

/**
 * Why a record was dead-lettered; written to the `dlq-reason-code` header.
 * Exactly the contract's codes: ERP operators filter on them, so never add one
 * without changing the contract.
 */
export const DlqReasonCode = {
  /** The record value is empty, not UTF-8 or not JSON. */
  INVALID_JSON: 'INVALID_JSON',
  /** JSON, but not a valid CloudEvents 1.0 event. */
  INVALID_ENVELOPE: 'INVALID_ENVELOPE',
  /** A known type whose `data` breaks its schema. */
  SCHEMA_VIOLATION: 'SCHEMA_VIOLATION',
  /** A type this contract does not define (e.g. a newer `.v2` we cannot read yet). */
  UNKNOWN_TYPE: 'UNKNOWN_TYPE',
  /** A second `created` for an existing order with different data (changes come as `changed`). */
  ORDER_EXISTS: 'ORDER_EXISTS',
  /** Parked longer than the configured time (default 7 days) without its order appearing. */
  ORDER_NOT_FOUND: 'ORDER_NOT_FOUND',
  /** Any other permanent failure while applying the event. */
  PROCESSING_FAILED: 'PROCESSING_FAILED',
} as const;

export type DlqReasonCode = (typeof DlqReasonCode)[keyof typeof DlqReasonCode];

export const DLQ_REASON_CODES: readonly DlqReasonCode[] = Object.freeze(Object.values(DlqReasonCode));

/**
 * Headers added to a dead letter, next to the original record's own headers
 * (the value and original headers are kept byte for byte so it can be replayed).
 */
export const DlqHeaders = {
  /** One of `DlqReasonCode`. */
  reasonCode: 'dlq-reason-code',
  /** Human-readable reason, e.g. which property broke which rule. */
  reason: 'dlq-reason',
  /** Logical topic the record was read from. */
  originalTopic: 'dlq-original-topic',
  /** Partition of the original record, decimal. */
  originalPartition: 'dlq-original-partition',
  /** Offset of the original record, decimal. */
  originalOffset: 'dlq-original-offset',
  /** When ServiceLoop gave up on it, RFC 3339. */
  failedAt: 'dlq-failed-at',
} as const;

export type DlqHeaderName = (typeof DlqHeaders)[keyof typeof DlqHeaders];
