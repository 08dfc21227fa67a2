import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfigError } from '#platform';
import { hashKey } from '#messaging';
import { AmcService } from './amc.service.js';

/** Visits made ready per transaction; a run goes on until none is due. */
const RELEASE_BATCH = 200;
/** How often the release runs by default (AMC_RELEASE_INTERVAL_MS; 0 turns the background run off). */
export const DEFAULT_RELEASE_INTERVAL_MS = 3_600_000;
/** The first background run comes this soon after boot at the latest (restarts must not put it off for ever). */
const FIRST_RUN_MS = 60_000;

export interface ReleaseReport {
  /** Preventive visits made ready for scheduling (each announced as psa.task.ready.v1). */
  released: number;
}

export function releaseIntervalFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.AMC_RELEASE_INTERVAL_MS;
  if (raw === undefined || raw === '') return DEFAULT_RELEASE_INTERVAL_MS;
  if (!/^\d+$/.test(raw)) throw new ConfigError('AMC_RELEASE_INTERVAL_MS', `must be a whole number of milliseconds (0 = off), got "${raw}"`);
  const value = Number(raw);
  if (value !== 0 && value < 1_000) throw new ConfigError('AMC_RELEASE_INTERVAL_MS', `must be 0 (off) or at least 1000, got ${value}`);
  return value;
}

/**
 * Makes the AMC's planned preventive visits ready for scheduling as their dates
 * come near, and moves contracts to active and expired with their terms: in the
 * background every AMC_RELEASE_INTERVAL_MS, or now when a service manager asks.
 *
 * Each batch is one transaction holding a transaction-scoped advisory lock, so
 * instances take turns and a visit is released once: the next batch reads only
 * visits still promised.
 */
@Injectable()
export class AmcVisitRelease implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AmcVisitRelease.name);
  private readonly lockKey = hashKey('amc-visit-release');
  private readonly intervalMs = releaseIntervalFromEnv();
  private timers: NodeJS.Timeout[] = [];
  /** Runs in this process, one after the other. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly amc: AmcService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    const first = setTimeout(() => void this.inBackground(), Math.min(this.intervalMs, FIRST_RUN_MS));
    const every = setInterval(() => void this.inBackground(), this.intervalMs);
    first.unref();
    every.unref();
    this.timers = [first, every];
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await this.queue.catch(() => undefined);
  }

  /** Releases every visit due now (and updates contract statuses); waits for a run under way here. */
  run(): Promise<ReleaseReport> {
    const run = this.queue.catch(() => undefined).then(() => this.releaseAll());
    this.queue = run;
    return run;
  }

  private async inBackground(): Promise<void> {
    try {
      const report = await this.run();
      if (report.released > 0) this.logger.log({ msg: 'AMC visits made ready for scheduling', released: report.released });
    } catch (error) {
      this.logger.error({ msg: 'AMC visit release failed; trying again next interval', error: (error as Error).message });
    }
  }

  private async releaseAll(): Promise<ReleaseReport> {
    let released = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [this.lockKey]);
        return this.amc.releaseDueVisits(tx, RELEASE_BATCH);
      });
      released += batch;
      if (batch < RELEASE_BATCH) return { released };
    }
  }
}
