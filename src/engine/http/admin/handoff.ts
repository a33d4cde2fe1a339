import { createHash, randomBytes } from 'node:crypto';
import type { AuthMethod } from './sessions';

interface Pending {
  email: string;
  method: AuthMethod;
  expiresAt: number;
}

const digest = (t: string) => createHash('sha256').update(t).digest('hex');

/**
 * One-time tickets that turn a login finished outside the web listener (the desktop app's loopback
 * OpenID flow, RFC 8252) into a browser session on it: the loopback page sends the system browser to
 * /admin/login/handoff?ticket=…, which opens the session and sets the cookie. Like an authorization
 * code: 256 random bits, one use, a minute to live, and only a hash kept.
 */
export class LoginHandoffs {
  readonly #byHash = new Map<string, Pending>();

  constructor(
    readonly now: () => number = Date.now,
    readonly ttlMs = 60_000,
  ) {}

  issue(email: string, method: AuthMethod): string {
    const t = this.now();
    for (const [h, p] of this.#byHash) if (p.expiresAt <= t) this.#byHash.delete(h);
    const ticket = randomBytes(32).toString('base64url');
    this.#byHash.set(digest(ticket), { email, method, expiresAt: t + this.ttlMs });
    return ticket;
  }

  /** The login the ticket stands for, once; undefined when unknown, used or expired. */
  take(ticket: string | null | undefined): { email: string; method: AuthMethod } | undefined {
    if (!ticket) return undefined;
    const h = digest(ticket);
    const p = this.#byHash.get(h);
    this.#byHash.delete(h);
    if (!p || p.expiresAt <= this.now()) return undefined;
    return { email: p.email, method: p.method };
  }
}
