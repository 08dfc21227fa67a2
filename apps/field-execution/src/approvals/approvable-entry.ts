import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm';
import type { EntryStatus } from './domain/approval.js';

/**
 * The approval columns time entries and expenses share: who recorded it, its
 * status, who decided and why, and the correction reason when it corrects
 * another entry. Not an entity itself; each entry table inherits the columns.
 */
export abstract class ApprovableEntry {
  @Column({ type: 'text', default: 'submitted' })
  status: EntryStatus;

  /** Why the correction was made (the engineer's words). */
  @Column({ name: 'correction_reason', type: 'text', nullable: true })
  correctionReason: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
