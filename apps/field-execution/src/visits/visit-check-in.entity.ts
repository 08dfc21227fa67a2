import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { VisitEntity, type GeoPoint } from './visit.entity.js';

/**
 * One stretch on site, check-in to check-out. A visit over several days has one
 * per day; at most one is open at a time.
 */
@Entity({ name: 'visit_check_in' })
@Index('ix_visit_check_in_visit', ['visitId', 'checkedInAt'])
@Index('ux_visit_check_in_open', ['visitId'], { unique: true, where: `"checked_out_at" IS NULL` })
@Check('ck_visit_check_in_order', `"checked_out_at" IS NULL OR "checked_out_at" >= "checked_in_at"`)
export class VisitCheckInEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'visit_id', type: 'uuid' })
  visitId: string;

  @ManyToOne(() => VisitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'fk_visit_check_in_visit' })
  visit?: VisitEntity;

  @Column({ name: 'checked_in_at', type: 'timestamptz' })
  checkedInAt: Date;

  @Column({ name: 'check_in_location', type: 'jsonb', nullable: true })
  checkInLocation: GeoPoint | null;

  @Column({ name: 'checked_out_at', type: 'timestamptz', nullable: true })
  checkedOutAt: Date | null;

  @Column({ name: 'check_out_location', type: 'jsonb', nullable: true })
  checkOutLocation: GeoPoint | null;
}
