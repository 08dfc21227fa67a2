import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Something the ERP asked that could not be done automatically; a person decides. */
@Entity('review_item')
@Index('review_item_open', ['projectId'], { where: 'resolved_at IS NULL' })
export class ReviewItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'project_id', type: 'uuid' }) projectId: string;
  @Column({ name: 'commitment_id', type: 'uuid', nullable: true }) commitmentId: string | null;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) reason: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt: Date | null;
  @Column({ name: 'resolved_by', type: 'text', nullable: true }) resolvedBy: string | null;
  @Column({ type: 'text', nullable: true }) resolution: string | null;
}
