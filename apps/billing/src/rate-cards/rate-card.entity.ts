import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The price of one billable activity (e.g. an engineer hour, a travel day) from a
 * date on. A rate card without a customer is the list price; one with a customer
 * is that customer's negotiated price and wins over the list price.
 */
@Entity({ name: 'rate_card' })
@Index('ix_rate_card_lookup', ['activity', 'customerId', 'validFrom'])
@Check('ck_rate_card_rate', `"rate" >= 0`)
@Check('ck_rate_card_currency', `"currency" ~ '^[A-Z]{3}$'`)
export class RateCardEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The ERP's customer id (e.g. "C-1007"); null for the list price. */
  @Column({ name: 'customer_id', type: 'text', nullable: true })
  customerId: string | null;

  @Column({ type: 'text' })
  activity: string;

  /** A decimal string, never a JS number: money stays exact end to end. */
  @Column({ type: 'numeric', precision: 14, scale: 4 })
  rate: string;

  /** ISO 4217 code. */
  @Column({ type: 'char', length: 3 })
  currency: string;

  /** First day (YYYY-MM-DD) the rate applies; it holds until a later card replaces it. */
  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
