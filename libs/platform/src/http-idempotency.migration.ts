import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `Idempotency-Key` on POST and PATCH (HttpIdempotencyEntity, #platform): the
 * key reserved before the handler runs and the answer a retry gets. Rows past 24
 * hours are removed by the service; created_at's index serves that sweep.
 * One migration for every service, as the messaging library's tables are.
 */
export class HttpIdempotency1765800000000 implements MigrationInterface {
  name = 'HttpIdempotency1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "http_idempotency" (
      "scope" text NOT NULL,
      "subject" text NOT NULL,
      "method" text NOT NULL,
      "path" text NOT NULL,
      "idempotency_key" text NOT NULL,
      "request_hash" text NOT NULL,
      "status_code" integer,
      "response_body" jsonb,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "completed_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_http_idempotency" PRIMARY KEY ("scope"))`);
    await q.query(`CREATE INDEX "http_idempotency_created_at" ON "http_idempotency" ("created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "http_idempotency"`);
  }
}
