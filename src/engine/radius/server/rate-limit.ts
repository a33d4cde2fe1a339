/**
 * Per-client token bucket: a misbehaving or looping NAS cannot starve the others. Generous by default
 * (a lab benchmarks at tens of thousands of requests a second from one client). Bounded map.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond = 200_000,
    private readonly burst = 400_000,
    private readonly maxClients = 10_000,
  ) {}

  #lastClient?: string;
  #last?: { tokens: number; at: number };

  allow(client: string, now = performance.now()): boolean {
    // Consecutive packets mostly come from one client: skip the map (hashing a fresh string) then.
    let b = client === this.#lastClient ? this.#last : this.#buckets.get(client);
    if (!b) {
      if (this.#buckets.size >= this.maxClients) this.#buckets.clear();
      b = { tokens: this.burst, at: now };
      this.#buckets.set(client, b);
    }
    this.#lastClient = client;
    this.#last = b;
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
