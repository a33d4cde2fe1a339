import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpEngine } from './http-engine';
import { serveApiDocs } from './api-docs';
import { handleApi } from './api-routes';
import type { AuthOptions } from './auth';
import { openApiDocument } from './openapi';
import { sendJson, sendText } from './respond';

/**
 * The engine's own HTTP endpoints, served by both hosts (the desktop app on `web.listen`, and
 * `aaa-lab serve` beside the UI). Returns false when the path is not one of them.
 */
export async function handleEngineRoute(
  engine: HttpEngine,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  auth: Partial<AuthOptions> = {},
): Promise<boolean> {
  if (req.method === 'GET' && url.pathname === '/api/health') {
    const s = engine.status();
    sendJson(res, s.state === 'error' ? 503 : 200, {
      status: s.state === 'error' ? 'error' : 'ok',
      state: s.state,
      startedAt: s.startedAt,
    });
    return true;
  }
  if (req.method === 'GET' && url.pathname === '/metrics') {
    sendText(res, 200, await engine.metrics.registry.metrics(), engine.metrics.registry.contentType);
    return true;
  }
  if (req.method === 'GET' && url.pathname === '/api/openapi.json') {
    sendJson(res, 200, openApiDocument());
    return true;
  }
  if (req.method === 'GET' && (await serveApiDocs(url.pathname, res))) return true;
  if (await handleApi(engine, req, res, url, auth)) return true;
  return false;
}
