import { performance } from 'node:perf_hooks';
import { BoundedMemo } from '../../bounded';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Per-client token bucket: a misbehaving or looping NAS cannot starve the others. Generous by default
 * (a lab benchmarks at tens of thousands of requests a second from one client). At most `maxClients`
 * buckets, all forgotten when full (a forgotten client starts again with a full bucket).
 */
export class RateLimiter {
  readonly #buckets: BoundedMemo<string, Bucket>;

  constructor(
    private readonly perSecond = 200_000,
    private readonly burst = 400_000,
    maxClients = 10_000,
  ) {
    this.#buckets = new BoundedMemo(maxClients);
  }

  #lastClient?: string;
  #last?: Bucket;

  allow(client: string, now = performance.now()): boolean {
    // Consecutive packets mostly come from one client: skip the map (hashing a fresh string) then.
    let b = client === this.#lastClient ? this.#last : this.#buckets.get(client);
    b ??= this.#buckets.set(client, { tokens: this.burst, at: now });
    this.#lastClient = client;
    this.#last = b;
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
