import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A public holiday of a region. Each engineer whose home region it is gets a row
 * in `engineer_time` for the whole local day, so the no-overlap rule covers it.
 */
@Entity({ name: 'public_holiday' })
@Unique('uq_public_holiday_region_date', ['region', 'date'])
export class PublicHolidayEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) region: string;
  @Column({ type: 'date' }) date: string;
  @Column({ type: 'text' }) name: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
