import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { WarrantyBasis } from './domain/warranty.js';

/** A machine at a customer's site, known by its serial number from the ERP's dispatch. */
@Entity('installed_equipment')
@Index('installed_equipment_serial', ['serialNumber'], { unique: true })
@Index('installed_equipment_customer', ['customerId'])
@Index('installed_equipment_project', ['projectId', 'machineLineId', 'position'])
export class InstalledEquipmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'project_id', type: 'uuid' }) projectId: string;
  @Column({ name: 'order_id', type: 'text' }) orderId: string;
  @Column({ name: 'customer_id', type: 'text' }) customerId: string;
  @Column({ name: 'site_id', type: 'text', nullable: true }) siteId: string | null;
  @Column({ name: 'machine_line_id', type: 'text' }) machineLineId: string;
  /** 1-based order in which machines of one order line were dispatched (binds service units). */
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'text' }) sku: string;
  @Column({ name: 'serial_number', type: 'text' }) serialNumber: string;
  @Column({ name: 'dispatch_id', type: 'text' }) dispatchId: string;
  @Column({ name: 'dispatched_at', type: 'timestamptz' }) dispatchedAt: Date;
  @Column({ name: 'expected_delivery_date', type: 'date' }) expectedDeliveryDate: string;
  @Column({ name: 'installed_on', type: 'date', nullable: true }) installedOn: string | null;
  @Column({ name: 'warranty_months', type: 'int', nullable: true }) warrantyMonths: number | null;
  @Column({ name: 'warranty_starts_on', type: 'date', nullable: true }) warrantyStartsOn: string | null;
  @Column({ name: 'warranty_ends_on', type: 'date', nullable: true }) warrantyEndsOn: string | null;
  @Column({ name: 'warranty_basis', type: 'text', nullable: true }) warrantyBasis: WarrantyBasis | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
