import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpEngine } from './http-engine';
import {
  getAccounting,
  getAudit,
  getSessions,
  getStats,
  getStatus,
  getTrace,
  postReloadConfig,
  postResetStats,
  sendError,
  type ApiContext,
} from './api-endpoints';
import { clientRequest } from './api-client';
import { getBackends, postBackendsCheck } from './api-backends';
import { authorise, type AuthOptions } from './auth';
import { sendJson } from './respond';

export interface ApiRoute {
  method: 'GET' | 'POST';
  path: string;
  /** Routes without auth: health checks, the Prometheus scrape, the API description. */
  auth: boolean;
  summary: string;
  run?: (ctx: ApiContext) => Promise<void>;
}

/**
 * The REST API (issue 6). /api/health and /metrics are answered in routes.ts (no auth); they are
 * listed here so the OpenAPI document and the auth test see every route.
 */
export const apiRoutes: readonly ApiRoute[] = [
  { method: 'GET', path: '/api/health', auth: false, summary: 'Liveness: 200 while the lab is not in error' },
  { method: 'GET', path: '/metrics', auth: false, summary: 'Prometheus text exposition (format 0.0.4)' },
  { method: 'GET', path: '/api/openapi.json', auth: false, summary: 'This API as OpenAPI 3.1' },
  {
    method: 'GET',
    path: '/api/status',
    auth: true,
    summary: 'Lab state, services and listeners, devices, groups, users, backends',
    run: getStatus,
  },
  {
    method: 'GET',
    path: '/api/stats',
    auth: true,
    summary: 'Every counter, gauge and histogram of the metrics registry as JSON',
    run: getStats,
  },
  {
    method: 'GET',
    path: '/api/backends',
    auth: true,
    summary:
      'Authentication backends in order, each with its health: reachable, latency, last error, last login (checked every backendHealth.intervalS)',
    run: getBackends,
  },
  {
    method: 'POST',
    path: '/api/backends/check',
    auth: true,
    summary: 'Check backend health now: {"backend": name} for one, an empty body for all',
    run: postBackendsCheck,
  },
  {
    method: 'GET',
    path: '/api/sessions',
    auth: true,
    summary: 'Accounting sessions (open/recent) and TACACS+ connections',
    run: getSessions,
  },
  {
    method: 'GET',
    path: '/api/accounting',
    auth: true,
    summary: 'Accounting records: a page as JSON, or with ?format= a streamed export',
    run: getAccounting,
  },
  {
    method: 'GET',
    path: '/api/trace',
    auth: true,
    summary: 'Trace rows: a page as JSON, or with ?format= a streamed export (pcap for tshark)',
    run: getTrace,
  },
  {
    method: 'GET',
    path: '/api/audit',
    auth: true,
    summary:
      'Audit log: sign-ins and failures, sessions, lab file changes (with a masked diff), reloads, stats resets, exports',
    run: getAudit,
  },
  { method: 'GET', path: '/api/docs', auth: false, summary: 'This API in Swagger UI (served locally)' },
  {
    method: 'POST',
    path: '/api/client/radius',
    auth: true,
    summary:
      'Send a RADIUS request (auth, acct, CoA, Disconnect, Status-Server) to any server; the client.radius procedure',
    run: clientRequest('client.radius'),
  },
  {
    method: 'POST',
    path: '/api/client/eap',
    auth: true,
    summary:
      'Run a whole EAP conversation (md5, gtc, peap, ttls-pap, ttls-mschapv2, tls) as a supplicant against any RADIUS server; the client.eap procedure',
    run: clientRequest('client.eap'),
  },
  {
    method: 'POST',
    path: '/api/client/tacacs',
    auth: true,
    summary: 'Send a TACACS+ authen/author/acct request to any server; the client.tacacs procedure',
    run: clientRequest('client.tacacs'),
  },
  {
    method: 'POST',
    path: '/api/admin/reload-config',
    auth: true,
    summary: 'Re-read the lab file; on errors the running config stays',
    run: postReloadConfig,
  },
  {
    method: 'POST',
    path: '/api/admin/reset-stats',
    auth: true,
    summary: 'Zero the counters and histograms',
    run: postResetStats,
  },
];

/** Answers /api/* routes of the table (not /api/health, /metrics, /api/openapi.json); false when not ours. */
export async function handleApi(
  engine: HttpEngine,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  auth: Partial<AuthOptions> = {},
): Promise<boolean> {
  if (!url.pathname.startsWith('/api/')) return false;
  const same = apiRoutes.filter((r) => r.path === url.pathname && r.run);
  if (same.length === 0) {
    sendError(res, 'not_found', `no API route ${url.pathname}`);
    return true;
  }
  const route = same.find((r) => r.method === req.method || (req.method === 'HEAD' && r.method === 'GET'));
  if (!route?.run) {
    res.setHeader('allow', same.map((r) => r.method).join(', '));
    sendJson405(res, req.method ?? '', url.pathname);
    return true;
  }
  const who = authorise(req, {
    ...auth,
    apiToken: auth.apiToken ?? (() => engine.lab.config.web.apiToken),
  });
  if (!who.ok && who.status === 403) {
    sendJson(res, 403, { ok: false, error: { code: 'unauthorized', message: who.message, issues: [] } });
    return true;
  }
  if (!who.ok) {
    res.setHeader('www-authenticate', 'Bearer realm="aaa-lab"');
    sendError(res, 'unauthorized', who.message);
    return true;
  }
  await route.run({ engine, req, res, url, who: who.who });
  return true;
}

function sendJson405(res: ServerResponse, method: string, path: string): void {
  res.writeHead(405, { 'content-type': 'application/json; charset=utf-8' });
  res.end(
    JSON.stringify({
      ok: false,
      error: { code: 'invalid_input', message: `${method} is not allowed on ${path}`, issues: [] },
    }),
  );
}
