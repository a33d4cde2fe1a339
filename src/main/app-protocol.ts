import { readFile } from 'node:fs/promises';
import { extname, join, relative, isAbsolute } from 'node:path';
import { protocol, type Session } from 'electron';
import { mimeTypes } from '../engine/http/mime';

/**
 * The built renderer is served from app://lab/ rather than file://: a file:// page may read any
 * file on disk and gets no response headers, so the CSP could not be sent as a header. A privileged
 * standard scheme gives the page a real origin ('self' = app://lab) and every response our header.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://lab`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Must run before app 'ready' (Electron's rule for privileged schemes). standard: a real origin
 * for 'self' and relative URLs; secure: a secure context; corsEnabled: Vite's
 * `<script type="module" crossorigin>` loads in CORS mode; codeCache: V8 caches our bundles.
 */
export const appSchemePrivileges = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
} as const;

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: appSchemePrivileges }]);
}

/** Maps an app:// URL to a file under rendererDir, or null for anything outside it. */
export function resolveAppFile(url: string, rendererDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // Node's URL reports app: origins as "null" (it does not know Electron's standard schemes).
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== new URL(APP_ORIGIN).host) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const file = join(rendererDir, pathname === '/' ? 'index.html' : pathname);
  const rel = relative(rendererDir, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}

/** Answers one app:// request: the file with its type and our CSP, else a bare 404. */
export async function appResponse(url: string, rendererDir: string, csp: string): Promise<Response> {
  const file = resolveAppFile(url, rendererDir);
  const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
  if (file === null) return new Response('not found', { status: 404, headers });
  try {
    const body = await readFile(file);
    const type = mimeTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': type } });
  } catch {
    return new Response('not found', { status: 404, headers });
  }
}

export function serveRenderer(ses: Session, rendererDir: string, csp: string): void {
  ses.protocol.handle(APP_SCHEME, (request) => appResponse(request.url, rendererDir, csp));
}
