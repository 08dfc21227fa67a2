export interface MessagingOptions {
  /** Logical topics this service consumes (the topic prefix is added for the broker). */
  consumes: string[];
  /** Logical topics this service writes through its outbox. */
  produces: string[];
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const KAFKA = Symbol('KAFKA');

export interface FaultInjection {
  /** Kill the process with SIGKILL right after the Nth event's database commit, before its offset commit. */
  crashAfterDbCommit?: number;
  /** The first batch of this (logical) topic fails with a TypeError, which kafkajs does not recover from. */
  failFirstBatchOf?: string;
}

export function faultInjectionFromEnv(env: Record<string, string | undefined> = process.env): FaultInjection {
  const raw = env.SERVICELOOP_FAULT_CRASH_AFTER_COMMIT;
  return {
    ...(raw && /^\d+$/.test(raw) ? { crashAfterDbCommit: Number(raw) } : {}),
    ...(env.SERVICELOOP_FAULT_FAIL_FIRST_BATCH_OF ? { failFirstBatchOf: env.SERVICELOOP_FAULT_FAIL_FIRST_BATCH_OF } : {}),
  };
}

/**
 * KAFKA_APPLY_TOGETHER_MAX: at most this many records of one partition are
 * applied in one transaction (default 250; 1 applies every record on its own).
 */
export function applyTogetherMaxFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.KAFKA_APPLY_TOGETHER_MAX;
  if (raw === undefined || raw === '') return 250;
  if (!/^[1-9]\d{0,4}$/.test(raw)) throw new Error(`KAFKA_APPLY_TOGETHER_MAX must be a whole number from 1 to 99999, not "${raw}"`);
  return Number(raw);
}

/**
 * KAFKA_APPLY_LANES: a round of many records is applied in this many transactions
 * side by side, whole partitions each (default 2; 1 applies a round in one
 * transaction at a time). See ApplyRounds.
 */
export function applyLanesFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.KAFKA_APPLY_LANES;
  if (raw === undefined || raw === '') return 2;
  if (!/^[1-6]$/.test(raw)) throw new Error(`KAFKA_APPLY_LANES must be a whole number from 1 to 6, not "${raw}"`);
  return Number(raw);
}

/**
 * KAFKA_COMMIT_INTERVAL_MS: at least this long between two offset commits of a
 * consumer (default 200; 0 sends each as soon as the one in flight is answered).
 * See OffsetCommits.
 */
export function commitIntervalFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.KAFKA_COMMIT_INTERVAL_MS;
  if (raw === undefined || raw === '') return 200;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 10_000) throw new Error(`KAFKA_COMMIT_INTERVAL_MS must be a whole number of milliseconds from 0 to 10000, not "${raw}"`);
  return Number(raw);
}
