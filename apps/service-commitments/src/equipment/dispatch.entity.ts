import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An ERP dispatch note as received; its id makes each dispatch idempotent. */
@Entity('dispatch')
export class DispatchEntity {
  @PrimaryColumn({ name: 'order_source', type: 'text' }) orderSource: string;
  @PrimaryColumn({ name: 'dispatch_id', type: 'text' }) dispatchId: string;
  @Column({ name: 'project_id', type: 'uuid' }) projectId: string;
  @Column({ name: 'dispatched_at', type: 'timestamptz' }) dispatchedAt: Date;
  @Column({ name: 'expected_delivery_date', type: 'date' }) expectedDeliveryDate: string;
  @Column({ name: 'site_id', type: 'text', nullable: true }) siteId: string | null;
  @Column({ type: 'jsonb' }) lines: { lineId: string; sku: string; quantity: number; serialNumbers: string[] }[];
  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
}
