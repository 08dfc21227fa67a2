import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * After-hours and weekend premiums on billing rate cards: percents of the rate
 * (null: one rate whatever the hour) and the working week they are measured
 * against. Existing cards get no premiums and the default week (Monday–Friday
 * 08:00–18:00), so they price exactly as before.
 */
export class RateCardPremiums1765900000000 implements MigrationInterface {
  name = 'RateCardPremiums1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "rate_card" ADD "after_hours_percent" numeric(7,2)`);
    await q.query(`ALTER TABLE "rate_card" ADD "weekend_percent" numeric(7,2)`);
    await q.query(`ALTER TABLE "rate_card" ADD "business_days" smallint array NOT NULL DEFAULT '{1,2,3,4,5}'`);
    await q.query(`ALTER TABLE "rate_card" ADD "business_from" text NOT NULL DEFAULT '08:00'`);
    await q.query(`ALTER TABLE "rate_card" ADD "business_to" text NOT NULL DEFAULT '18:00'`);
    await q.query(
      `ALTER TABLE "rate_card" ADD CONSTRAINT "ck_rate_card_premiums" CHECK (("after_hours_percent" IS NULL OR "after_hours_percent" >= 100) AND ("weekend_percent" IS NULL OR "weekend_percent" >= 100))`,
    );
    await q.query(
      `ALTER TABLE "rate_card" ADD CONSTRAINT "ck_rate_card_business_hours" CHECK ("business_from" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "business_to" ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' AND "business_from" < "business_to" AND cardinality("business_days") BETWEEN 1 AND 7 AND "business_days" <@ '{1,2,3,4,5,6,7}'::smallint[])`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "rate_card" DROP CONSTRAINT "ck_rate_card_business_hours"`);
    await q.query(`ALTER TABLE "rate_card" DROP CONSTRAINT "ck_rate_card_premiums"`);
    await q.query(`ALTER TABLE "rate_card" DROP COLUMN "business_to"`);
    await q.query(`ALTER TABLE "rate_card" DROP COLUMN "business_from"`);
    await q.query(`ALTER TABLE "rate_card" DROP COLUMN "business_days"`);
    await q.query(`ALTER TABLE "rate_card" DROP COLUMN "weekend_percent"`);
    await q.query(`ALTER TABLE "rate_card" DROP COLUMN "after_hours_percent"`);
  }
}
