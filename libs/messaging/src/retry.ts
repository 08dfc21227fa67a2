import type { Logger } from '@nestjs/common';

export class StoppedError extends Error {
  constructor() {
    super('consumer stopped while retrying');
    this.name = 'StoppedError';
  }
}

/** Infrastructure faults are retried without limit, with capped exponential backoff. */
export async function retryForever<T>(
  what: string,
  isStopped: () => boolean,
  logger: Logger,
  attempt: () => Promise<T>,
  onWait?: () => Promise<void>,
): Promise<T> {
  let delay = 100;
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (isStopped()) throw new StoppedError();
      logger.warn({ msg: `${what} failed; retrying`, tries, retryInMs: delay, error: (error as Error).message });
      await new Promise((r) => setTimeout(r, delay));
      await onWait?.().catch(() => undefined);
      delay = Math.min(delay * 2, 5000);
    }
  }
}
