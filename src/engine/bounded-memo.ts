/**
 * A memo for values derived from input the network controls (user names, addresses, secrets, rule
 * patterns, group sets): at most `max` entries, all forgotten at once when it fills. Clearing whole
 * is the cheapest bound on a hot path (no LRU bookkeeping per hit) and a working set refills in one
 * pass. Values are plain and shared by every caller; they are not frozen, so treat them as read-only.
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
