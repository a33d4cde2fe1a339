import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadLabFile } from '../../src/engine/config/load';
import type { LabConfig } from '../../src/engine/config/schema';
import { Secret } from '../../src/engine/secret';
import { AdminAuth } from '../../src/engine/http/admin/admin-auth';
import { ADMIN_CLIENT, startOidcProvider, type OidcPeer } from '../peers/oidc-provider';
import { CookieJar } from '../support/cookie-jar';
import { throughProvider } from '../support/oidc-browser';
import { fixturePath } from '../support/fixtures';

interface Logged {
  level: string;
  msg: string;
  fields?: Record<string, unknown>;
}

/** An HTTP host like the real ones: admin routes, one guarded API route, one open route. */
async function startHost(web: () => LabConfig['web'], now: () => number) {
  const audit: Array<{ event: string; details: Record<string, unknown> }> = [];
  const logs: Logged[] = [];
  const log = Object.fromEntries(
    ['debug', 'info', 'warn', 'error'].map((level) => [
      level,
      (msg: string, fields?: Record<string, unknown>) => logs.push({ level, msg, fields }),
    ]),
  ) as never;
  const auth = new AdminAuth({
    web,
    audit: { append: (event, details) => audit.push({ event, details }) },
    log,
    env: {},
    now,
  });
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (await auth.handle(req, res, url)) return;
      if (url.pathname === '/api/health') return res.end('ok');
      if (url.pathname.startsWith('/api/')) {
        const p = auth.require(req, res, req.method !== 'GET');
        if (!p) return;
        res.end(JSON.stringify({ ok: true, kind: p.kind }));
        return;
      }
      res.statusCode = 404;
      res.end();
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    base,
    audit,
    logs,
    auth,
    stop: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

type Host = Awaited<ReturnType<typeof startHost>>;

async function loginForm(jar: CookieJar, base: string): Promise<string> {
  const page = await (await jar.fetch(`${base}/admin/login`)).text();
  const m = /name="csrf" value="([^"]+)"/.exec(page);
  if (!m) throw new Error('no csrf field in the login form');
  return m[1]!;
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

