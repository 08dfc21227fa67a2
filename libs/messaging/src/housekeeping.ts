import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashKey } from './outbox-relay.js';

/**
 * How long the messaging tables keep what they no longer need (0 days: keep
 * forever), and how often they are swept.
 *
 * - OUTBOX_RETENTION_DAYS (default 7): published outbox rows. Unpublished ones are never removed.
 * - INBOX_RETENTION_DAYS (default 90): inbox rows (`processed_event`), which make a
 *   redelivered event a no-op, and held events already released or expired.
 *   A consumer group reset to before this window would apply older events again:
 *   the ERP events are also idempotent by their own ids (order, dispatch, issue,
 *   invoice request), internal ones are not.
 * - HOUSEKEEPING_INTERVAL_MS (default one hour).
 * Dead letters and replay audits are kept: they are the operators' record.
 */
export interface RetentionPolicy {
  outboxDays: number;
  inboxDays: number;
  intervalMs: number;
}

export function retentionFromEnv(env: Record<string, string | undefined> = process.env): RetentionPolicy {
  const whole = (name: string, fallback: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) > max) throw new Error(`${name} must be a whole number from 0 to ${max}, not "${raw}"`);
    return Number(raw);
  };
  return {
    outboxDays: whole('OUTBOX_RETENTION_DAYS', 7, 3650),
    inboxDays: whole('INBOX_RETENTION_DAYS', 90, 3650),
    intervalMs: Math.max(1000, whole('HOUSEKEEPING_INTERVAL_MS', 3_600_000, 86_400_000)),
  };
}

export interface SweepResult {
  outbox: number;
  inbox: number;
  held: number;
}

/** Rows removed per statement: short transactions, no long locks. */
const BATCH = 5000;

/**
 * Removes published outbox rows, inbox rows and released held events past
 * their retention, in small batches, one instance of a service at a time
 * (a transaction-scoped advisory lock; the others skip that round).
 */
@Injectable()
export class MessagingHousekeeping implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(MessagingHousekeeping.name);
  private readonly policy = retentionFromEnv();
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    if (process.env.SERVICELOOP_HOUSEKEEPING === 'off') return;
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((error) => this.log.warn({ msg: 'housekeeping failed; will try again', error: (error as Error).message }))
        .finally(() => (this.running = undefined));
    }, this.policy.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One round; `now` and the batch size are for tests. */
  async sweep(now: Date = new Date(), batch = BATCH): Promise<SweepResult> {
    const result: SweepResult = { outbox: 0, inbox: 0, held: 0 };
    const before = (days: number) => new Date(now.getTime() - days * 86_400_000);
    if (this.policy.outboxDays > 0) {
      result.outbox = await this.inBatches(
        `DELETE FROM outbox_event WHERE id IN (
           SELECT id FROM outbox_event WHERE published_at IS NOT NULL AND published_at < $1 ORDER BY id LIMIT $2)`,
        before(this.policy.outboxDays),
        batch,
      );
    }
    if (this.policy.inboxDays > 0) {
      result.inbox = await this.inBatches(
        `DELETE FROM processed_event WHERE ctid = ANY(ARRAY(
           SELECT ctid FROM processed_event WHERE processed_at < $1 ORDER BY processed_at LIMIT $2))`,
        before(this.policy.inboxDays),
        batch,
      );
      result.held = await this.inBatches(
        `DELETE FROM parked_event WHERE id IN (
           SELECT id FROM parked_event WHERE released_at IS NOT NULL AND released_at < $1 ORDER BY released_at LIMIT $2)`,
        before(this.policy.inboxDays),
        batch,
      );
    }
    if (result.outbox + result.inbox + result.held > 0) this.log.log({ msg: 'housekeeping removed rows past their retention', ...result });
    return result;
  }

  private async inBatches(sql: string, cutoff: Date, batch: number): Promise<number> {
    let removed = 0;
    for (;;) {
      const count = await this.dataSource.transaction(async (tx) => {
        const [{ mine }] = await tx.query('SELECT pg_try_advisory_xact_lock($1) AS mine', [hashKey('messaging-housekeeping')]);
        if (!mine) return 0;
        // TypeORM gives a DELETE's result as [rows, count].
        const [, deleted]: [unknown[], number] = await tx.query(sql, [cutoff, batch]);
        return deleted;
      });
      removed += count;
      if (count < batch) return removed;
    }
  }
}
