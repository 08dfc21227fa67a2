import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { TaskSnapshot } from '#contracts';

/**
 * Scheduling's copy of a task, as the last psa.task.* event described it: what
 * to place, and whether it still needs placing.
 */
@Entity({ name: 'scheduling_task' })
@Index('scheduling_task_region', ['siteRegion'])
export class SchedulingTaskEntity {
  @PrimaryColumn({ name: 'task_id', type: 'uuid' }) taskId: string;
  @Column({ name: 'project_id', type: 'uuid', nullable: true }) projectId: string | null;
  @Column({ name: 'service_request_id', type: 'uuid', nullable: true }) serviceRequestId: string | null;
  @Column({ name: 'customer_id', type: 'text' }) customerId: string;
  @Column({ name: 'site_region', type: 'text', nullable: true }) siteRegion: string | null;
  /** The task's status at service-commitments (ready, scheduled, on_hold, cancelled, done…). */
  @Column({ type: 'text' }) status: string;
  @Column({ type: 'jsonb' }) snapshot: TaskSnapshot;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
