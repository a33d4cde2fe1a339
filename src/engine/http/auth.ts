import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Secret } from '../secret';
import type { Principal } from './admin/admin-auth';

export type Authorisation = { ok: true; who: string } | { ok: false; status: 401 | 403; message: string };

export interface AuthOptions {
  /** The lab's `web.apiToken`, read per request so a reload takes effect at once. */
  apiToken: () => Secret | undefined;
  /** The host's per-run UI token check (header x-aaa-lab-token); absent where the host has none. */
  uiTokenOk?: (candidate: string) => boolean;
  /** Admin sessions (cookie) from the admin login; see admin/admin-auth.ts. */
  admin?: { authenticate(req: IncomingMessage): Principal | undefined };
}

/**
 * The one place REST requests are authorised. Accepts the lab's API token as
 * `Authorization: Bearer <token>` (scripts, Prometheus-style tooling) or the per-run UI token the
 * host printed (the browser UI). Admin sessions (cookie, identity issue) extend this function.
 */
export function authorise(req: IncomingMessage, opts: AuthOptions): Authorisation {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '')?.[1];
  const api = opts.apiToken();
  if (bearer && api && constantTimeEqual(bearer, api.reveal())) return { ok: true, who: 'api-token' };
  const ui = header(req, 'x-aaa-lab-token');
  if (ui && opts.uiTokenOk?.(ui)) return { ok: true, who: 'ui-token' };
  const principal = opts.admin?.authenticate(req);
  if (principal?.kind === 'session') {
    // A browser attaches the cookie by itself, so anything that changes state must also prove it
    // comes from our page: the session's CSRF token in x-csrf-token.
    const safe = req.method === 'GET' || req.method === 'HEAD';
    if (!safe && !constantTimeEqual(header(req, 'x-csrf-token') ?? '', principal.session.csrf)) {
      return { ok: false, status: 403, message: 'CSRF token missing or wrong (x-csrf-token)' };
    }
    return { ok: true, who: principal.session.email };
  }
  return {
    ok: false,
    status: 401,
    message: api
      ? 'authentication required: sign in at /admin/login or send Authorization: Bearer <web.apiToken>'
      : 'authentication required: sign in at /admin/login, or set web.apiToken in the lab file and send Authorization: Bearer <token>',
  };
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
