import { Column, CreateDateColumn, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { EngineerEntity } from '../engineers/engineer.entity.js';
import { BookingEntity } from '../assignment/booking.entity.js';
import { EngineerLeaveEntity } from './engineer-leave.entity.js';
import { PublicHolidayEntity } from './public-holiday.entity.js';

export type EngineerTimeKind = 'booking' | 'leave' | 'holiday';
/** Booking rows follow their booking (proposed, confirmed); leave and holidays are confirmed; 'cancelled' frees the time. */
export type EngineerTimeStatus = 'proposed' | 'confirmed' | 'cancelled';

export const NO_OVERLAP_CONSTRAINT = 'engineer_time_no_overlap';

/**
 * Every stretch of an engineer's time that is taken: booking segments (travel to
 * and from the site included), leave, public holidays. PostgreSQL itself refuses
 * two live rows of one engineer that overlap (SQLSTATE 23P01), so no engineer is
 * ever in two places at once, whatever races the application loses.
 */
@Entity({ name: 'engineer_time' })
@Index('engineer_time_booking', ['bookingId'])
@Index('engineer_time_leave', ['leaveId'], { where: `"leave_id" IS NOT NULL` })
@Index('engineer_time_holiday', ['holidayId'], { where: `"holiday_id" IS NOT NULL` })
@Index('engineer_time_engineer_holidays', ['engineerId'], { where: `"kind" = 'holiday'` })
@Exclusion(NO_OVERLAP_CONSTRAINT, `USING gist ("engineer_id" WITH =, "period" WITH &&) WHERE ("status" <> 'cancelled')`)
export class EngineerTimeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'engineer_id', type: 'uuid' }) engineerId: string;
  @ManyToOne(() => EngineerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'engineer_id', foreignKeyConstraintName: 'fk_engineer_time_engineer' })
  engineer: Relation<EngineerEntity>;
  @Column({ type: 'text' }) kind: EngineerTimeKind;
  /** [start, end) in UTC; for a booking, from leaving for the site to being back. */
  @Column({ type: 'tstzrange' }) period: string;
  @Column({ type: 'text', default: 'confirmed' }) status: EngineerTimeStatus;
  @Column({ name: 'booking_id', type: 'uuid', nullable: true }) bookingId: string | null;
  @ManyToOne(() => BookingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'booking_id', foreignKeyConstraintName: 'fk_engineer_time_booking' })
  booking: Relation<BookingEntity> | null;
  @Column({ name: 'holiday_id', type: 'uuid', nullable: true }) holidayId: string | null;
  @ManyToOne(() => PublicHolidayEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'holiday_id', foreignKeyConstraintName: 'fk_engineer_time_holiday' })
  holiday: Relation<PublicHolidayEntity> | null;
  @Column({ name: 'leave_id', type: 'uuid', nullable: true }) leaveId: string | null;
  @ManyToOne(() => EngineerLeaveEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'leave_id', foreignKeyConstraintName: 'fk_engineer_time_leave' })
  leave: Relation<EngineerLeaveEntity> | null;
  /** Travel each way included in a booking row's period, minutes. */
  @Column({ name: 'travel_minutes', type: 'int', default: 0 }) travelMinutes: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
