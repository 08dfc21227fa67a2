import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRateCards1764100200000 implements MigrationInterface {
  name = 'CreateRateCards1764100200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rate_card" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "customer_id" text,
        "activity" text NOT NULL,
        "rate" numeric(14,4) NOT NULL,
        "currency" char(3) NOT NULL,
        "valid_from" date NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_rate_card" PRIMARY KEY ("id"),
        CONSTRAINT "ck_rate_card_rate" CHECK ("rate" >= 0),
        CONSTRAINT "ck_rate_card_currency" CHECK ("currency" ~ '^[A-Z]{3}$')
      )`);
    // Pricing asks: the card for this activity (and customer) valid on a date.
    await queryRunner.query(`CREATE INDEX "ix_rate_card_lookup" ON "rate_card" ("activity", "customer_id", "valid_from")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_card"`);
  }
}
