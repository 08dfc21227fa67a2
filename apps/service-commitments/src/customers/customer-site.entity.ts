import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A customer's site as the customer master knows it: learned from ERP orders or entered by the service desk. */
@Entity('customer_site')
export class CustomerSiteEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'text' }) customerId: string;
  @PrimaryColumn({ name: 'site_id', type: 'text' }) siteId: string;
  @Column({ type: 'text', nullable: true }) name: string | null;
  @Column({ type: 'text', nullable: true }) address: string | null;
  @Column({ type: 'text', nullable: true }) city: string | null;
  @Column({ type: 'text', nullable: true }) region: string | null;
  @Column({ type: 'text', nullable: true }) country: string | null;
  @Column({ type: 'text', nullable: true }) timezone: string | null;
  /** `order` (as an ERP order last named it) or `service_desk` (entered by hand). */
  @Column({ name: 'updated_from', type: 'text' }) updatedFrom: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** The site where a customer's orders without one are done. One per customer. */
@Entity('customer_default_site')
export class CustomerDefaultSiteEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'text' }) customerId: string;
  @Column({ name: 'site_id', type: 'text' }) siteId: string;
  /** Who chose it: `first_order` (the first site an order named) or the token subject of a person. */
  @Column({ name: 'set_by', type: 'text' }) setBy: string;
  @Column({ name: 'set_at', type: 'timestamptz' }) setAt: Date;
}
