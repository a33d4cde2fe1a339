import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { ListenError } from '../context';
import type { HttpEngine } from './http-engine';
import { AdminAuth } from './admin/admin-auth';
import type { AuthOptions } from './auth';
import { sendJson } from './respond';
import { hostAllowed } from './host-check';
import { handleEngineRoute } from './routes';

export interface EngineHttpOptions {
  engine: HttpEngine;
  host: string;
  port: number;
  /** Try the next ports when `port` is taken (default lab); an explicit port fails instead. */
  portFallback: boolean;
  /** The per-run UI token check of a host that prints one. */
  uiTokenOk?: (candidate: string) => boolean;
  /** What the host serves beyond the engine's routes (the serve host: RPC and the renderer). */
  fallback?: (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    auth: AuthOptions & { admin: AdminAuth },
  ) => Promise<void>;
  env?: Record<string, string | undefined>;
}

export interface EngineHttp {
  server: Server;
  admin: AdminAuth;
  host: string;
  port: number;
  /** "https" when web.tls is set (read at start; a changed certificate needs a restart). */
  scheme: 'http' | 'https';
  close(): Promise<void>;
}

/**
 * The engine's web listener, the same in both hosts: /api/health, /metrics, the REST API and the
 * admin login, behind a Host-header check against DNS rebinding. The desktop app runs it on
 * `web.listen`; `aaa-lab serve` adds the renderer and the contract through `fallback`.
 */
export async function startEngineHttp(opts: EngineHttpOptions): Promise<EngineHttp> {
  const { engine } = opts;
  const admin = new AdminAuth({
    web: () => engine.lab.config.web,
    audit: engine.audit,
    log: engine.log,
    env: opts.env,
    // Behind a trusted proxy the browser's side is expected to be HTTPS (X-Forwarded-Proto).
    secure: () => tls !== undefined || engine.lab.config.web.trustProxy,
  });
  const auth = { apiToken: () => engine.lab.config.web.apiToken, uiTokenOk: opts.uiTokenOk, admin };
  let bound = 0;
  const hostOk = (req: IncomingMessage) => {
    const web = engine.lab.config.web;
    return hostAllowed(req, {
      bound: opts.host,
      port: bound,
      allowedHosts: web.allowedHosts,
      trustProxy: web.trustProxy,
    });
  };

  const tls = engine.lab.tls.web;
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!hostOk(req)) return sendJson(res, 421, { error: `unexpected Host header "${req.headers.host}"` });
      if (await admin.handle(req, res, url)) return;
      if (await handleEngineRoute(engine, req, res, url, auth)) return;
      if (opts.fallback) return opts.fallback(req, res, url, auth);
      sendJson(res, 404, { error: `no route ${req.method} ${url.pathname}` });
    })().catch((err) => {
      engine.log.error('http request failed', { error: (err as Error).message });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  };
  const server: Server = tls
    ? (createHttpsServer({ cert: tls.cert, key: tls.key }, handler) as unknown as Server)
    : createServer(handler);
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  bound = await listenWithFallback(server, opts.host, opts.port, opts.portFallback ? 20 : 0);
  engine.noteWebListener({ service: 'web', transport: tls ? 'tls' : 'tcp', address: opts.host, port: bound });
  return {
    server,
    admin,
    host: opts.host,
    port: bound,
    scheme: tls ? 'https' : 'http',
    close: () =>
      new Promise<void>((resolve) => {
        engine.noteWebListener(undefined);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function listenWithFallback(
  server: Server,
  host: string,
  port: number,
  tries: number,
): Promise<number> {
  for (let i = 0; ; i++) {
    try {
      return await new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port + i, host, () => {
          server.off('error', reject);
          const addr = server.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port + i);
        });
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'ERROR';
      if (code === 'EADDRINUSE' && port !== 0 && i < tries) continue;
      throw new ListenError(code, host, port + i, 'web');
    }
  }
}
