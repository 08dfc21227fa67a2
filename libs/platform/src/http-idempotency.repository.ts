import { Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IDEMPOTENCY_KEY_TTL_MS, type IdempotencyScope, type KeptRequest } from './idempotency-key.js';

export type Reservation = { kind: 'reserved' } | { kind: 'kept'; kept: KeptRequest };

/** Expired keys removed per statement: short transactions, no long locks. */
const PURGE_BATCH = 1000;
/** At most this many batches per sweep; the next sweep goes on. */
const PURGE_BATCHES_PER_SWEEP = 50;
const SWEEP_INTERVAL_MS = 15 * 60 * 1000;

/**
 * The `http_idempotency` table of this service's database. Every statement
 * stands alone (autocommit): the reservation is visible to every other request
 * and instance before the handler runs, whatever the handler's transactions do.
 * Times are the database's, so instances with skewed clocks agree.
 */
@Injectable()
export class HttpIdempotencyRepository implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('HttpIdempotency');
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;

  /** Optional only for apps without a database (none of the services); a key sent to one is refused. */
  constructor(@Optional() private readonly dataSource?: DataSource) {}

  get available(): boolean {
    return this.dataSource !== undefined;
  }

  /**
   * Reserves the key, or answers what is kept for it. A kept key past its 24
   * hours is taken over in the same statement, as if it were new.
   */
  async reserve(scopeId: string, scope: IdempotencyScope, requestHash: string): Promise<Reservation> {
    const db = this.db();
    // The row may vanish between the two statements (its first run failed with a 5xx, or it expired): then try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const reserved: unknown[] = await db.query(
        `INSERT INTO http_idempotency (scope, subject, method, path, idempotency_key, request_hash)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (scope) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, status_code = NULL, response_body = NULL, created_at = now(), completed_at = NULL
           WHERE http_idempotency.created_at < now() - make_interval(secs => $7)
         RETURNING scope`,
        [scopeId, scope.subject, scope.method, scope.path, scope.key, requestHash, IDEMPOTENCY_KEY_TTL_MS / 1000],
      );
      if (reserved.length === 1) return { kind: 'reserved' };
      const kept: { request_hash: string; status_code: number | null; response_body: unknown; age_ms: number }[] = await db.query(
        `SELECT request_hash, status_code, response_body, (EXTRACT(EPOCH FROM now() - created_at) * 1000)::float8 AS age_ms
         FROM http_idempotency WHERE scope = $1`,
        [scopeId],
      );
      if (kept.length === 1) {
        const [row] = kept;
        return { kind: 'kept', kept: { requestHash: row.request_hash, statusCode: row.status_code, responseBody: row.response_body, ageMs: Number(row.age_ms) } };
      }
    }
    throw new Error(`Idempotency-Key reservation ${scopeId} kept vanishing; try again`);
  }

  /** Stores the answer the first run gave, for its retries. */
  async complete(scopeId: string, statusCode: number, body: unknown): Promise<void> {
    await this.db().query(
      `UPDATE http_idempotency SET status_code = $2, response_body = $3::jsonb, completed_at = now() WHERE scope = $1 AND completed_at IS NULL`,
      [scopeId, statusCode, body === undefined || body === null ? null : JSON.stringify(body)],
    );
  }

  /** Forgets a reservation whose run failed on the server's side, so that a retry runs. */
  async release(scopeId: string): Promise<void> {
    await this.db().query(`DELETE FROM http_idempotency WHERE scope = $1 AND completed_at IS NULL`, [scopeId]);
  }

  /** Removes keys past their 24 hours, a batch at a time; returns how many. */
  async purgeExpired(batch = PURGE_BATCH, maxBatches = PURGE_BATCHES_PER_SWEEP): Promise<number> {
    let removed = 0;
    for (let i = 0; i < maxBatches; i++) {
      const [, count]: [unknown[], number] = await this.db().query(
        `DELETE FROM http_idempotency WHERE scope IN (
           SELECT scope FROM http_idempotency WHERE created_at < now() - make_interval(secs => $1)
           ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [IDEMPOTENCY_KEY_TTL_MS / 1000, batch],
      );
      removed += count;
      if (count < batch) break;
    }
    return removed;
  }

  onApplicationBootstrap(): void {
    if (!this.dataSource || process.env.SERVICELOOP_HOUSEKEEPING === 'off') return;
    this.timer = setInterval(() => {
      this.sweeping ??= this.purgeExpired()
        .then((removed) => removed > 0 && this.log.log({ msg: 'expired idempotency keys removed', removed }))
        .catch((error) => this.log.warn({ msg: 'removing expired idempotency keys failed; will try again', error: (error as Error).message }))
        .finally(() => (this.sweeping = undefined));
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }

  private db(): DataSource {
    if (!this.dataSource) throw new Error('Idempotency-Key needs the service\'s database (no DataSource in this app)');
    return this.dataSource;
  }
}
