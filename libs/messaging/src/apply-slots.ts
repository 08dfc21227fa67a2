/**
 * At most `size` transactions apply records at once across a service's
 * consumers (one per consumer at a time: ApplyRounds), each holding a database
 * connection: the pool could otherwise be drained by
 * transactions waiting on each other's locks, leaving none for a handler's,
 * the outbox relay's or an HTTP request's own query. Waiters go first come, first served.
 */
export class ApplySlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`ApplySlots needs a whole number of slots, not ${size}`);
    this.free = size;
  }

  /**
   * Runs `work` in a slot. While it waits for one, `meanwhile` is called every
   * `everyMs` (a consumer's heartbeat: a wait longer than the session timeout
   * must not cost the consumer its partitions).
   */
  async run<T>(work: () => Promise<T>, meanwhile?: () => Promise<void>, everyMs = 3000): Promise<T> {
    if (this.free > 0) this.free--;
    else {
      const turn = new Promise<void>((resolve) => this.waiting.push(resolve));
      const timer = meanwhile ? setInterval(() => void meanwhile().catch(() => undefined), everyMs) : undefined;
      try {
        await turn;
      } finally {
        clearInterval(timer);
      }
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter; otherwise it is free again.
      if (next) next();
      else this.free++;
    }
  }

  /** Slots in use now (for tests and metrics). */
  get busy(): number {
    return this.size - this.free;
  }
}
