import { BoundedMap } from '../../bounded';

/** Client addresses with recent failures kept at most; past it the oldest is forgotten. */
const MAX_ADDRESSES = 10_000;

/**
 * Failed password logins per client address: `max` failures within `windowMs` lock that address
 * out until the oldest failure leaves the window. A success clears the address's record; so does
 * time, `windowMs` after the address's last failure.
 */
export class LoginRateLimit {
  readonly #failures: BoundedMap<string, number[]>;

  constructor(
    readonly max = 5,
    readonly windowMs = 5 * 60_000,
    readonly now: () => number = Date.now,
  ) {
    this.#failures = new BoundedMap(MAX_ADDRESSES, { ttlMs: windowMs, now });
  }

  /** Milliseconds until this address may try again; 0 when it may try now. */
  retryAfterMs(key: string): number {
    const recent = this.#recent(key);
    if (recent.length < this.max) return 0;
    return recent[0]! + this.windowMs - this.now();
  }

  fail(key: string): void {
    const recent = this.#recent(key);
    recent.push(this.now());
    this.#failures.set(key, recent);
  }

  succeed(key: string): void {
    this.#failures.delete(key);
  }

  #recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.#failures.get(key) ?? []).filter((t) => t > since);
  }
}
