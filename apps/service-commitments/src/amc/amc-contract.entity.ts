import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AmcTerms } from '../catalogue/domain/service-template.js';

export type AmcStatus = 'pending' | 'active' | 'expired' | 'cancelled';

/** An annual maintenance contract: one per AMC unit sold, bound to one machine. */
@Entity('amc_contract')
@Index('amc_contract_commitment', ['commitmentId'], { unique: true })
@Index('amc_contract_serial', ['serialNumber'])
export class AmcContractEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'commitment_id', type: 'uuid' }) commitmentId: string;
  @Column({ name: 'project_id', type: 'uuid' }) projectId: string;
  @Column({ name: 'customer_id', type: 'text' }) customerId: string;
  @Column({ name: 'serial_number', type: 'text', nullable: true }) serialNumber: string | null;
  @Column({ type: 'jsonb' }) terms: AmcTerms;
  @Column({ name: 'billing_schedule', type: 'text' }) billingSchedule: string;
  @Column({ type: 'text' }) status: AmcStatus;
  @Column({ name: 'starts_on', type: 'date', nullable: true }) startsOn: string | null;
  @Column({ name: 'ends_on', type: 'date', nullable: true }) endsOn: string | null;
  @Column({ name: 'visits_used', type: 'int', default: 0 }) visitsUsed: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
