/**
 * Fast reconnect (PEAP: [MS-PEAP] §3.1.5.8; TTLS: RFC 5281 §7.3; hostapd's "success data" of a
 * TLS session): who the inner method authenticated in a TLS session, filed under the session's key (session-key.ts), so a
 * re-authentication that resumes the session may skip the inner method. Bounded and dated like the
 * sessions themselves: an entry older than the session lifetime is never used (OpenSSL would not
 * resume the session either), and the oldest entry goes first when full.
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
  readonly #entries = new Map<string, ReconnectEntry>();

  constructor(
    readonly maxEntries: number,
    readonly lifetimeMs: number,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  remember(key: string, identity: string, method: string, now = Date.now()): void {
    this.#entries.delete(key);
    this.#entries.set(key, { identity, method, at: now });
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  recall(key: string, now = Date.now()): ReconnectEntry | undefined {
    const e = this.#entries.get(key);
    if (e && now - e.at > this.lifetimeMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return e;
  }
}