describe('admin password login, sessions, CSRF and the API guard', () => {
  let web: LabConfig['web'];
  let now = 1_700_000_000_000;
  let host: Host;

  beforeAll(async () => {
    web = (await loadLabFile(fixturePath('lab.yaml'))).config.web;
    host = await startHost(
      () => web,
      () => now,
    );
  });
  afterAll(() => host.stop());
  beforeEach(() => {
    now += 3600_000; // a fresh rate-limit window for each test
  });

  it('signs in with the fixture hash (admin-pass) into an HttpOnly SameSite=Strict session', async () => {
    const jar = new CookieJar();
    const csrf = await loginForm(jar, host.base);
    const res = await jar.fetch(
      `${host.base}/admin/login`,
      form({ username: 'admin', password: 'admin-pass', csrf, next: '/dashboard' }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dashboard');
    const cookie = jar.seen.find((c) => c.startsWith('aaa_lab_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/); // plain http here
    const me = (await (await jar.fetch(`${host.base}/admin/session`)).json()) as Record<string, unknown>;
    expect(me).toMatchObject({ kind: 'session', email: 'admin', method: 'password' });
    const created = host.audit.find((a) => a.event === 'admin.session.created')!;
    expect(created.details).toMatchObject({ user_email: 'admin', auth_method: 'password' });
    expect(String(created.details.session_id)).not.toBe(jar.get(host.base, 'aaa_lab_session'));
  });

  it('refuses a wrong password (401, audited), then rate-limits the address (429)', async () => {
    const jar = new CookieJar();
    const csrf = await loginForm(jar, host.base);
    for (let i = 0; i < 5; i++) {
      const r = await jar.fetch(
        `${host.base}/admin/login`,
        form({ username: 'admin', password: `nope${i}`, csrf }),
      );
      expect(r.status).toBe(401);
    }
    expect(host.audit.filter((a) => a.event === 'admin.login.failed').length).toBeGreaterThanOrEqual(5);
    const locked = await jar.fetch(
      `${host.base}/admin/login`,
      form({ username: 'admin', password: 'admin-pass', csrf }),
    );
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.stringify(host.audit)).not.toMatch(/nope\d/);
  });

  it('a login post without the form token is refused (CSRF)', async () => {
    const jar = new CookieJar();
    await loginForm(jar, host.base);
    const r = await jar.fetch(
      `${host.base}/admin/login`,
      form({ username: 'admin', password: 'admin-pass', csrf: 'forged' }),
    );
    expect(r.status).toBe(403);
  });

  it('guards the API: nothing → 401, API token → ok, session → ok, session post needs the CSRF header', async () => {
    expect((await fetch(`${host.base}/api/health`)).status).toBe(200);
    expect((await fetch(`${host.base}/api/x`)).status).toBe(401);
    expect((await fetch(`${host.base}/api/x`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${host.base}/api/x`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(
      401,
    );
    const bearer = { authorization: 'Bearer lab-api-token-0123456789' };
    expect(
      await (await fetch(`${host.base}/api/x`, { method: 'POST', headers: bearer })).json(),
    ).toMatchObject({ kind: 'api-token' });

    const jar = new CookieJar();
    const csrf = await loginForm(jar, host.base);
    await jar.fetch(`${host.base}/admin/login`, form({ username: 'admin', password: 'admin-pass', csrf }));
    expect((await jar.fetch(`${host.base}/api/x`)).status).toBe(200);
    expect((await jar.fetch(`${host.base}/api/x`, { method: 'POST' })).status).toBe(403);
    const me = (await (await jar.fetch(`${host.base}/admin/session`)).json()) as { csrf: string };
    expect(
      (await jar.fetch(`${host.base}/api/x`, { method: 'POST', headers: { 'x-csrf-token': me.csrf } }))
        .status,
    ).toBe(200);
  });

  it('logout needs the session CSRF token, then the session is gone (audited)', async () => {
    const jar = new CookieJar();
    const csrf = await loginForm(jar, host.base);
    await jar.fetch(`${host.base}/admin/login`, form({ username: 'admin', password: 'admin-pass', csrf }));
    const me = (await (await jar.fetch(`${host.base}/admin/session`)).json()) as { csrf: string };
    expect((await jar.fetch(`${host.base}/admin/logout`, form({}))).status).toBe(403);
    const out = await jar.fetch(`${host.base}/admin/logout`, form({ csrf: me.csrf }));
    expect(out.status).toBe(303);
    expect((await jar.fetch(`${host.base}/admin/session`)).status).toBe(401);
    expect(host.audit.at(-1)).toMatchObject({
      event: 'admin.session.deleted',
      details: { reason: 'logout', user_email: 'admin' },
    });
  });

  it('sessions expire after the timeout and are removed when presented; several may coexist', async () => {
    const a = new CookieJar();
    const b = new CookieJar();
    for (const jar of [a, b]) {
      const csrf = await loginForm(jar, host.base);
      await jar.fetch(`${host.base}/admin/login`, form({ username: 'admin', password: 'admin-pass', csrf }));
      expect((await jar.fetch(`${host.base}/admin/session`)).status).toBe(200);
    }
    expect((await a.fetch(`${host.base}/admin/session`)).status).toBe(200);
    now += 61 * 60_000; // default 60 minutes
    expect((await a.fetch(`${host.base}/admin/session`)).status).toBe(401);
    expect(host.audit.at(-1)).toMatchObject({
      event: 'admin.session.deleted',
      details: { reason: 'expired' },
    });
  });

  it('OpenID endpoints answer 503 "OpenID not configured" without configuration', async () => {
    for (const path of ['/admin/login/openid-start', '/admin/login/openid-callback?code=x&state=y']) {
      const r = await fetch(`${host.base}${path}`, { redirect: 'manual' });
      expect(r.status).toBe(503);
      expect(await r.text()).toBe('OpenID not configured');
    }
  });
});

describe('admin OpenID Connect login (authorization code + PKCE) against oidc-provider', () => {
  let peer: OidcPeer;
  let host: Host;
  let web: LabConfig['web'];
  const callbackPath = '/admin/login/openid-callback';

  beforeAll(async () => {
    const base = (await loadLabFile(fixturePath('lab.yaml'))).config.web;
    web = base;
    host = await startHost(() => web, Date.now);
    peer = await startOidcProvider({ adminRedirectUris: [`${host.base}${callbackPath}`] });
  });
  afterAll(async () => {
    await host?.stop();
    await peer?.stop();
  });

  const configure = (over: Partial<NonNullable<LabConfig['web']['openid']>> = {}) => {
    web = {
      ...web,
      openid: {
        issuerUrl: peer.issuer,
        clientId: ADMIN_CLIENT.id,
        clientSecret: new Secret(ADMIN_CLIENT.secret),
        redirectUri: `${host.base}${callbackPath}`,
        scopes: 'openid profile email groups',
        sessionTimeoutMinutes: 60,
        allowedGroups: [],
        allowedEmailDomains: [],
        ...over,
      },
    };
  };

  async function startLogin(jar: CookieJar): Promise<string> {
    const res = await jar.fetch(`${host.base}/admin/login/openid-start`);
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    const q = new URL(location).searchParams;
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('state')).toBeTruthy();
    expect(q.get('nonce')).toBeTruthy();
    return location;
  }

  it('signs erin in end to end and opens a session with her email', async () => {
    configure();
    const jar = new CookieJar();
    const back = await throughProvider(jar, await startLogin(jar), 'erin', `${host.base}${callbackPath}`);
    const cb = await jar.fetch(back);
    expect(cb.status).toBe(200);
    expect(await cb.text()).toContain('Signed in');
    const me = (await (await jar.fetch(`${host.base}/admin/session`)).json()) as Record<string, unknown>;
    expect(me).toMatchObject({ kind: 'session', email: 'erin@example.com', method: 'openid' });
    expect(host.audit.at(-1)).toMatchObject({
      event: 'admin.session.created',
      details: { user_email: 'erin@example.com', auth_method: 'openid' },
    });
  });

  it('a tampered state is refused with 401 and logged as a possible CSRF', async () => {
    configure();
    const jar = new CookieJar();
    const back = new URL(
      await throughProvider(jar, await startLogin(jar), 'erin', `${host.base}${callbackPath}`),
    );
    back.searchParams.set('state', 'tampered');
    const cb = await jar.fetch(back);
    expect(cb.status).toBe(401);
    expect(host.logs.some((l) => l.level === 'warn' && /possible CSRF/.test(l.msg))).toBe(true);
    expect((await jar.fetch(`${host.base}/admin/session`)).status).toBe(401);
  });

  it('a callback replayed after use is refused (one login, one callback)', async () => {
    configure();
    const jar = new CookieJar();
    const back = await throughProvider(jar, await startLogin(jar), 'erin', `${host.base}${callbackPath}`);
    expect((await jar.fetch(back)).status).toBe(200);
    expect((await jar.fetch(back)).status).toBe(401);
  });

  it('a user without an email is refused with 401', async () => {
    configure();
    const jar = new CookieJar();
    const cb = await jar.fetch(
      await throughProvider(jar, await startLogin(jar), 'nomail', `${host.base}${callbackPath}`),
    );
    expect(cb.status).toBe(401);
    expect(await cb.text()).toContain('user info has no email');
  });

  it('a failing token exchange is 401, the provider error logged, no token', async () => {
    // The authorization endpoint does not check the client secret; the token endpoint does.
    configure({ clientSecret: new Secret('wrong-client-secret') });
    const jar = new CookieJar();
    const cb = await jar.fetch(
      await throughProvider(jar, await startLogin(jar), 'erin', `${host.base}${callbackPath}`),
    );
    expect(cb.status).toBe(401);
    expect(await cb.text()).toContain('token exchange failed');
    const logged = host.logs
      .filter((l) => /token exchange failed/.test(l.msg))
      .map((l) => l.msg)
      .join('\n');
    expect(logged).toMatch(/invalid_client/);
    expect(logged).not.toMatch(/eyJ|wrong-client-secret/);
  });

  it('allowedEmailDomains refuses other domains with 403', async () => {
    configure({ allowedEmailDomains: ['corp.example'] });
    const jar = new CookieJar();
    const cb = await jar.fetch(
      await throughProvider(jar, await startLogin(jar), 'erin', `${host.base}${callbackPath}`),
    );
    expect(cb.status).toBe(403);
  });
});
