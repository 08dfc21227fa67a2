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

/**
 * Per customer and region (of the task; of the commitment's project): tasks, open and done tasks, and pending
 * commitments (task status and customer load for the whole business). A customer × region with tasks or pending
 * commitments is one row of task-status, even when all its figures are nought.
 */
@Entity({ name: 'customer_region_tasks' })
export class CustomerRegionTasksEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'text' })
  customerId: string;

  /** The region, '' when unknown. */
  @PrimaryColumn({ type: 'text' })
  region: string;

  @Column({ type: 'integer', default: 0 })
  tasks: number;

  @Column({ name: 'open_tasks', type: 'integer', default: 0 })
  openTasks: number;

  @Column({ name: 'done_tasks', type: 'integer', default: 0 })
  doneTasks: number;

  @Column({ name: 'pending_commitments', type: 'integer', default: 0 })
  pendingCommitments: number;
}

/**
 * Per customer: the sums of customer_region_tasks over the regions, and the open tasks that have a due day. The
 * whole-business views per customer (task status, customer load) read one row per customer from here; overdue is
 * dated_open_tasks less the open tasks due on or after the day the report is taken on (from task_due_day), so only
 * the days from then on are read.
 */
@Entity({ name: 'customer_tasks' })
export class CustomerTasksEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ type: 'integer', default: 0 })
  tasks: number;

  @Column({ name: 'open_tasks', type: 'integer', default: 0 })
  openTasks: number;

  @Column({ name: 'done_tasks', type: 'integer', default: 0 })
  doneTasks: number;

  /** Open tasks with a due day (dueDate, or the UTC day of dueAt). */
  @Column({ name: 'dated_open_tasks', type: 'integer', default: 0 })
  datedOpenTasks: number;

  @Column({ name: 'pending_commitments', type: 'integer', default: 0 })
  pendingCommitments: number;
}

/** Per owner of tasks ('' for none): tasks, open and done, open with a due day (task status by owner). */
@Entity({ name: 'owner_tasks' })
export class OwnerTasksEntity {
  /** The task's owner, '' when it has none. */
  @PrimaryColumn({ type: 'text' })
  owner: string;

  @Column({ type: 'integer', default: 0 })
  tasks: number;

  @Column({ name: 'open_tasks', type: 'integer', default: 0 })
  openTasks: number;

  @Column({ name: 'done_tasks', type: 'integer', default: 0 })
  doneTasks: number;

  @Column({ name: 'dated_open_tasks', type: 'integer', default: 0 })
  datedOpenTasks: number;
}

/** Per owner ('' for none) and due day: open tasks due that day and those still unbooked (as task_due_day). */
@Entity({ name: 'owner_due_day' })
@Index('ix_owner_due_day_due', ['dueDate'])
export class OwnerDueDayEntity {
  @PrimaryColumn({ type: 'text' })
  owner: string;

  @PrimaryColumn({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ name: 'open_tasks', type: 'integer', default: 0 })
  openTasks: number;

  @Column({ name: 'unbooked_tasks', type: 'integer', default: 0 })
  unbookedTasks: number;
}

/**
 * Per customer, region and due day: open tasks due that day and those still unbooked. Due, overdue and at risk
 * depend on the day the report is taken on, so they are summed from these buckets at query time.
 */
@Entity({ name: 'task_due_day' })
@Index('ix_task_due_day_due', ['dueDate'])
export class TaskDueDayEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'text' })
  customerId: string;

  @PrimaryColumn({ type: 'text' })
  region: string;

  @PrimaryColumn({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ name: 'open_tasks', type: 'integer', default: 0 })
  openTasks: number;

  @Column({ name: 'unbooked_tasks', type: 'integer', default: 0 })
  unbookedTasks: number;
}

/**
 * The commitments counted as pending in customer_region_tasks, with the customer and region they are counted
 * under: what a commitment contributes depends on its project and its tasks, so the contribution as counted is
 * kept to be taken back out when any of them changes.
 */
@Entity({ name: 'commitment_pending' })
export class CommitmentPendingEntity {
  @PrimaryColumn({ name: 'commitment_id', type: 'text' })
  commitmentId: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ type: 'text' })
  region: string;
}

/** Per month, the whole business: visits completed and tasks done (completed work for everyone). */
@Entity({ name: 'work_month' })
export class WorkMonthEntity {
  /** First day of the month. */
  @PrimaryColumn({ type: 'date' })
  month: string;

  @Column({ name: 'visits_completed', type: 'integer', default: 0 })
  visitsCompleted: number;

  @Column({ name: 'tasks_done', type: 'integer', default: 0 })
  tasksDone: number;
}

export const AGGREGATE_ENTITIES = [
  EngineerMonthEntity,
  CustomerMonthEntity,
  CommitmentTasksEntity,
  TaskVisitsEntity,
  CustomerRegionTasksEntity,
  CustomerTasksEntity,
  OwnerTasksEntity,
  OwnerDueDayEntity,
  TaskDueDayEntity,
  CommitmentPendingEntity,
  WorkMonthEntity,
];
