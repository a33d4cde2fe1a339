import { shell } from 'electron';
import { LabError } from '../contract/envelope';
import type { HandlersOf } from '../contract/dispatch';
import type { webConsoleProcedures } from '../contract/web-console';
import type { Logger } from '../engine/context';
import type { EngineHttp } from '../engine/http/server';
import type { AdminAuth } from '../engine/http/admin/admin-auth';
import { loopbackOpenIdLogin } from '../engine/http/admin/loopback-login';
import type { OpenIdSettings } from '../engine/http/admin/openid-login';

export interface WebConsoleLoginDeps {
  /** The embedded web listener's admin login (EngineHttp.admin). */
  admin: Pick<AdminAuth, 'openIdSettings' | 'issueHandoff'>;
  /** Where the web listener answers, e.g. http://127.0.0.1:8080. */
  webOrigin: string;
  log: Logger;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/**
 * "Sign in to the web console" from the desktop app. The window itself needs no login (IPC is
 * trusted); this signs the user's system browser into the embedded web listener. RFC 8252: the login
 * runs in the system browser (never an embedded web view, where the app could read the password),
 * with authorization code + PKCE and a loopback redirect. Once the provider has answered, the
 * loopback page sends the browser to the listener's one-time handoff URL, which sets the session
 * cookie there — so the session belongs to that browser, not to this process.
 *
 * Native apps are public clients: OPENID_DESKTOP_CLIENT_ID names one registered with loopback
 * redirect URIs on any port (RFC 8252 §7.3), used without a secret; without it the web login's
 * client is used, which the provider must then allow http://127.0.0.1/callback on any port.
 */
export async function signInToWebConsole(deps: WebConsoleLoginDeps): Promise<{ email: string }> {
  const web = deps.admin.openIdSettings();
  if (!web) throw new LabError('unavailable', 'OpenID not configured (web.openid or OPENID_* variables)');
  const desktopId = (deps.env ?? process.env).OPENID_DESKTOP_CLIENT_ID;
  const settings: OpenIdSettings = desktopId ? { ...web, clientId: desktopId, clientSecret: undefined } : web;
  const out = await loopbackOpenIdLogin({
    settings,
    openBrowser: openProviderPage,
    next: ({ email }) =>
      `${deps.webOrigin}/admin/login/handoff?ticket=${encodeURIComponent(deps.admin.issueHandoff(email, 'openid'))}`,
    timeoutMs: deps.timeoutMs,
  }).catch((e: unknown) => {
    if (e instanceof LabError) throw e;
    deps.log.error('desktop OpenID login could not start', {
      issuer: settings.issuerUrl,
      error: (e as Error)?.message ?? String(e),
    });
    throw new LabError('unavailable', `OpenID provider ${settings.issuerUrl} unreachable`);
  });
  if (!out.ok) {
    (out.possibleCsrf ? deps.log.warn : deps.log.error).call(deps.log, out.log, { source: 'desktop' });
    throw new LabError('unauthorized', out.message);
  }
  deps.log.info('desktop OpenID login for the web console', { user_email: out.email });
  return { email: out.email };
}

/** Only the provider's web page goes to the system browser: never file:, javascript: or app schemes. */
async function openProviderPage(url: string): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new LabError('invalid_input', `refusing to open ${parsed.protocol} URL from the OpenID provider`);
  await shell.openExternal(parsed.href);
}

/** The address the browser should use for a listener bound to host:port (wildcards → loopback). */
export function webOrigin(host: string, port: number, scheme: 'http' | 'https' = 'http'): string {
  const h = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `${scheme}://${h.includes(':') ? `[${h}]` : h}:${port}`;
}

/** The desktop host's webConsole.signIn, replacing the engine's "desktop app only" answer. */
export function desktopWebConsoleHandlers(
  web: Promise<EngineHttp | undefined>,
  log: Logger,
): HandlersOf<typeof webConsoleProcedures> {
  return {
    'webConsole.signIn': async () => {
      const http = await web;
      if (!http) throw new LabError('unavailable', 'the web listener is not running (see web.listen)');
      return signInToWebConsole({
        admin: http.admin,
        webOrigin: webOrigin(http.host, http.port, http.scheme),
        log,
      });
    },
  };
}
