import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The engineer's name as their token gave it at check-in, for the service report (scheduling's bookings carry ids only). */
export class VisitEngineerName1764100300000 implements MigrationInterface {
  name = 'VisitEngineerName1764100300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "visit" ADD "engineer_name" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "visit" DROP COLUMN "engineer_name"`);
  }
}
