/**
 * The engine's bounded memory: every table keyed by something the network or a user controls
 * (names, addresses, States, session ids) holds at most `max` entries. Two eviction shapes, no more:
 *
 * - `BoundedMemo`: a pure cache of derived values on a hot path. Forgets everything at once when full:
 *   no bookkeeping per hit, and a working set refills in one pass.
 * - `BoundedMap` / `BoundedSet`: entries that mean something until they go (sessions, key log lines,
 *   "this client sent a Message-Authenticator"). Forget the oldest entry (insertion order) past
 *   `max`, so the newest survive a flood; a `BoundedMap` may also give entries a time to live, checked
 *   when they are read.
 */

/**
 * A memo for values derived from input the network controls (user names, addresses, secrets, rule
 * patterns, group sets): at most `max` entries, all forgotten at once when it fills. Use it when a
 * miss only costs recomputing. Values are plain and shared by every caller; they are not frozen, so
 * treat them as read-only.
 */
export class BoundedMemo<K, V> {
  readonly #map = new Map<K, V>();

  constructor(readonly max: number) {}

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  /** Remembers `value` for `key` (forgetting everything first if full) and returns it. */
  set(key: K, value: V): V {
    if (this.#map.size >= this.max) this.#map.clear();
    this.#map.set(key, value);
    return value;
  }

  /** The value for `key`, made by `make` on a miss. Pass a function made once, not a fresh closure. */
  fetch(key: K, make: (key: K) => V): V {
    const hit = this.#map.get(key);
    return hit !== undefined ? hit : this.set(key, make(key));
  }

  clear(): void {
    this.#map.clear();
  }
}

export interface BoundedMapOptions {
  /** Entries older than this (since their last `set`) are gone when read. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * A Map that forgets its oldest entry (insertion order) past `max`. Use it when losing an entry
 * changes an answer, so the newest must survive a flood. `set` makes its key the newest (and, with a
 * time to live, restarts its clock); an expired entry is deleted when `get`/`has` meets it and is
 * skipped by iteration, so expired entries hold memory only until read or pushed out.
 */
export class BoundedMap<K, V> {
  readonly #values = new Map<K, V>();
  /** When each entry was set; only with a time to live. */
  readonly #setAt: Map<K, number> | undefined;
  readonly #ttlMs: number;
  readonly #now: () => number;
  /** Where eviction goes on: a live iterator over the keys, just past the last key it evicted. Every
   * key before it is gone (a `set` moves its key to the end), so its next key is the oldest. A fresh
   * `keys().next()` would step over every deleted slot V8 keeps at the front of the table until its
   * next rehash: thousands in a full map, microseconds per `set`. */
  #oldest: Iterator<K> | undefined;

  constructor(
    readonly max: number,
    opts: BoundedMapOptions = {},
  ) {
    this.#ttlMs = opts.ttlMs ?? Infinity;
    this.#now = opts.now ?? Date.now;
    this.#setAt = opts.ttlMs === undefined ? undefined : new Map();
  }

  get size(): number {
    return this.#values.size;
  }

  get(key: K): V | undefined {
    if (!this.#setAt) return this.#values.get(key);
    return this.#live(key) ? this.#values.get(key) : undefined;
  }

  has(key: K): boolean {
    return this.#setAt ? this.#live(key) : this.#values.has(key);
  }

  /** Milliseconds since `key` was set (0 without a time to live); undefined when absent or expired. */
  ageMs(key: K): number | undefined {
    if (!this.#live(key)) return undefined;
    const at = this.#setAt?.get(key);
    return at === undefined ? 0 : this.#now() - at;
  }

  set(key: K, value: V): this {
    this.#values.delete(key);
    this.#values.set(key, value);
    if (this.#setAt) {
      this.#setAt.delete(key);
      this.#setAt.set(key, this.#now());
    }
    if (this.#values.size > this.max) this.delete(this.#nextOldest());
    return this;
  }

  #nextOldest(): K {
    let next = (this.#oldest ??= this.#values.keys()).next();
    if (next.done) next = (this.#oldest = this.#values.keys()).next();
    return next.value as K;
  }

  delete(key: K): boolean {
    this.#setAt?.delete(key);
    return this.#values.delete(key);
  }

  clear(): void {
    this.#values.clear();
    this.#setAt?.clear();
    this.#oldest = undefined;
  }

  /** Live entries, oldest first. Deleting the entry just yielded is safe. */
  *entries(): IterableIterator<[K, V]> {
    for (const e of this.#values) if (!this.#setAt || this.#fresh(e[0])) yield e;
  }

  *values(): IterableIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  #fresh(key: K): boolean {
    const at = this.#setAt!.get(key);
    return at !== undefined && this.#now() - at < this.#ttlMs;
  }

  #live(key: K): boolean {
    if (!this.#values.has(key)) return false;
    if (!this.#setAt || this.#fresh(key)) return true;
    this.delete(key);
    return false;
  }
}

/**
 * A Set that forgets its oldest value (insertion order) past `max`: per-client memory such as the
 * RFC 5080 "auto" Message-Authenticator table must not grow with every source address a hostile
 * sender can spoof inside a device's CIDR. Adding a value already present changes nothing (a
 * plain Set's order), so the hot path's repeated `add` costs one lookup.
 */
export class BoundedSet<T> extends Set<T> {
  constructor(readonly max: number) {
    super();
  }

  /** As BoundedMap's: a live iterator just past the last value evicted (values are never moved). */
  #oldest: Iterator<T> | undefined;

  override add(value: T): this {
    if (!this.has(value) && this.size >= this.max) {
      let next = (this.#oldest ??= this.values()).next();
      if (next.done) next = (this.#oldest = this.values()).next();
      this.delete(next.value as T);
    }
    return super.add(value);
  }

  override clear(): void {
    super.clear();
    this.#oldest = undefined;
  }
}
