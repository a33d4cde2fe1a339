import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { startEngineHttp } from '../engine/http/server';
import type { HttpEngine } from '../engine/http/http-engine';
import { attachEventSocket, type EventsEngine } from './events-socket';
import { consoleRoutes } from './console-routes';

export interface ServeOptions {
  /** The engine's web listener, its console and its events (the Engine satisfies it). */
  engine: HttpEngine & EventsEngine;
  host: string;
  port: number;
  /** Try the next ports when `port` is taken (default lab); an explicit --web-port fails instead. */
  portFallback: boolean;
  rendererDir: string;
  token?: string;
  env?: Record<string, string | undefined>;
}

export interface ServeHost {
  url: string;
  host: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * The headless host: the engine's web listener (health, metrics, REST, admin login) plus the built
 * renderer and the contract over HTTP (+ events over WebSocket). The contract needs the per-run token
 * printed in the ready line (the local UI) or an admin session (a browser signed in at /admin/login).
 */
export async function startServeHost(opts: ServeOptions): Promise<ServeHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const tokenOk = (candidate: string | undefined | null) => {
    if (!candidate) return false;
    const b = Buffer.from(candidate);
    return b.length === tokenBuf.length && timingSafeEqual(b, tokenBuf);
  };

  const http = await startEngineHttp({
    engine: opts.engine,
    host: opts.host,
    port: opts.port,
    portFallback: opts.portFallback,
    uiTokenOk: tokenOk,
    env: opts.env,
    fallback: consoleRoutes({ engine: opts.engine, rendererDir: opts.rendererDir }),
  });
  const eventsAllowed = (url: URL, req: IncomingMessage) =>
    tokenOk(url.searchParams.get('token')) || http.admin.authenticate(req)?.kind === 'session';
  const closeEvents = attachEventSocket(http.server, opts.engine, eventsAllowed);

  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `${http.scheme}://${shownHost}:${http.port}/?token=${token}`,
    host: opts.host,
    port: http.port,
    token,
    close: async () => {
      closeEvents();
      await http.close();
    },
  };
}
