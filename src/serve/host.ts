import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { ListenError } from '../engine/context';
import { handleEngineRoute } from '../engine/http/routes';
import { sendJson } from '../engine/http/respond';
import type { Engine } from '../engine/lab';
import { attachEventSocket } from './events-socket';
import { handleRpc } from './rpc';
import { serveStatic } from './static';

export interface ServeOptions {
  engine: Engine;
  host: string;
  port: number;
  /** Try the next ports when `port` is taken (default lab); an explicit --web-port fails instead. */
  portFallback: boolean;
  rendererDir: string;
  token?: string;
}

export interface ServeHost {
  url: string;
  host: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * The headless host: the built renderer, the contract over HTTP (+ events over WebSocket) behind a
 * per-run token, and the engine's own endpoints (/api/health, /metrics).
 */
export async function startServeHost(opts: ServeOptions): Promise<ServeHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const tokenOk = (candidate: string | undefined | null) => {
    if (!candidate) return false;
    const b = Buffer.from(candidate);
    return b.length === tokenBuf.length && timingSafeEqual(b, tokenBuf);
  };
  let bound = 0;
  // DNS-rebinding guard: a page on another name that resolves to 127.0.0.1 must not reach the API.
  const hostOk = (req: IncomingMessage) => {
    const h = (req.headers.host ?? '').toLowerCase();
    return [opts.host, '127.0.0.1', 'localhost', '[::1]'].some((n) => h === `${n}:${bound}` || h === n);
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!hostOk(req)) return sendJson(res, 421, { error: `unexpected Host header "${req.headers.host}"` });
      if (await handleEngineRoute(opts.engine, req, res, url, { uiTokenOk: tokenOk })) return;
      if (url.pathname.startsWith('/rpc/')) {
        if (!tokenOk(header(req, 'x-aaa-lab-token'))) {
          return sendJson(res, 401, {
            ok: false,
            error: {
              code: 'unauthorized',
              message: 'missing or wrong token: open the URL aaa-lab serve printed',
              issues: [],
            },
          });
        }
        return handleRpc(opts.engine, decodeURIComponent(url.pathname.slice(5)), req, res);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendJson(res, 405, { error: 'method not allowed' });
      return serveStatic(opts.rendererDir, url.pathname, res);
    })().catch((err) => {
      opts.engine.log.error('http request failed', { error: (err as Error).message });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  const closeEvents = attachEventSocket(server, opts.engine, (url) => tokenOk(url.searchParams.get('token')));

  bound = await listenWithFallback(server, opts.host, opts.port, opts.portFallback ? 20 : 0);
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${shownHost}:${bound}/?token=${token}`,
    host: opts.host,
    port: bound,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        closeEvents();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
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
