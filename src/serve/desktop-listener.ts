import { startEngineHttp, type EngineHttp } from '../engine/http/server';
import type { HttpEngine } from '../engine/http/http-engine';
import { consoleRoutes } from './console-routes';
import { attachEventSocket, type EventsEngine } from './events-socket';

export interface DesktopListenerOptions {
  /** The engine's web listener, its console and its events (the Engine satisfies it). */
  engine: HttpEngine & EventsEngine;
  host: string;
  port: number;
  rendererDir: string;
}

/**
 * The desktop app's web listener (web.listen): /metrics, the REST API and the admin login, plus the
 * same web console `aaa-lab serve` serves — for browsers signed in through /admin/login or the
 * desktop's "Sign in to the web console" hand-off. No per-run token: nothing prints one.
 */
export async function startDesktopListener(o: DesktopListenerOptions): Promise<EngineHttp> {
  const http = await startEngineHttp({
    engine: o.engine,
    host: o.host,
    port: o.port,
    portFallback: true,
    fallback: consoleRoutes({ engine: o.engine, rendererDir: o.rendererDir, sessionOnly: true }),
  });
  const closeEvents = attachEventSocket(
    http.server,
    o.engine,
    (_url, req) => http.admin.authenticate(req)?.kind === 'session',
  );
  return {
    ...http,
    close: async () => {
      closeEvents();
      await http.close();
    },
  };
}
