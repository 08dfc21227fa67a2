import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { EngineerEntity } from './engineer.entity.js';

/** A skill an engineer has, with the certificate that proves it and its last valid day. */
@Entity({ name: 'engineer_skill' })
export class EngineerSkillEntity {
  @PrimaryColumn({ name: 'engineer_id', type: 'uuid' }) engineerId: string;
  @PrimaryColumn({ type: 'text' }) skill: string;
  @ManyToOne(() => EngineerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'engineer_id', foreignKeyConstraintName: 'fk_engineer_skill_engineer' })
  engineer: Relation<EngineerEntity>;
  /** Certificate number or name, when there is one. */
  @Column({ type: 'text', nullable: true }) certificate: string | null;
  /** Last day the certificate is valid (inclusive, engineer's zone); null: it does not expire. */
  @Column({ name: 'certified_until', type: 'date', nullable: true }) certifiedUntil: string | null;
}
