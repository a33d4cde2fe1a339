import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { sendJson } from './respond';

/**
 * /api/docs: the OpenAPI document in Swagger UI, served from the installed swagger-ui-dist package
 * (no CDN: a lab network often has no internet). Only the files the page needs are served, by name.
 */
const FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>AAA Lab REST API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/swagger-ui-standalone-preset.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

/** In its own file so the page's CSP needs no 'unsafe-inline' for scripts. */
const INIT = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: false,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});
`;

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'";

let distDir: string | undefined;
function dist(): string {
  distDir ??= dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  return distDir;
}

/** Answers GET /api/docs and its assets; false for any other path. */
export async function serveApiDocs(path: string, res: ServerResponse): Promise<boolean> {
  if (path === '/api/docs' || path === '/api/docs/') {
    send(res, 'text/html; charset=utf-8', PAGE);
    return true;
  }
  if (!path.startsWith('/api/docs/')) return false;
  const name = path.slice('/api/docs/'.length);
  if (name === 'init.js') {
    send(res, 'text/javascript; charset=utf-8', INIT);
    return true;
  }
  const type = FILES[name];
  if (!type) {
    sendJson(res, 404, { error: `no file ${path}` });
    return true;
  }
  try {
    send(res, type, await readFile(join(dist(), name)), 'public, max-age=3600');
  } catch {
    sendJson(res, 503, { error: 'swagger-ui-dist is not installed' });
  }
  return true;
}

function send(res: ServerResponse, type: string, body: string | Buffer, cache = 'no-cache'): void {
  res.writeHead(200, {
    'content-type': type,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': cache,
  });
  res.end(body);
}
