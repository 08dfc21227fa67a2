import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { VisitEntity } from './visit.entity.js';

/** What the engineer wrote about the work: findings, work done, advice to the customer. Never edited. */
@Entity({ name: 'visit_note' })
@Index('ix_visit_note_visit', ['visitId', 'createdAt'])
export class VisitNoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'visit_id', type: 'uuid' })
  visitId: string;

  @ManyToOne(() => VisitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'fk_visit_note_visit' })
  visit?: VisitEntity;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text' })
  author: string;

  @Column({ name: 'author_name', type: 'text', nullable: true })
  authorName: string | null;

  /** Set from the service's clock, like every other time it records. */
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
