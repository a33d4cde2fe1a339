import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Secret } from '../secret';

export type Authorisation = { ok: true; who: string } | { ok: false; status: 401 | 403; message: string };

export interface AuthOptions {
  /** The lab's `web.apiToken`, read per request so a reload takes effect at once. */
  apiToken: () => Secret | undefined;
  /** The host's per-run UI token check (header x-aaa-lab-token); absent where the host has none. */
  uiTokenOk?: (candidate: string) => boolean;
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
  return {
    ok: false,
    status: 401,
    message: api
      ? 'authentication required: send Authorization: Bearer <web.apiToken>'
      : 'authentication required: set web.apiToken in the lab file and send Authorization: Bearer <token>',
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
