import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { VisitSite } from '../visits/visit.entity.js';

export interface TaskChecklistItem {
  item: string;
  kind: string;
  required: boolean;
}

/**
 * What field-execution knows of a service-commitments task, from its psa.task.*
 * events: enough to show a visit (site, machine, checklist) and to price expenses
 * (the order's currency, when the task carries it).
 */
@Entity({ name: 'task_copy' })
@Index('ix_task_copy_serial', ['serialNumber'])
@Index('ix_task_copy_project', ['projectId'])
export class TaskCopyEntity {
  @PrimaryColumn({ name: 'task_id', type: 'uuid', primaryKeyConstraintName: 'pk_task_copy' })
  taskId: string;

  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId: string | null;

  @Column({ name: 'service_request_id', type: 'uuid', nullable: true })
  serviceRequestId: string | null;

  @Column({ name: 'order_id', type: 'text', nullable: true })
  orderId: string | null;

  @Column({ name: 'order_currency', type: 'text', nullable: true })
  orderCurrency: string | null;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ name: 'customer_name', type: 'text' })
  customerName: string;

  @Column({ type: 'jsonb', nullable: true })
  site: VisitSite | null;

  @Column({ name: 'serial_number', type: 'text', nullable: true })
  serialNumber: string | null;

  @Column({ type: 'text', nullable: true })
  sku: string | null;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  name: string;

  /** The task's status at service-commitments, as last heard. */
  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  checklist: TaskChecklistItem[];

  /** When service-commitments reported the state kept here. */
  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
