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
@Check('ck_rate_card_premiums', `("after_hours_percent" IS NULL OR "after_hours_percent" >= 100) AND ("weekend_percent" IS NULL OR "weekend_percent" >= 100)`)
@Check(
  'ck_rate_card_business_hours',
  `"business_from" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "business_to" ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' AND "business_from" < "business_to" AND cardinality("business_days") BETWEEN 1 AND 7 AND "business_days" <@ '{1,2,3,4,5,6,7}'::smallint[]`,
)
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

  /** Billing: percent of the rate for hours outside business hours on a working day (≥ 100); null: one rate whatever the hour. */
  @Column({ name: 'after_hours_percent', type: 'numeric', precision: 7, scale: 2, nullable: true })
  afterHoursPercent: string | null;

  /** Billing: percent of the rate for hours on non-working days (≥ 100); null: the after-hours percent applies there. */
  @Column({ name: 'weekend_percent', type: 'numeric', precision: 7, scale: 2, nullable: true })
  weekendPercent: string | null;

  /** Working days as ISO weekdays (1 Monday … 7 Sunday), each once. */
  @Column({ name: 'business_days', type: 'smallint', array: true, default: () => "'{1,2,3,4,5}'" })
  businessDays: number[];

  /** Business hours on a working day, `HH:MM` on the site's wall clock, from inclusive, to exclusive (`24:00` the day's end). */
  @Column({ name: 'business_from', type: 'text', default: '08:00' })
  businessFrom: string;

  @Column({ name: 'business_to', type: 'text', default: '18:00' })
  businessTo: string;

  @Column({ name: 'created_by', type: 'text', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
