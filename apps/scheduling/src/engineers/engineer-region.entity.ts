import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { EngineerEntity } from './engineer.entity.js';

/** A region an engineer serves besides the home region. */
@Entity({ name: 'engineer_region' })
@Index('engineer_region_region', ['region'])
export class EngineerRegionEntity {
  @PrimaryColumn({ name: 'engineer_id', type: 'uuid' }) engineerId: string;
  @PrimaryColumn({ type: 'text' }) region: string;
  @ManyToOne(() => EngineerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'engineer_id', foreignKeyConstraintName: 'fk_engineer_region_engineer' })
  engineer: Relation<EngineerEntity>;
}
