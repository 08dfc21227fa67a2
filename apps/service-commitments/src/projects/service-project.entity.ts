import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { CommitmentEntity } from './commitment.entity.js';
import { OrderLineEntity } from './order-line.entity.js';

export type ProjectStatus = 'active' | 'cancelled' | 'completed';

export interface SiteSnapshot {
  id: string | null;
  name: string | null;
  address: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  timezone: string | null;
}

/** One service project per ERP sales order. */
@Entity('service_project')
@Index('service_project_order', ['orderId', 'orderSource'], { unique: true })
@Index('service_project_customer', ['customerId'])
@Index('service_project_created', ['createdAt'])
export class ServiceProjectEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'order_id', type: 'text' }) orderId: string;
  @Column({ name: 'order_source', type: 'text' }) orderSource: string;
  @Column({ name: 'order_date', type: 'date' }) orderDate: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ name: 'customer_id', type: 'text' }) customerId: string;
  @Column({ name: 'customer_name', type: 'text' }) customerName: string;
  @Column({ name: 'customer_email', type: 'text', nullable: true }) customerEmail: string | null;
  @Column({ name: 'customer_po_number', type: 'text', nullable: true }) customerPoNumber: string | null;
  @Column({ type: 'jsonb' }) site: SiteSnapshot;
  @Column({ type: 'text' }) status: ProjectStatus;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ name: 'cancellation_reason', type: 'text', nullable: true }) cancellationReason: string | null;
  @Column({ name: 'order_revision', type: 'int', default: 0 }) orderRevision: number;
  @Column({ name: 'order_fingerprint', type: 'text' }) orderFingerprint: string;
  @OneToMany(() => OrderLineEntity, (line) => line.project, { cascade: ['insert'] }) lines: Relation<OrderLineEntity[]>;
  @OneToMany(() => CommitmentEntity, (c) => c.project, { cascade: ['insert'] }) commitments: Relation<CommitmentEntity[]>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
