/**
 * Token buckets per client: `perSecond` tokens flow in, up to `burst`; a request
 * takes one. Pure (time is passed in), so it is unit-tested without a server.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly maxClients = 50_000,
  ) {}

  /** 0 when the request may go ahead; otherwise the seconds to wait for a token. */
  take(client: string, nowMs: number): number {
    let bucket = this.buckets.get(client);
    if (!bucket) {
      if (this.buckets.size >= this.maxClients) this.forgetFull(nowMs);
      bucket = { tokens: this.burst, at: nowMs };
      this.buckets.set(client, bucket);
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((nowMs - bucket.at) / 1000) * this.perSecond);
    bucket.at = nowMs;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }

  /** A full bucket is the same as no bucket: drop those so memory stays bounded. */
  private forgetFull(nowMs: number): void {
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + ((nowMs - bucket.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(client);
    }
    if (this.buckets.size >= this.maxClients) this.buckets.clear();
  }
}
