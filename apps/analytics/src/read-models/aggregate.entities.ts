import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/*
 * Sums kept so that reports never scan facts: each fact row's contribution is
 * subtracted as it was and added as it is whenever the row changes (see
 * ingest/contributions.ts), so corrections and late facts move the sums too.
 */

/** Per engineer and month: the sums of engineer_day. */
@Entity({ name: 'engineer_month' })
@Index('ix_engineer_month_month', ['month'])
export class EngineerMonthEntity {
  @PrimaryColumn({ name: 'engineer_id', type: 'text' })
  engineerId: string;

  /** First day of the month. */
  @PrimaryColumn({ type: 'date' })
  month: string;

  @Column({ name: 'available_minutes', type: 'bigint', default: 0 })
  availableMinutes: string;

  @Column({ name: 'billable_hours', type: 'numeric', precision: 16, scale: 2, default: 0 })
  billableHours: string;

  @Column({ name: 'non_billable_hours', type: 'numeric', precision: 16, scale: 2, default: 0 })
  nonBillableHours: string;

  @Column({ name: 'covered_hours', type: 'numeric', precision: 16, scale: 2, default: 0 })
  coveredHours: string;

  @Column({ name: 'scheduled_hours', type: 'numeric', precision: 16, scale: 2, default: 0 })
  scheduledHours: string;
}

/** Per customer and month: approved hours and visits completed (customer load, completed work per customer). */
@Entity({ name: 'customer_month' })
@Index('ix_customer_month_month', ['month'])
export class CustomerMonthEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'text' })
  customerId: string;

  /** First day of the month. */
  @PrimaryColumn({ type: 'date' })
  month: string;

  @Column({ name: 'billable_hours', type: 'numeric', precision: 16, scale: 2, default: 0 })
  billableHours: string;

  @Column({ name: 'non_billable_hours', type: 'numeric', precision: 16, scale: 2, default: 0 })
  nonBillableHours: string;

  @Column({ name: 'visits_completed', type: 'integer', default: 0 })
  visitsCompleted: number;
}

/** Per commitment: how many tasks it has and how many are still open (pending commitments). */
@Entity({ name: 'commitment_tasks' })
export class CommitmentTasksEntity {
  @PrimaryColumn({ name: 'commitment_id', type: 'text' })
  commitmentId: string;

  @Column({ type: 'integer', default: 0 })
  tasks: number;

  @Column({ name: 'open_tasks', type: 'integer', default: 0 })
  openTasks: number;
}

/** Per task: its completed visits and how many of them completed the work (first-time fix). */
@Entity({ name: 'task_visits' })
export class TaskVisitsEntity {
  @PrimaryColumn({ name: 'task_id', type: 'text' })
  taskId: string;

  @Column({ name: 'completed_visits', type: 'integer', default: 0 })
  completedVisits: number;

  @Column({ name: 'successful_visits', type: 'integer', default: 0 })
  successfulVisits: number;
}

export const AGGREGATE_ENTITIES = [EngineerMonthEntity, CustomerMonthEntity, CommitmentTasksEntity, TaskVisitsEntity];
