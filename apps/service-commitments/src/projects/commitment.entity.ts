import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { ServiceKind, ServiceTemplate } from '../catalogue/domain/service-template.js';
import type { CommitmentStatus } from './domain/commitment-status.js';
import { ServiceProjectEntity } from './service-project.entity.js';
import { TaskEntity } from './task.entity.js';

/** One unit of service we promised on an order line (2 support visits → 2 commitments). */
@Entity('commitment')
@Index('commitment_project', ['projectId'])
@Index('commitment_serial', ['serialNumber', 'kind'], { where: `"serial_number" IS NOT NULL` })
export class CommitmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'project_id', type: 'uuid' }) projectId: string;
  @ManyToOne(() => ServiceProjectEntity, (p) => p.commitments, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'FK_commitment_project' })
  project: Relation<ServiceProjectEntity>;
  @Column({ name: 'order_line_id', type: 'text' }) orderLineId: string;
  @Column({ type: 'text' }) sku: string;
  @Column({ type: 'text' }) kind: ServiceKind;
  @Column({ name: 'unit_index', type: 'int' }) unitIndex: number;
  @Column({ name: 'for_line_id', type: 'text', nullable: true }) forLineId: string | null;
  @Column({ name: 'serial_number', type: 'text', nullable: true }) serialNumber: string | null;
  @Column({ type: 'text' }) status: CommitmentStatus;
  @Column({ name: 'unit_price', type: 'numeric', precision: 18, scale: 4 }) unitPrice: string;
  @Column({ name: 'template_snapshot', type: 'jsonb' }) templateSnapshot: ServiceTemplate;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ name: 'cancellation_reason', type: 'text', nullable: true }) cancellationReason: string | null;
  /** Set when something needs a person: e.g. cancelled after work started. */
  @Column({ name: 'review_reason', type: 'text', nullable: true }) reviewReason: string | null;
  @OneToMany(() => TaskEntity, (t) => t.commitment, { cascade: ['insert'] }) tasks: Relation<TaskEntity[]>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
