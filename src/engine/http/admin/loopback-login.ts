import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { OpenIdLogin, type OpenIdSettings } from './openid-login';
import { loopbackPage } from './pages';

export interface LoopbackLoginOptions {
  /** The provider and client; redirectUri is replaced by the loopback listener's. */
  settings: OpenIdSettings;
  /** Shows the provider's authorization URL to the user: the system browser in the desktop app. */
  openBrowser(url: string): Promise<void> | void;
  /** After a successful login: where to send the browser next (e.g. the web console's handoff URL). */
  next?(login: { email: string; groups: string[] }): string | undefined;
  /** How long to wait for the browser to come back (default 5 minutes). */
  timeoutMs?: number;
  now?: () => number;
}

export type LoopbackOutcome =
  | { ok: true; email: string; groups: string[] }
  | { ok: false; message: string; log: string; possibleCsrf?: boolean };

/**
 * OpenID Connect login for a native app (RFC 8252): authorization code + PKCE (RFC 7636) with the
 * redirect URI on a one-shot listener at http://127.0.0.1:<ephemeral>/callback — an IP literal, not
 * "localhost" (§8.3), any port (§7.3). The first request to /callback decides: state, nonce and PKCE
 * are checked by OpenIdLogin as for the web login, then the listener closes.
 */
export async function loopbackOpenIdLogin(opts: LoopbackLoginOptions): Promise<LoopbackOutcome> {
  let settle: (o: LoopbackOutcome) => void = () => {};
  const outcome = new Promise<LoopbackOutcome>((r) => (settle = r));
  let handled = false;
  let flow: { login: OpenIdLogin; loginId: string } | undefined;
  let port = 0;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Only our own address as Host (DNS rebinding), and only the callback path ends the login.
    if (req.headers.host !== `127.0.0.1:${port}` || req.method !== 'GET' || url.pathname !== '/callback')
      return void send(res, 404, 'Not found', 'This address only receives the OpenID login callback.');
    if (handled || !flow)
      return void send(res, 410, 'Sign in failed', 'This login has already finished; start it again.');
    handled = true;
    void answer(flow, url, res, opts).then(settle, (e: unknown) =>
      settle({ ok: false, message: 'OpenID login failed', log: `OpenID loopback login: ${String(e)}` }),
    );
  });
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  const redirectUri = `http://127.0.0.1:${port}/callback`;
  const timer = setTimeout(
    () =>
      settle({
        ok: false,
        message: 'OpenID login timed out: the browser did not come back',
        log: 'OpenID loopback login timed out',
      }),
    opts.timeoutMs ?? 5 * 60_000,
  );
  try {
    const login = new OpenIdLogin({ ...opts.settings, redirectUri }, opts.now);
    const { url, loginId } = await login.start();
    flow = { login, loginId };
    await opts.openBrowser(url);
    return await outcome;
  } finally {
    clearTimeout(timer);
    server.closeIdleConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

async function answer(
  flow: { login: OpenIdLogin; loginId: string },
  url: URL,
  res: ServerResponse<IncomingMessage>,
  opts: LoopbackLoginOptions,
): Promise<LoopbackOutcome> {
  const providerError = url.searchParams.get('error');
  if (providerError) {
    const message = `OpenID login failed: ${providerError}`;
    send(res, 401, 'Sign in failed', message);
    return {
      ok: false,
      message,
      log: `OpenID provider returned ${providerError}: ${url.searchParams.get('error_description') ?? ''}`,
    };
  }
  const out = await flow.login.callback(flow.loginId, url.searchParams);
  if (!out.ok) {
    send(res, out.status, 'Sign in failed', out.message);
    return { ok: false, message: out.message, log: out.log, possibleCsrf: out.possibleCsrf };
  }
  const next = opts.next?.({ email: out.email, groups: out.groups });
  if (next) {
    res.writeHead(303, {
      location: next,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      connection: 'close',
    });
    res.end();
  } else send(res, 200, 'Signed in', `Signed in to AAA Lab as ${out.email}. You can close this tab.`);
  return { ok: true, email: out.email, groups: out.groups };
}

function send(res: ServerResponse, status: number, title: string, message: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'close',
  });
  res.end(loopbackPage(title, message));
}
