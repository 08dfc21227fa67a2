import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { WeeklyHours } from '../assignment/domain/model.js';

/**
 * A field service engineer who can be booked on visits. Scheduling keeps its own
 * roster; the home region and time zone drive which work is offered and how the
 * engineer's working day is laid out.
 */
@Entity({ name: 'engineer' })
@Unique('uq_engineer_email', ['email'])
export class EngineerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  email: string;

  /** Region code as the ERP writes it on sites (e.g. "MH"). Always served; travel is measured from it. */
  @Column({ name: 'home_region', type: 'text' })
  homeRegion: string;

  /** The team the engineer works in (e.g. "Installations West"); null when none. Utilization is reported per team. */
  @Column({ type: 'text', nullable: true })
  team: string | null;

  /** IANA time zone of the engineer's working day, e.g. "Asia/Kolkata". */
  @Column({ type: 'text' })
  timezone: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** The working week in the engineer's zone: [{ day: 1 (Monday)…7, start: 'HH:MM', end: 'HH:MM' }]. */
  @Column({ name: 'working_hours', type: 'jsonb' })
  workingHours: WeeklyHours[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
