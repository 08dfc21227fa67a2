import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The team an engineer works in (optional): carried in psa.engineer.availability-changed.v1 for utilization per team. */
export class AddEngineerTeam1764300000000 implements MigrationInterface {
  name = 'AddEngineerTeam1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "engineer" ADD "team" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "engineer" DROP COLUMN "team"`);
  }
}
