/**
 * RFC 5080 §2.2.2 duplicate detection: a request with the same source, Identifier and Request
 * Authenticator seen within the window is a retransmission. While the first is still being processed
 * the duplicate is dropped; afterwards the cached reply is resent byte for byte. Bounded in size.
 *
 * Keyed source address → (port, Identifier): a request from the same source and Identifier with another
 * authenticator is a new request and replaces the entry (RFC 5080 §2.2.2), so a client holds at most
 * 256 entries per port, and the hot path builds no key strings (this runs for every datagram).
 */
export interface CachedEntry {
  at: number;
  /** Undefined while the original is still in progress (or when it was deliberately not answered). */
  reply?: Buffer;
  /** Trace id of the original request, so the duplicate's trace row can point at it. */
  traceId: number;
}

interface Slot extends CachedEntry {
  address: string;
  key: number;
  /** The Request Authenticator as four words (no per-request Buffer copy). */
  a0: number;
  a1: number;
  a2: number;
  a3: number;
}

export class DuplicateCache {
  readonly #bySource = new Map<string, Map<number, Slot>>();
  /** Insertion order for eviction: oldest first, from #head. */
  #order: Slot[] = [];
  #head = 0;
  #size = 0;

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 65_536,
  ) {}

  get(
    address: string,
    port: number,
    identifier: number,
    auth: Buffer,
    now = Date.now(),
  ): CachedEntry | undefined {
    if (this.windowMs <= 0) return undefined;
    const s = this.#bySource.get(address)?.get(port * 256 + identifier);
    if (!s || now - s.at > this.windowMs || !sameAuth(s, auth)) return undefined;
    return s;
  }

  begin(address: string, port: number, identifier: number, auth: Buffer, traceId: number, now = Date.now()) {
    if (this.windowMs <= 0) return undefined;
    this.#evict(now);
    let m = this.#bySource.get(address);
    if (!m) this.#bySource.set(address, (m = new Map()));
    const key = port * 256 + identifier;
    const s: Slot = {
      at: now,
      traceId,
      reply: undefined,
      address,
      key,
      a0: auth.readUInt32BE(0),
      a1: auth.readUInt32BE(4),
      a2: auth.readUInt32BE(8),
      a3: auth.readUInt32BE(12),
    };
    const replaced = m.get(key);
    if (replaced) replaced.reply = undefined;
    else this.#size++;
    m.set(key, s);
    this.#order.push(s);
    return s as CachedEntry;
  }

  /** Removes `entry` if it is still the one for this source and Identifier (a request to redo on retry). */
  forget(address: string, port: number, identifier: number, entry: CachedEntry): void {
    const m = this.#bySource.get(address);
    const key = port * 256 + identifier;
    if (m?.get(key) !== entry) return;
    m.delete(key);
    this.#size--;
    if (m.size === 0) this.#bySource.delete(address);
  }

  get size(): number {
    return this.#size;
  }

  clear(): void {
    this.#bySource.clear();
    this.#order = [];
    this.#head = 0;
    this.#size = 0;
  }

  #evict(now: number): void {
    const order = this.#order;
    while (this.#head < order.length) {
      const s = order[this.#head]!;
      const m = this.#bySource.get(s.address);
      const live = m?.get(s.key) === s;
      // Entries replaced by a newer request with the same source and Identifier are skipped for free.
      if (live && this.#size < this.maxEntries && now - s.at <= this.windowMs) break;
      order[this.#head++] = undefined as unknown as Slot;
      if (live) {
        m!.delete(s.key);
        this.#size--;
        if (m!.size === 0) this.#bySource.delete(s.address);
      }
    }
    // Compact once dead slots (evicted prefix, or replaced by a newer request) dominate the queue:
    // amortised O(1) per request, and the queue stays within twice the live entries.
    if (order.length - this.#head > 2 * this.#size + 4096) {
      this.#order = order.slice(this.#head).filter((s) => this.#bySource.get(s.address)?.get(s.key) === s);
      this.#head = 0;
    }
  }
}

function sameAuth(s: Slot, a: Buffer): boolean {
  return (
    s.a0 === a.readUInt32BE(0) &&
    s.a1 === a.readUInt32BE(4) &&
    s.a2 === a.readUInt32BE(8) &&
    s.a3 === a.readUInt32BE(12)
  );
}
