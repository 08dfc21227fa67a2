import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox, inbox, parking and dead-letter tables; every service includes this migration. */
export class CreateMessagingTables1764000000000 implements MigrationInterface {
  name = 'CreateMessagingTables1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "outbox_event" (
      "id" BIGSERIAL NOT NULL,
      "event_id" text NOT NULL,
      "topic" text NOT NULL,
      "message_key" text,
      "event" jsonb NOT NULL,
      "headers" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "published_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_outbox_event" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_outbox_event_event_id" UNIQUE ("event_id"))`);
    await q.query(`CREATE INDEX "outbox_event_unpublished" ON "outbox_event" ("id") WHERE published_at IS NULL`);
    await q.query(`CREATE TABLE "processed_event" (
      "source" text NOT NULL,
      "event_id" text NOT NULL,
      "type" text NOT NULL,
      "topic" text NOT NULL,
      "partition" integer NOT NULL,
      "record_offset" bigint NOT NULL,
      "outcome" text NOT NULL,
      "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_processed_event" PRIMARY KEY ("source", "event_id"))`);
    await q.query(`CREATE TABLE "parked_event" (
      "id" BIGSERIAL NOT NULL,
      "park_key" text NOT NULL,
      "source" text NOT NULL,
      "event_id" text NOT NULL,
      "type" text NOT NULL,
      "topic" text NOT NULL,
      "partition" integer NOT NULL,
      "record_offset" bigint NOT NULL,
      "message_key" text,
      "event" jsonb NOT NULL,
      "original_value" bytea,
      "original_headers" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "parked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "released_at" TIMESTAMP WITH TIME ZONE,
      "outcome" text,
      CONSTRAINT "PK_parked_event" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "parked_event_waiting" ON "parked_event" ("park_key", "id") WHERE released_at IS NULL`);
    await q.query(`CREATE TABLE "dead_letter" (
      "id" BIGSERIAL NOT NULL,
      "original_topic" text NOT NULL,
      "original_partition" integer NOT NULL,
      "original_offset" bigint NOT NULL,
      "dlq_topic" text NOT NULL,
      "message_key" text,
      "value" bytea,
      "headers" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "reason_code" text NOT NULL,
      "reason" text NOT NULL,
      "failed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "replayed_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_dead_letter" PRIMARY KEY ("id"))`);
    await q.query(
      `CREATE UNIQUE INDEX "dead_letter_original" ON "dead_letter" ("original_topic", "original_partition", "original_offset")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "dead_letter"`);
    await q.query(`DROP TABLE "parked_event"`);
    await q.query(`DROP TABLE "processed_event"`);
    await q.query(`DROP TABLE "outbox_event"`);
  }
}

/** The audit of dead-letter replays (who, when, why, outcome); every service that has dead letters includes it. */
export class CreateDeadLetterReplays1764500000000 implements MigrationInterface {
  name = 'CreateDeadLetterReplays1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "dead_letter_replay" (
      "id" BIGSERIAL NOT NULL,
      "dead_letter_id" bigint NOT NULL,
      "original_topic" text NOT NULL,
      "original_partition" integer NOT NULL,
      "original_offset" bigint NOT NULL,
      "event_id" text,
      "reason_code" text NOT NULL,
      "replayed_by" text NOT NULL,
      "operator" text,
      "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "comment" text,
      "outcome" text NOT NULL,
      "detail" text,
      CONSTRAINT "PK_dead_letter_replay" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "dead_letter_replay_letter" ON "dead_letter_replay" ("dead_letter_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "dead_letter_replay"`);
  }
}

/**
 * When a dead letter went to its `.dlq` topic, so that a record delivered again
 * (its consumer died before committing) is not sent there twice. Letters kept
 * before this were sent before they were kept.
 */
export class DeadLetterPublishedAt1764600000000 implements MigrationInterface {
  name = 'DeadLetterPublishedAt1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "dead_letter" ADD "published_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`UPDATE "dead_letter" SET "published_at" = "failed_at"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "dead_letter" DROP COLUMN "published_at"`);
  }
}

