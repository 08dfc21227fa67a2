import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEngineers1764100000000 implements MigrationInterface {
  name = 'CreateEngineers1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "engineer" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "email" text NOT NULL,
        "home_region" text NOT NULL,
        "timezone" text NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_engineer" PRIMARY KEY ("id"),
        CONSTRAINT "uq_engineer_email" UNIQUE ("email")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "engineer"`);
  }
}
