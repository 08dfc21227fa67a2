import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RoundingRule } from '../ledger/domain/billing-money.js';

/**
 * The price of one billable activity (an engineer hour, travel) from a date on,
 * or the cost of an engineer's hour. Without customer or contract it is the list
 * price (or default cost rate); a customer's or a contract's card wins over it.
 */
@Entity({ name: 'rate_card' })
@Index('ix_rate_card_lookup', ['activity', 'customerId', 'validFrom'])
@Check('ck_rate_card_rate', `"rate" >= 0`)
@Check('ck_rate_card_currency', `"currency" ~ '^[A-Z]{3}$'`)
export class RateCardEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `billing` (what the customer pays) or `cost` (what an engineer hour costs). */
  @Column({ type: 'text', default: 'billing' })
  kind: 'billing' | 'cost';

  /** The ERP's customer id (e.g. "C-1007"); null for the list price. */
  @Column({ name: 'customer_id', type: 'text', nullable: true })
  customerId: string | null;

  /** A contract's own rate: the commitment that sold it. */
  @Column({ name: 'contract_id', type: 'uuid', nullable: true })
  contractId: string | null;

  /** Cost rates: the engineer they price; null for the default. */
  @Column({ name: 'engineer_id', type: 'uuid', nullable: true })
  engineerId: string | null;

  /** The activity priced (work, travel, ...) or `any`. */
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

  /** How hours × rate is rounded to the currency's minor units. */
  @Column({ type: 'text', default: 'half_up' })
  rounding: RoundingRule;

  /** Parts are billed at cost plus this percent. */
  @Column({ name: 'parts_markup_percent', type: 'numeric', precision: 7, scale: 2, default: 0 })
  partsMarkupPercent: string;

  @Column({ name: 'created_by', type: 'text', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
