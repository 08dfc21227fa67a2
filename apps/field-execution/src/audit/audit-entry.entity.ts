import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What kind of record a change was made to. */
export const AUDITED_KINDS = ['visit', 'time_entry', 'expense', 'parts_consumption'] as const;
export type AuditedKind = (typeof AUDITED_KINDS)[number];

/**
 * Every change to field work, append-only: who (a user, or the service whose
 * event caused it), when, what (the action and the record) and the record before
 * and after. Written in the change's own transaction.
 */
@Entity({ name: 'audit_entry' })
@Index('ix_audit_entry_record', ['entityKind', 'entityId', 'id'])
@Index('ix_audit_entry_visit', ['visitId', 'id'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'visit_id', type: 'uuid', nullable: true })
  visitId: string | null;

  @Column({ name: 'entity_kind', type: 'text' })
  entityKind: AuditedKind;

  @Column({ name: 'entity_id', type: 'text' })
  entityId: string;

  /** e.g. `checked_in`, `time_entry.approved`, `checklist.ticked`. */
  @Column({ type: 'text' })
  action: string;

  /** A user id (token subject), or `event:<source>` for a change an event caused. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ name: 'actor_name', type: 'text', nullable: true })
  actorName: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
