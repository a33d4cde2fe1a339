import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorise } from '../engine/http/auth';
import { sendJson } from '../engine/http/respond';
import type { EngineHttpOptions } from '../engine/http/server';
import { handleRpc, type RpcEngine } from './rpc';
import { serveStatic } from './static';

export interface ConsoleOptions {
  engine: RpcEngine;
  rendererDir: string;
  /**
   * The desktop host's listener has no per-run token to print: its console pages go to signed-in
   * browsers only (the "Sign in to the web console" hand-off lands here), others to the login page.
   */
  sessionOnly?: boolean;
}

/**
 * The web console on an engine listener: the built renderer and the contract over HTTP. The contract
 * needs the per-run UI token or an admin session — never the REST API token: /rpc is the UI's private
 * transport (its procedures change with the UI), the documented REST API (/api/…) is what scripts use.
 */
export function consoleRoutes(o: ConsoleOptions): NonNullable<EngineHttpOptions['fallback']> {
  return async (req, res, url, auth) => {
    if (url.pathname.startsWith('/rpc/')) {
      const who = authorise(req, { ...auth, apiToken: () => undefined });
      if (!who.ok) {
        return sendJson(res, who.status, {
          ok: false,
          error: {
            code: 'unauthorized',
            message: `${who.message}; ${o.sessionOnly ? 'sign in at /admin/login' : 'or open the URL aaa-lab serve printed'}`,
            issues: [],
          },
        });
      }
      return handleRpc(o.engine, decodeURIComponent(url.pathname.slice(5)), req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, { error: 'method not allowed' });
    if (o.sessionOnly && !signedIn(req, auth.admin)) return redirectToLogin(res, url);
    return serveStatic(o.rendererDir, url.pathname, res);
  };
}

function signedIn(
  req: IncomingMessage,
  admin: Parameters<NonNullable<EngineHttpOptions['fallback']>>[3]['admin'],
): boolean {
  return admin.authenticate(req)?.kind === 'session';
}

function redirectToLogin(res: ServerResponse, url: URL): void {
  res.writeHead(303, { location: `/admin/login?next=${encodeURIComponent(url.pathname)}` });
  res.end();
}
