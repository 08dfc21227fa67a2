import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateConsumerPositions1764100300000 implements MigrationInterface {
  name = 'CreateConsumerPositions1764100300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "consumer_position" (
        "read_model" text NOT NULL,
        "topic" text NOT NULL,
        "partition" integer NOT NULL,
        "next_offset" bigint NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_consumer_position" PRIMARY KEY ("read_model", "topic", "partition"),
        CONSTRAINT "ck_consumer_position_offset" CHECK ("next_offset" >= 0)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "consumer_position"`);
  }
}
