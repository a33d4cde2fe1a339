import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadLabFile } from '../../src/engine/config/load';
import { AdminAuth } from '../../src/engine/http/admin/admin-auth';
import { ADMIN_CLIENT, DESKTOP_CLIENT, startOidcProvider, type OidcPeer } from '../peers/oidc-provider';
import { CookieJar } from '../support/cookie-jar';
import { fixturePath } from '../support/fixtures';
import { throughProvider } from '../support/oidc-browser';

// The "system browser": shell.openExternal hands the provider URL to a scripted browser (fetch + a
// cookie jar through oidc-provider's dev interactions) that the test sets per case.
const browser = vi.hoisted(() => ({ open: (_url: string): void => undefined }));
const openExternal = vi.hoisted(() => vi.fn(async (url: string) => browser.open(url)));
vi.mock('electron', () => ({ shell: { openExternal } }));

const {
  signInToWebConsole,
  desktopWebConsoleHandlers,
  webOrigin: originOf,
} = await import('../../src/main/web-console-login');

const logs: Array<{ level: string; msg: string }> = [];
const log = Object.fromEntries(
  ['debug', 'info', 'warn', 'error'].map((level) => [level, (msg: string) => logs.push({ level, msg })]),
) as never;

describe('desktop "sign in to the web console": system browser, loopback redirect, PKCE', () => {
  let peer: OidcPeer;
  let server: Server;
  let admin: AdminAuth;
  let webOrigin: string;
  let web: Awaited<ReturnType<typeof loadLabFile>>['config']['web'];
  const audit: Array<{ event: string; details: Record<string, unknown> }> = [];
  const env = () => ({ OPENID_DESKTOP_CLIENT_ID: DESKTOP_CLIENT.id });

  beforeAll(async () => {
    web = (await loadLabFile(fixturePath('lab.yaml'))).config.web;
    peer = await startOidcProvider();
    server = createServer((req, res) => {
      void admin.handle(req, res, new URL(req.url ?? '/', 'http://localhost')).then((ours) => {
        if (!ours) res.writeHead(404).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    webOrigin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    admin = new AdminAuth({
      web: () => web,
      audit: { append: (event, details) => audit.push({ event, details }) },
      log,
      env: {
        OPENID_ISSUER_URL: peer.issuer,
        OPENID_CLIENT_ID: ADMIN_CLIENT.id,
        OPENID_CLIENT_SECRET: ADMIN_CLIENT.secret,
        OPENID_REDIRECT_URI: `${webOrigin}/admin/login/openid-callback`,
      },
    });
  });
  afterAll(async () => {
    await new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())));
    await peer.stop();
  });
  // A block body: a function returned from beforeEach would be run as a cleanup hook.
  beforeEach(() => {
    openExternal.mockClear();
  });

  /** Runs the browser side in the background; resolves with where the loopback page sent it. */
  function browse(user: string, tamper?: (callback: URL) => void) {
    const jar = new CookieJar();
    let done!: Promise<{ loopback: Response; callback: URL }>;
    browser.open = (url) => {
      const redirectUri = new URL(url).searchParams.get('redirect_uri') ?? '';
      done = (async () => {
        const callback = new URL(await throughProvider(jar, url, user, redirectUri));
        tamper?.(callback);
        return { loopback: await jar.fetch(callback), callback };
      })();
    };
    return { jar, result: () => done };
  }

  it('signs the browser in: provider login → loopback callback → handoff → session cookie (openid)', async () => {
    const b = browse('erin');
    await expect(signInToWebConsole({ admin, webOrigin, log, env: env() })).resolves.toEqual({
      email: 'erin@example.com',
    });
    expect(openExternal).toHaveBeenCalledTimes(1);
    const authorize = new URL(openExternal.mock.calls[0]![0]);
    expect(authorize.origin).toBe(peer.issuer);
    expect(authorize.searchParams.get('client_id')).toBe(DESKTOP_CLIENT.id);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const redirect = new URL(authorize.searchParams.get('redirect_uri')!);
    expect(redirect.hostname).toBe('127.0.0.1');
    expect(redirect.pathname).toBe('/callback');

    const { loopback } = await b.result();
    expect(loopback.status).toBe(303);
    const handoff = new URL(loopback.headers.get('location')!);
    expect(handoff.origin + handoff.pathname).toBe(`${webOrigin}/admin/login/handoff`);
    expect((await b.jar.fetch(handoff)).status).toBe(200);
    const me = (await (await b.jar.fetch(`${webOrigin}/admin/session`)).json()) as Record<string, unknown>;
    expect(me).toMatchObject({ kind: 'session', email: 'erin@example.com', method: 'openid' });
    expect(audit.at(-1)).toMatchObject({
      event: 'admin.session.created',
      details: { user_email: 'erin@example.com', auth_method: 'openid' },
    });
    // One use: the same link in another browser opens nothing.
    expect((await new CookieJar().fetch(handoff)).status).toBe(401);
    // The loopback listener is gone once the login has finished.
    await expect(fetch(redirect.origin)).rejects.toThrow();
  });

  it('a tampered state is refused at the loopback (401, possible CSRF) and no handoff is issued', async () => {
    const b = browse('erin', (cb) => cb.searchParams.set('state', 'tampered'));
    await expect(signInToWebConsole({ admin, webOrigin, log, env: env() })).rejects.toMatchObject({
      code: 'unauthorized',
      message: 'OpenID login failed: state mismatch',
    });
    const { loopback } = await b.result();
    expect(loopback.status).toBe(401);
    expect(loopback.headers.get('location')).toBeNull();
    expect(logs.some((l) => l.level === 'warn' && /possible CSRF/.test(l.msg))).toBe(true);
  });

  it('a user without an email is refused (401)', async () => {
    const b = browse('nomail');
    await expect(signInToWebConsole({ admin, webOrigin, log, env: env() })).rejects.toMatchObject({
      message: 'OpenID login failed: user info has no email',
    });
    expect((await b.result()).loopback.status).toBe(401);
  });

  it('gives up when the browser never comes back, and closes the listener', async () => {
    let redirect = '';
    browser.open = (url) => void (redirect = new URL(url).searchParams.get('redirect_uri') ?? '');
    await expect(signInToWebConsole({ admin, webOrigin, log, env: env(), timeoutMs: 200 })).rejects.toThrow(
      /timed out/,
    );
    await expect(fetch(redirect)).rejects.toThrow();
  });

  it('answers "OpenID not configured" without settings, opening nothing', async () => {
    const bare = new AdminAuth({
      web: () => ({ ...web, openid: undefined }),
      audit: { append: () => undefined },
      log,
      env: {},
    });
    await expect(signInToWebConsole({ admin: bare, webOrigin, log, env: {} })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/OpenID not configured/),
    });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('an unreachable provider is "unavailable", and nothing is opened', async () => {
    const gone = new AdminAuth({
      web: () => web,
      audit: { append: () => undefined },
      log,
      env: {
        OPENID_ISSUER_URL: 'http://127.0.0.1:9/',
        OPENID_CLIENT_ID: DESKTOP_CLIENT.id,
        OPENID_REDIRECT_URI: `${webOrigin}/admin/login/openid-callback`,
      },
    });
    await expect(signInToWebConsole({ admin: gone, webOrigin, log, env: {} })).rejects.toMatchObject({
      code: 'unavailable',
      message: 'OpenID provider http://127.0.0.1:9/ unreachable',
    });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('the desktop handler needs the web listener; wildcard listeners are reached over loopback', async () => {
    const h = desktopWebConsoleHandlers(Promise.resolve(undefined), log);
    await expect(h['webConsole.signIn']({})).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/web listener is not running/),
    });
    expect(originOf('0.0.0.0', 8080)).toBe('http://127.0.0.1:8080');
    expect(originOf('::', 8080)).toBe('http://[::1]:8080');
    expect(originOf('127.0.0.1', 18080)).toBe('http://127.0.0.1:18080');
    expect(originOf('fd00::5', 80)).toBe('http://[fd00::5]:80');
  });
});
