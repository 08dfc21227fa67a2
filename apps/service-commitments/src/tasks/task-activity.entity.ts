import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TaskActivityAction } from './domain/task-activity.js';

/** One thing done to a task by hand: who, when, what it was before and after. */
@Entity('task_activity')
@Index('task_activity_task', ['taskId', 'id'])
export class TaskActivityEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ name: 'task_id', type: 'uuid' }) taskId: string;
  @Column({ type: 'timestamptz' }) at: Date;
  /** The caller's subject (JWT `sub`). */
  @Column({ type: 'text' }) actor: string;
  /** The caller's display name (JWT `name`), when the token has one. */
  @Column({ name: 'actor_name', type: 'text', nullable: true }) actorName: string | null;
  @Column({ type: 'text' }) action: TaskActivityAction;
  @Column({ name: 'from_value', type: 'text', nullable: true }) fromValue: string | null;
  @Column({ name: 'to_value', type: 'text', nullable: true }) toValue: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
}
