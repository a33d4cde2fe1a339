/** Sub-buckets per doubling: a quantile is reported within 2^(1/16) - 1 ≈ 4.4% of the true value. */
const PER_OCTAVE = 16;
/** 1 µs .. 2^30 µs (~18 min): 30 octaves. */
const BUCKETS = 30 * PER_OCTAVE + 1;

/**
 * Latency quantiles in constant time and memory: log-scale buckets from 1 µs, counted per
 * observation. The dashboard's per-second p50/p99 used to sort every latency of the second
 * (30,000+ under load), a stall of several milliseconds once a second on the thread that answers
 * packets, which showed up as the servers' own p99.
 */
export class LatencyHistogram {
  readonly #counts = new Uint32Array(BUCKETS);
  #n = 0;

  get count(): number {
    return this.#n;
  }

  observe(us: number): void {
    const i = us <= 1 ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log2(us) * PER_OCTAVE));
    this.#counts[i]!++;
    this.#n++;
  }

  /** The upper bound (µs) of the bucket holding the p-quantile; 0 when empty. */
  quantile(p: number): number {
    if (this.#n === 0) return 0;
    const rank = Math.min(this.#n - 1, Math.floor(p * this.#n));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.#counts[i]!;
      if (seen > rank) return 2 ** (i / PER_OCTAVE);
    }
    return 2 ** ((BUCKETS - 1) / PER_OCTAVE);
  }

  reset(): void {
    this.#counts.fill(0);
    this.#n = 0;
  }
}
