import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { NotificationChannel, NotificationStatus } from './domain/escalation-routing.js';
import { EscalationEntity } from './escalation.entity.js';

/** What was sent (or recorded) to tell someone of an escalation, and how delivery went. */
@Entity('notification')
@Index('notification_escalation', ['escalationId'])
@Index('notification_undelivered', ['createdAt'], { where: `status IN ('pending', 'failed')` })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'escalation_id', type: 'uuid' }) escalationId: string;
  @ManyToOne(() => EscalationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'escalation_id', foreignKeyConstraintName: 'FK_notification_escalation' })
  escalation: Relation<EscalationEntity>;
  @Column({ type: 'text' }) recipient: string;
  @Column({ type: 'text' }) channel: NotificationChannel;
  @Column({ type: 'text' }) destination: string;
  @Column({ type: 'text' }) subject: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'text' }) status: NotificationStatus;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt: Date | null;
}
