import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { EngineerEntity } from '../engineers/engineer.entity.js';

/**
 * Leave as the engineer asked for it: whole local days. Its time is held by
 * `engineer_time` rows (public holidays inside it keep their own rows).
 */
@Entity({ name: 'engineer_leave' })
@Index('engineer_leave_engineer', ['engineerId', 'firstDay'])
export class EngineerLeaveEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'engineer_id', type: 'uuid' }) engineerId: string;
  @ManyToOne(() => EngineerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'engineer_id', foreignKeyConstraintName: 'fk_engineer_leave_engineer' })
  engineer: Relation<EngineerEntity>;
  @Column({ name: 'first_day', type: 'date' }) firstDay: string;
  @Column({ name: 'last_day', type: 'date' }) lastDay: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'created_by', type: 'text' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
