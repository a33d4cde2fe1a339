import { BoundedMap } from '../../../bounded';

/**
 * Fast reconnect (PEAP: [MS-PEAP] §3.1.5.8; TTLS: RFC 5281 §7.3; hostapd's "success data" of a
 * TLS session): who the inner method authenticated in a TLS session, filed under the session's key
 * (session-key.ts), so a re-authentication that resumes the session may skip the inner method.
 * Bounded and dated like the sessions themselves: an entry older than the session lifetime is never
 * used (OpenSSL would not resume the session either), and the oldest goes first when full.
 */
export interface ReconnectEntry {
  /** The inner identity the session authenticated. */
  identity: string;
  /** And how: "EAP-MSCHAPv2", "PAP", … */
  method: string;
  /** When (ms since the epoch). */
  at: number;
}

export class FastReconnectCache {
  readonly #entries: BoundedMap<string, ReconnectEntry>;

  constructor(maxEntries: number, lifetimeMs: number, now: () => number = Date.now) {
    this.#entries = new BoundedMap(maxEntries, { ttlMs: lifetimeMs, now });
  }

  get size(): number {
    return this.#entries.size;
  }

  remember(key: string, identity: string, method: string, now = Date.now()): void {
    this.#entries.set(key, { identity, method, at: now });
  }

  recall(key: string): ReconnectEntry | undefined {
    return this.#entries.get(key);
  }
}
