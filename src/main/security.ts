import { type Session, type WebContents, shell } from 'electron';

/**
 * The renderer's Content-Security-Policy. Scripts only from our own origin (no inline, no eval);
 * inline styles are allowed because React and recharts set style attributes.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Vite's dev server needs its inline React-refresh preamble and the HMR WebSocket; only used when
 * ELECTRON_RENDERER_URL is set (electron-vite dev), never in a built app.
 */
export const DEV_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
  "connect-src 'self'",
  "connect-src 'self' ws: http://localhost:* http://127.0.0.1:*",
);

/** Decides whether a URL belongs to our renderer (app://lab/… or the dev server's origin). */
export type UrlGuard = (url: string) => boolean;

/** Permissions the renderer may have: only writing sanitized text to the clipboard (copy a snippet). */
const allowedPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/**
 * Session-wide rules: a CSP header on every response (belt and braces: app:// responses carry it
 * already), and every permission request or check denied except the clipboard write above, and
 * that only for our own pages.
 */
export function hardenSession(ses: Session, isAppUrl: UrlGuard, csp: string): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
  ses.setPermissionRequestHandler((contents, permission, callback) => {
    callback(allowedPermissions.has(permission) && isAppUrl(contents.getURL()));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return allowedPermissions.has(permission) && isAppUrl(requestingOrigin);
  });
  ses.setDevicePermissionHandler(() => false);
}

/** Links the renderer opens (docs, RFCs) go to the system browser; anything else is dropped. */
export function openExternally(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  void shell.openExternal(parsed.toString());
  return true;
}

/**
 * Per-WebContents rules: no navigation away from our pages (in any frame), no redirects, no new
 * windows (http(s) links open in the system browser instead), no <webview>. A plain link click is
 * a navigation, not a new window: it is refused, never opened externally, so a compromised page
 * cannot launch URLs without a target=_blank the user can see.
 */
export function hardenContents(contents: WebContents, isAppUrl: UrlGuard): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}
