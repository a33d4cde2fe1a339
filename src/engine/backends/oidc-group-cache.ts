import { BoundedMap } from '../bounded';

/**
 * Groups remembered from a user's last successful OpenID login. A password grant is the only way to
 * learn an OIDC user's groups, but TACACS+ command authorization arrives later without a password;
 * it is answered from here for a bounded time (default 8 hours, a working session), then the user
 * must log in again. Bounded in size too: the oldest entries go first.
 */
export interface CachedGroups {
  groups: string[];
  ageMs: number;
  expiresInMs: number;
}

export class GroupCache {
  readonly #entries: BoundedMap<string, readonly string[]>;

  constructor(
    readonly ttlMs = 8 * 3600_000,
    readonly maxEntries = 10_000,
    now: () => number = Date.now,
  ) {
    this.#entries = new BoundedMap(maxEntries, { ttlMs, now });
  }

  set(username: string, groups: readonly string[]): void {
    this.#entries.set(username, [...groups]);
  }

  get(username: string): CachedGroups | undefined {
    const groups = this.#entries.get(username);
    const age = this.#entries.ageMs(username);
    if (!groups || age === undefined) return undefined;
    return { groups: [...groups], ageMs: age, expiresInMs: this.ttlMs - age };
  }

  /** A failed login forgets what an earlier one granted. */
  delete(username: string): void {
    this.#entries.delete(username);
  }

  get size(): number {
    return this.#entries.size;
  }
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  return `${Math.round(m / 60)} h`;
}
