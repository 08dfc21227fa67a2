import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What field-execution knows of a service project, from `psa.service-project.created.v1`
 * and `.changed.v1`: whose it is and for which order. Parts the ERP issues against a
 * project are recorded with it before any of the project's tasks is ready (an
 * installation kit sent ahead of the machine), where they waited for a task before.
 */
@Entity({ name: 'project_copy' })
export class ProjectCopyEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid', primaryKeyConstraintName: 'pk_project_copy' })
  projectId: string;

  @Column({ name: 'order_id', type: 'text' })
  orderId: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ name: 'customer_name', type: 'text' })
  customerName: string;

  /** When the project was as copied: its createdAt or changedAt; the newest wins. */
  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf: Date;
}
