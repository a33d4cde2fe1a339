import { performance } from 'node:perf_hooks';
import { ByteSlab } from '../../byte-slab';

/**
 * RFC 5080 §2.2.2 duplicate detection: a request with the same source, Identifier and Request
 * Authenticator seen within the window is a retransmission. While the first is still being processed
 * the duplicate is dropped; afterwards the cached reply is resent byte for byte.
 *
 * Keyed source address → (port, Identifier): a request from the same source and Identifier with
 * another authenticator is a new request and replaces the entry (RFC 5080 §2.2.2). Entries live in a
 * ring in arrival order (typed arrays, replies copied into a byte slab), so a cached request keeps
 * no object alive for the garbage collector to copy, and expiry is a pointer moving forward.
 * Bounded by entries (the ring) and reply bytes (the slab): an entry whose reply was overwritten
 * counts as expired, and a retransmission of it is processed afresh.
 */
export interface CachedReply {
  /** Undefined while the original is still in progress (or when it was deliberately not answered). */
  reply?: Buffer;
  /** Trace id of the original request, so the duplicate's trace row can point at it. */
  traceId: number;
}

/** One client address: its (port, Identifier) → entry sequence numbers. */
interface Source {
  readonly address: string;
  readonly seqs: Map<number, number>;
}

/** Average reply bytes the slab is sized for (Access-Accept with a few attributes is ~60). */
const SLAB_BYTES_PER_ENTRY = 256;

export class DuplicateCache {
  readonly #cap: number;
  /** Per ring slot: sequence number of the entry in it (its handle), arrival time, trace id. */
  readonly #seq: Float64Array;
  readonly #at: Float64Array;
  readonly #trace: Float64Array;
  readonly #auth: Int32Array;
  readonly #key: Float64Array;
  /** The entry's source (long-lived, one per address): a request's own address string is a fresh
   * copy per datagram, and holding it for the window made it the one object per request that
   * survived two scavenges (promoted, then marked and freed by a full collection). */
  readonly #source: (Source | undefined)[];
  /** Reply bytes: absolute slab position, length (-1: no reply yet). */
  readonly #replyAt: Float64Array;
  readonly #replyLen: Int32Array;
  readonly #slab: ByteSlab;
  readonly #bySource = new Map<string, Source>();
  /** Next sequence number; entries older than #seq - #cap have left the ring. */
  #next = 1;
  #oldest = 1;
  #live = 0;

  constructor(
    private readonly windowMs: number,
    maxEntries = 65_536,
  ) {
    const cap = (this.#cap = windowMs > 0 ? maxEntries : 1);
    this.#seq = new Float64Array(cap);
    this.#at = new Float64Array(cap);
    this.#trace = new Float64Array(cap);
    this.#auth = new Int32Array(cap * 4);
    this.#key = new Float64Array(cap);
    this.#source = new Array<Source | undefined>(cap).fill(undefined);
    this.#replyAt = new Float64Array(cap);
    this.#replyLen = new Int32Array(cap);
    this.#slab = new ByteSlab(windowMs > 0 ? Math.max(1 << 20, cap * SLAB_BYTES_PER_ENTRY) : 0);
  }

  get(
    address: string,
    port: number,
    identifier: number,
    auth: Buffer,
    now = performance.now(),
  ): CachedReply | undefined {
    if (this.windowMs <= 0) return undefined;
    const seq = this.#bySource.get(address)?.seqs.get(port * 256 + identifier);
    if (seq === undefined) return undefined;
    const slot = seq % this.#cap;
    if (this.#seq[slot] !== seq || now - this.#at[slot]! > this.windowMs || !this.#sameAuth(slot, auth))
      return undefined;
    const len = this.#replyLen[slot]!;
    if (len < 0) return { traceId: this.#trace[slot]! };
    const pos = this.#replyAt[slot]!;
    if (!this.#slab.live(pos)) return undefined; // reply bytes reused: expired
    return { traceId: this.#trace[slot]!, reply: this.#slab.read(pos, len) };
  }

  /** Records a request now in progress; returns its handle for `complete`/`forget` (-1: cache off). */
  begin(
    address: string,
    port: number,
    identifier: number,
    auth: Buffer,
    traceId: number,
    now = performance.now(),
  ): number {
    if (this.windowMs <= 0) return -1;
    this.#evict(now);
    let src = this.#bySource.get(address);
    if (!src) this.#bySource.set(address, (src = { address, seqs: new Map() }));
    const m = src.seqs;
    const key = port * 256 + identifier;
    const seq = this.#next++;
    const slot = seq % this.#cap;
    this.#seq[slot] = seq;
    this.#at[slot] = now;
    this.#trace[slot] = traceId;
    this.#key[slot] = key;
    this.#source[slot] = src;
    this.#replyLen[slot] = -1;
    const a = slot * 4;
    this.#auth[a] = auth.readInt32BE(0);
    this.#auth[a + 1] = auth.readInt32BE(4);
    this.#auth[a + 2] = auth.readInt32BE(8);
    this.#auth[a + 3] = auth.readInt32BE(12);
    if (m.get(key) === undefined) this.#live++;
    m.set(key, seq);
    return seq;
  }

  /** The original's trace id and reply (copied), once it is answered. */
  complete(handle: number, traceId: number, reply?: Buffer): void {
    const slot = this.#slotOf(handle);
    if (slot < 0) return;
    this.#trace[slot] = traceId;
    if (!reply || !this.#slab.fits(reply.length)) return;
    this.#replyAt[slot] = this.#slab.write(reply);
    this.#replyLen[slot] = reply.length;
  }

  /** Removes the entry if it is still the one for its source and Identifier (a request to redo on retry). */
  forget(handle: number): void {
    const slot = this.#slotOf(handle);
    if (slot >= 0) this.#drop(slot);
  }

  get size(): number {
    return this.#live;
  }

  clear(): void {
    this.#bySource.clear();
    this.#source.fill(undefined);
    this.#oldest = this.#next;
    this.#live = 0;
  }

  #slotOf(handle: number): number {
    if (handle < this.#oldest) return -1;
    const slot = handle % this.#cap;
    return this.#seq[slot] === handle ? slot : -1;
  }

  /** Unlinks the entry in `slot` if its source and Identifier still point at it. */
  #drop(slot: number): void {
    const src = this.#source[slot];
    const key = this.#key[slot]!;
    if (!src || src.seqs.get(key) !== this.#seq[slot]) return;
    src.seqs.delete(key);
    this.#live--;
    if (src.seqs.size === 0 && this.#bySource.get(src.address) === src) this.#bySource.delete(src.address);
  }

  /** Moves the oldest pointer past entries that left the window, and makes room for one more. */
  #evict(now: number): void {
    while (this.#oldest < this.#next) {
      const slot = this.#oldest % this.#cap;
      if (this.#next - this.#oldest < this.#cap && now - this.#at[slot]! <= this.windowMs) break;
      this.#drop(slot);
      this.#source[slot] = undefined;
      this.#oldest++;
    }
  }

  #sameAuth(slot: number, a: Buffer): boolean {
    const i = slot * 4;
    return (
      this.#auth[i] === a.readInt32BE(0) &&
      this.#auth[i + 1] === a.readInt32BE(4) &&
      this.#auth[i + 2] === a.readInt32BE(8) &&
      this.#auth[i + 3] === a.readInt32BE(12)
    );
  }
}
