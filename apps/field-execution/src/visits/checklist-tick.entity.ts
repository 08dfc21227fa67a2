import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { VisitEntity } from './visit.entity.js';

/**
 * An item of the task's checklist ticked on a visit (a tool brought, a document
 * handed over, a step done). Items are named by their text, as the task carries
 * them; unticking deletes the row (the audit trail keeps both).
 */
@Entity({ name: 'checklist_tick' })
export class ChecklistTickEntity {
  @PrimaryColumn({ name: 'visit_id', type: 'uuid', primaryKeyConstraintName: 'pk_checklist_tick' })
  visitId: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_checklist_tick' })
  item: string;

  @ManyToOne(() => VisitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'fk_checklist_tick_visit' })
  visit?: VisitEntity;

  @Column({ name: 'ticked_at', type: 'timestamptz' })
  tickedAt: Date;

  @Column({ name: 'ticked_by', type: 'text' })
  tickedBy: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
