import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * psa.service-project.changed.v1 replaces a project's order id, site and commitments: the time of the snapshot a
 * project row holds is kept so an older one (a created after a change, a stale change) never replaces a newer one.
 * Rows there so far hold their created snapshot. Changes published before this runs were skipped: a rebuild
 * (src/rebuild.ts) reads them.
 */
export class AddProjectChangedAt1765500000000 implements MigrationInterface {
  name = 'AddProjectChangedAt1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "project" ADD "changed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "project" SET "changed_at" = "created_at"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "project" DROP COLUMN "changed_at"`);
  }
}
