import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What field-execution knows of a service project, from `psa.service-project.created.v1`
 * and `.changed.v1`: whose it is, for which order, and its tasks' ids. Parts the ERP
 * issues against a project, or against one of its tasks, are recorded with it before
 * the task is ready (an installation kit sent ahead of the machine), where they waited
 * for a task before.
 */
@Entity({ name: 'project_copy' })
@Index('ix_project_copy_task_ids', ['taskIds'], { type: 'gin' })
export class ProjectCopyEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid', primaryKeyConstraintName: 'pk_project_copy' })
  projectId: string;

  @Column({ name: 'order_id', type: 'text' })
  orderId: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ name: 'customer_name', type: 'text' })
  customerName: string;

  /**
   * The project's tasks, ready or not, as its newest event listing any named them (events
   * from before the contract carried them name none). Found by task id through the GIN index.
   */
  @Column({ name: 'task_ids', type: 'uuid', array: true, default: () => "'{}'" })
  taskIds: string[];

  /** When the project was as copied: its createdAt or changedAt; the newest wins. */
  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf: Date;
}
