import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Travel minutes each way between two regions (looked up in both directions). */
@Entity({ name: 'region_travel' })
export class RegionTravelEntity {
  @PrimaryColumn({ name: 'from_region', type: 'text' }) fromRegion: string;
  @PrimaryColumn({ name: 'to_region', type: 'text' }) toRegion: string;
  @Column({ type: 'int' }) minutes: number;
}
