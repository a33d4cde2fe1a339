import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME } from './app-protocol';
import type { UrlGuard } from './security';

export interface RendererSource {
  /** The URL the window loads. */
  entryUrl: string;
  /** Whether a URL is one of our renderer's pages (same origin as entryUrl). */
  isAppUrl: UrlGuard;
  /** True when loading electron-vite's dev server rather than the built files. */
  dev: boolean;
}

/**
 * scheme://host[:port] for http(s) and our app: scheme, else null. Node's URL does not know that
 * Electron registered app: as a standard scheme and reports its origin as "null", so it is built
 * by hand here; file:, data:, about: and the rest are never ours.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin;
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host !== '') return `${APP_SCHEME}://${parsed.host}`;
  return null;
}

/**
 * Where the renderer comes from. ELECTRON_RENDERER_URL (set by `electron-vite dev`) is honoured only
 * for an unpackaged app on a loopback http origin, so a packaged build cannot be pointed elsewhere.
 */
export function rendererSource(devUrl: string | undefined, isPackaged: boolean): RendererSource {
  let origin = APP_ORIGIN;
  let entryUrl = APP_ENTRY_URL;
  let dev = false;
  if (devUrl && !isPackaged) {
    const parsed = URL.canParse(devUrl) ? new URL(devUrl) : null;
    const loopback = parsed && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
    if (parsed && parsed.protocol === 'http:' && loopback) {
      origin = parsed.origin;
      entryUrl = parsed.toString();
      dev = true;
    }
  }
  return { entryUrl, dev, isAppUrl: (url) => originOf(url) === origin };
}
