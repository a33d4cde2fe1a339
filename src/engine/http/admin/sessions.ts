import { createHash, randomBytes } from 'node:crypto';

export type AuthMethod = 'password' | 'openid';

export interface AdminSession {
  /** Public id for logs and the audit trail: a hash prefix, never the bearer value itself. */
  id: string;
  email: string;
  method: AuthMethod;
  createdAt: number;
  expiresAt: number;
  /** Anti-CSRF token for this session's state-changing form posts and RPC calls. */
  csrf: string;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Admin sessions: opaque random tokens (256 bits) → (expiry, email, method). Only a hash of each
 * token is kept, so a memory dump or a debug listing does not hand out live sessions. A user may
 * hold several sessions at once; expired ones are removed when they are presented, and by sweep().
 */
export class AdminSessions {
  readonly #byHash = new Map<string, AdminSession>();

  constructor(readonly now: () => number = Date.now) {}

  create(email: string, method: AuthMethod, ttlMs: number): { token: string; session: AdminSession } {
    const token = randomBytes(32).toString('base64url');
    const hash = digest(token);
    const t = this.now();
    const session = {
      id: hash.slice(0, 16),
      email,
      method,
      createdAt: t,
      expiresAt: t + ttlMs,
      csrf: randomBytes(24).toString('base64url'),
    };
    this.#byHash.set(hash, session);
    return { token, session };
  }

  /** The live session for a token; an expired one is deleted and reported through onExpired. */
  validate(token: string | undefined, onExpired?: (s: AdminSession) => void): AdminSession | undefined {
    if (!token) return undefined;
    const hash = digest(token);
    const s = this.#byHash.get(hash);
    if (!s) return undefined;
    if (s.expiresAt <= this.now()) {
      this.#byHash.delete(hash);
      onExpired?.(s);
      return undefined;
    }
    return s;
  }

  delete(token: string): AdminSession | undefined {
    const hash = digest(token);
    const s = this.#byHash.get(hash);
    this.#byHash.delete(hash);
    return s;
  }

  sweep(onExpired?: (s: AdminSession) => void): void {
    const t = this.now();
    for (const [h, s] of this.#byHash) {
      if (s.expiresAt <= t) {
        this.#byHash.delete(h);
        onExpired?.(s);
      }
    }
  }

  forUser(email: string): AdminSession[] {
    return [...this.#byHash.values()].filter((s) => s.email === email && s.expiresAt > this.now());
  }

  get size(): number {
    return this.#byHash.size;
  }
}
