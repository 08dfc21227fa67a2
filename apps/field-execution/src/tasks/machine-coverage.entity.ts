import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A machine's warranty or AMC as service-commitments last reported it (psa.coverage.changed.v1). */
@Entity({ name: 'machine_coverage' })
@Index('ux_machine_coverage', ['serialNumber', 'coverageKey'], { unique: true })
export class MachineCoverageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'serial_number', type: 'text' })
  serialNumber: string;

  /** 'warranty', or the AMC contract id: one row per coverage of a machine. */
  @Column({ name: 'coverage_key', type: 'text' })
  coverageKey: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'contract_id', type: 'uuid', nullable: true })
  contractId: string | null;

  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn: string | null;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ type: 'text', nullable: true })
  scope: string | null;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}
