import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '#platform';
import { SCHEDULING_CONFIG, type SchedulingConfig } from '../scheduling.config.js';
import { AssignmentService } from './assignment.service.js';

/**
 * Tries the unassigned queue on a timer (SCHEDULING_QUEUE_SWEEP_SECONDS), so a
 * task that may be retried never waits for an event that will not come. Freed
 * capacity retries the queue at once, but a task can miss that: it lost every
 * race for a slot to bookings committed meanwhile (NOT_FREE), or a concurrent
 * retry held it locked when the capacity came free. A task is tried again the
 * sweep interval after its last attempt, the wait doubling with each attempt
 * (at most an hour), so work that truly does not fit costs little.
 * Instances sweep side by side: each takes the queued tasks nobody else holds.
 */
@Injectable()
export class QueueSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(QueueSweep.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();
  private busy = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly assignment: AssignmentService,
    private readonly clock: Clock,
    @Inject(SCHEDULING_CONFIG) private readonly config: SchedulingConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.queueSweepSeconds <= 0) return;
    this.timer = setInterval(() => void this.sweepInBackground(), this.config.queueSweepSeconds * 1000);
    this.timer.unref();
  }

  /** Before the database goes away: no new sweeps, and the one under way finishes. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running.catch(() => undefined);
  }

  /** One sweep now: places the queued tasks that are due; returns how many were booked. */
  sweep(): Promise<number> {
    const waitSeconds = Math.max(this.config.queueSweepSeconds, 1);
    return this.dataSource.transaction((tx) => this.assignment.retryQueue(tx, null, { at: this.clock.now(), waitSeconds }));
  }

  private async sweepInBackground(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const run = this.sweep();
    this.running = run;
    try {
      const placed = await run;
      if (placed > 0) this.log.log({ msg: 'queue sweep booked queued tasks', placed });
    } catch (error) {
      this.log.warn({ msg: 'queue sweep failed; trying again next interval', error: (error as Error).message });
    } finally {
      this.busy = false;
    }
  }
}
