/**
 * RFC 5080 §2.2.2 duplicate detection: a request with the same source, Identifier and Request
 * Authenticator seen within the window is a retransmission. While the first is still being processed
 * the duplicate is dropped; afterwards the cached reply is resent byte for byte. Bounded in size.
 */
export interface CachedEntry {
  at: number;
  /** Undefined while the original is still in progress (or when it was deliberately not answered). */
  reply?: Buffer;
  /** Trace id of the original request, so the duplicate's trace row can point at it. */
  traceId: number;
}

export class DuplicateCache {
  readonly #entries = new Map<string, CachedEntry>();

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 65_536,
  ) {}

  static key(address: string, port: number, identifier: number, authenticator: Buffer): string {
    return `${address}|${port}|${identifier}|${authenticator.toString('base64')}`;
  }

  get(key: string, now = Date.now()): CachedEntry | undefined {
    if (this.windowMs <= 0) return undefined;
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (now - e.at > this.windowMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return e;
  }

  begin(key: string, traceId: number, now = Date.now()): CachedEntry | undefined {
    if (this.windowMs <= 0) return undefined;
    this.#evict(now);
    const e: CachedEntry = { at: now, traceId };
    this.#entries.set(key, e);
    return e;
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }

  #evict(now: number): void {
    // Map iteration is insertion order, so the oldest entries come first.
    for (const [k, e] of this.#entries) {
      if (this.#entries.size < this.maxEntries && now - e.at <= this.windowMs) break;
      this.#entries.delete(k);
    }
  }
}