/**
 * Housekeeping finds inbox rows and released held events by age (see
 * MessagingHousekeeping): an index each, so the hourly sweep does not scan them.
 */
export class MessagingRetentionIndexes1764900000000 implements MigrationInterface {
  name = 'MessagingRetentionIndexes1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "processed_event_processed_at" ON "processed_event" ("processed_at")`);
    await q.query(`CREATE INDEX "parked_event_released_at" ON "parked_event" ("released_at") WHERE released_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."parked_event_released_at"`);
    await q.query(`DROP INDEX "public"."processed_event_processed_at"`);
  }
}

/**
 * The relay is woken by a notification when outbox rows commit. PostgreSQL sends
 * it from a statement trigger, so writers need no round trip of their own for it
 * (a burst of dispatches writes a few events each), and a notification made in a
 * savepoint that is rolled back goes with the rows it announced. Notifications
 * of one transaction on one channel with one payload are sent once.
 */
export class OutboxNotifyTrigger1765000000000 implements MigrationInterface {
  name = 'OutboxNotifyTrigger1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION "serviceloop_outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('serviceloop_outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "outbox_event_notify" AFTER INSERT ON "outbox_event" FOR EACH STATEMENT EXECUTE FUNCTION "serviceloop_outbox_notify"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "outbox_event_notify" ON "outbox_event"`);
    await q.query(`DROP FUNCTION "serviceloop_outbox_notify"()`);
  }
}

/**
 * Two lookups on messaging tables that grow without bound (every service includes it):
 * - `outbox_event_published_at`: housekeeping's batches of published rows past their retention
 *   (`published_at < cutoff ORDER BY id LIMIT n`). Without it the last batch of each round, which
 *   finds fewer rows than it asks for, read every row kept for the week (the primary key in id
 *   order passes them all); now it reads only the rows it removes. Earlier batches, which find a
 *   full batch, still take the oldest ids by the primary key.
 * - `dead_letter_unreplayed`: the dead letters not replayed, counted on every metrics scrape and
 *   read per topic by "replay all". Dead letters are kept (the operators' record) and nearly all of
 *   them are replayed, so the count read the whole table; the partial index holds only the few
 *   waiting and answers the count from the index alone.
 */
export class MessagingLookupIndexes1765300000000 implements MigrationInterface {
  name = 'MessagingLookupIndexes1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "outbox_event_published_at" ON "outbox_event" ("published_at") WHERE published_at IS NOT NULL`);
    await q.query(`CREATE INDEX "dead_letter_unreplayed" ON "dead_letter" ("id") WHERE replayed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."dead_letter_unreplayed"`);
    await q.query(`DROP INDEX "public"."outbox_event_published_at"`);
  }
}

/**
 * The outbox keeps each event as json (its text as written) instead of jsonb, compressed
 * with lz4 where the server has it. Nothing queries inside an outbox event on the hot path:
 * the relay reads it back only to send it, and jsonb cost PostgreSQL a parse into its binary
 * form on every write and a print back to text on every read. Measured on 3,000 project
 * announcements of 2.4 KB (PostgreSQL 15): writing 190-199 ms as jsonb (pglz), 66-74 as json
 * (lz4); reading them back as text 60-77 ms against 14-25. `->` and `->>` work on json as on
 * jsonb for the operators' ad-hoc queries.
 */
export class OutboxEventAsJson1766200000000 implements MigrationInterface {
  name = 'OutboxEventAsJson1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox_event" ALTER COLUMN "event" TYPE json USING "event"::json`);
    // lz4 needs a server built with it (PostgreSQL 14 and later, as most packages are); otherwise pglz stays.
    await q.query(`DO $$ BEGIN
        ALTER TABLE "outbox_event" ALTER COLUMN "event" SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox_event" ALTER COLUMN "event" SET COMPRESSION default`);
    await q.query(`ALTER TABLE "outbox_event" ALTER COLUMN "event" TYPE jsonb USING "event"::jsonb`);
  }
}
