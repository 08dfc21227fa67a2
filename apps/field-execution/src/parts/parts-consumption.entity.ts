import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One item of an ERP parts issue (or return), recorded against the visit, task or
 * project it was issued for, at the ERP's unit cost. Written once per issue line;
 * never changed.
 */
@Entity({ name: 'parts_consumption' })
// An issueId is the ERP's idempotency key at its source (plant): each of its lines is recorded once.
@Index('ux_parts_consumption_source_issue_line', ['eventSource', 'issueId', 'lineNo'], { unique: true })
@Index('ix_parts_consumption_visit', ['visitId'])
@Index('ix_parts_consumption_task', ['taskId'])
@Check('ck_parts_consumption_quantity', `"quantity" <> 0`)
@Check('ck_parts_consumption_unit_cost', `"unit_cost" >= 0`)
@Check('ck_parts_consumption_movement', `"movement" IN ('issue', 'return') AND ("movement" = 'return') = ("quantity" < 0)`)
@Check('ck_parts_consumption_reference', `"reference_kind" IN ('visit', 'task', 'project')`)
export class PartsConsumptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'issue_id', type: 'text' })
  issueId: string;

  @Column({ name: 'line_no', type: 'integer' })
  lineNo: number;

  @Column({ name: 'reference_kind', type: 'text' })
  referenceKind: string;

  @Column({ name: 'reference_id', type: 'text' })
  referenceId: string;

  @Column({ name: 'visit_id', type: 'uuid', nullable: true })
  visitId: string | null;

  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId: string | null;

  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId: string | null;

  @Column({ name: 'customer_id', type: 'text', nullable: true })
  customerId: string | null;

  @Column({ name: 'order_id', type: 'text', nullable: true })
  orderId: string | null;

  @Column({ type: 'text' })
  sku: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Negative for a return. */
  @Column({ type: 'numeric', precision: 14, scale: 4 })
  quantity: string;

  @Column({ name: 'unit_cost', type: 'numeric', precision: 19, scale: 4 })
  unitCost: string;

  @Column({ type: 'character', length: 3 })
  currency: string;

  @Column({ type: 'text' })
  movement: 'issue' | 'return';

  /** When the ERP issued the parts. */
  @Column({ name: 'consumed_at', type: 'timestamptz' })
  consumedAt: Date;

  /** CloudEvent source and id of the issue, to trace it back to the ERP record. */
  @Column({ name: 'event_source', type: 'text' })
  eventSource: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
