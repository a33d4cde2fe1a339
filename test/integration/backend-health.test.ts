import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendHealthMonitor } from '../../src/engine/backends/health';
import { LdapBackend } from '../../src/engine/backends/ldap';
import type { LdapConfig } from '../../src/engine/backends/ldap-directory';
import { LocalBackend } from '../../src/engine/backends/local';
import { OktaBackend } from '../../src/engine/backends/okta';
import type { AuthBackend } from '../../src/engine/backends/types';
import { oktaBackend } from '../../src/engine/config/okta-schema';
import { backend as backendSchema } from '../../src/engine/config/schema';
import type { Engine } from '../../src/engine/lab';
import { freePort, ROOT_DN, ROOT_PW, slapdAvailable, startSlapd, type SlapdPeer } from '../peers/slapd';
import { startOktaStandIn, type OktaStandIn } from '../stand-ins/okta-authn';
import { startTestEngine, startTestServe, type TestServe } from '../support/engine';

const have = slapdAvailable();
const ldapConfig = (url: string): LdapConfig =>
  backendSchema.parse({
    type: 'ldap',
    name: 'dir',
    url,
    bindDN: ROOT_DN,
    bindPassword: ROOT_PW,
    userBase: 'ou=people,dc=example,dc=com',
    timeoutMs: 2000,
  }) as LdapConfig;

let okta: OktaStandIn;
beforeAll(async () => {
  okta = await startOktaStandIn([{ login: 'dana', password: 'dana-pass' }]);
});
afterAll(() => okta.stop());

const monitor = (backends: AuthBackend[]) =>
  new BackendHealthMonitor(
    () => backends,
    () => 0,
  );

describe.skipIf(!have)('backend health against slapd', () => {
  let slapd: SlapdPeer;
  beforeAll(async () => {
    slapd = await startSlapd();
  });
  afterAll(() => slapd?.stop());

  it('a running directory is reachable (service bind + base search, with latency); once stopped, the error shows', async () => {
    const dir = new LdapBackend(ldapConfig(slapd.url));
    const m = monitor([new LocalBackend([]), dir]);
    const [local, up] = await m.check();
    expect(local).toMatchObject({
      name: 'local',
      reachable: true,
      detail: 'local: 0 users from the lab file',
    });
    expect(up).toMatchObject({ name: 'dir', type: 'ldap', reachable: true });
    expect(up!.detail).toMatch(/service bind and base search of ou=people,dc=example,dc=com in \d+ ms/);
    expect(up!.latencyMs).toBeGreaterThanOrEqual(0);
    await slapd.stop();
    const [, down] = await m.check('dir');
    expect(down!.reachable).toBe(false);
    expect(down!.lastError).toMatch(/LDAP server ldap:\/\/127\.0\.0\.1:\d+ (unreachable|timed out)/);
    expect(JSON.stringify(down)).not.toContain(ROOT_PW);
    await dir.close();
  });

  it('a server that never answers is unreachable with the cause', async () => {
    const dir = new LdapBackend(ldapConfig(`ldap://127.0.0.1:${await freePort()}`));
    const [row] = await monitor([dir]).check();
    expect(row).toMatchObject({ reachable: false });
    expect(row!.lastError).toMatch(/ECONNREFUSED/);
    await dir.close();
  });
});

describe('backend health of Okta (against the Okta stand-in)', () => {
  const cfg = (apiToken: string) =>
    oktaBackend.parse({ type: 'okta', orgUrl: okta.url, apiToken, timeoutMs: 2000 });

  it('stand-in: an authenticated call checks reachability and the token; a bad token is the last error, masked', async () => {
    const [ok] = await monitor([new OktaBackend(cfg(okta.token))]).check();
    expect(ok).toMatchObject({ type: 'okta', reachable: true });
    expect(ok!.detail).toMatch(/answered GET \/api\/v1\/groups with the API token in \d+ ms/);
    const [bad] = await monitor([new OktaBackend(cfg('revoked-token-abcdef'))]).check();
    expect(bad!.reachable).toBe(false);
    expect(bad!.lastError).toMatch(/E0000011 Invalid token provided/);
    expect(JSON.stringify(bad)).not.toContain('revoked-token-abcdef');
  });

  it('stand-in: real logins count: last login, latency, and a failure as the last error', async () => {
    const backends: AuthBackend[] = [];
    const m = new BackendHealthMonitor(
      () => backends,
      () => 0,
    );
    backends.push(m.observe(new OktaBackend(cfg(okta.token))));
    await backends[0]!.authenticate('dana', { kind: 'password', password: 'dana-pass' }, 'login');
    expect(m.list()[0]).toMatchObject({ reachable: true, lastAuth: { kind: 'login', status: 'allow' } });
    const gone = new OktaBackend({ ...cfg(okta.token), orgUrl: `http://127.0.0.1:${await freePort()}` });
    backends[0] = m.observe(gone);
    await backends[0].authenticate('dana', { kind: 'password', password: 'dana-pass' }, 'login');
    expect(m.list()[0]).toMatchObject({ reachable: false, lastAuth: { status: 'error' } });
    expect(m.list()[0]!.lastError).toMatch(/ECONNREFUSED/);
  });
});

describe('GET /api/backends and POST /api/backends/check', () => {
  const bearer = { authorization: 'Bearer lab-api-token-0123456789' };
  let engine: Engine;
  let host: TestServe;
  beforeAll(async () => {
    const dead = await freePort();
    ({ engine } = await startTestEngine({
      factories: [],
      edit: (t) =>
        `${t}\nbackendHealth: { intervalS: 3600 }\nbackends:\n  - type: local\n  - type: okta\n    name: okta\n    orgUrl: ${okta.url}\n    apiToken: ${okta.token}\n  - type: ldap\n    name: gone\n    url: ldap://127.0.0.1:${dead}\n    bindDN: cn=x\n    bindPassword: bind-secret-xyz\n    userBase: dc=example,dc=com\n    timeoutMs: 1000\n`,
    }));
    host = await startTestServe(engine);
  });
  afterAll(async () => {
    await host?.close();
    await engine?.close();
  });

  it('lists every backend with its health (checked at start), checks on demand, and never shows a secret', async () => {
    // The first periodic check runs when the lab starts.
    await expect
      .poll(async () => {
        const r = (await (await fetch(`${host.base}/api/backends`, { headers: bearer })).json()) as {
          backends: { checkedAt?: number }[];
        };
        return r.backends.every((b) => b.checkedAt !== undefined);
      })
      .toBe(true);
    const res = await fetch(`${host.base}/api/backends/check`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ backend: 'gone' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { intervalS: number; backends: Record<string, unknown>[] };
    expect(body.intervalS).toBe(3600);
    expect(body.backends.map((b) => [b.name, b.type, b.reachable])).toEqual([
      ['local', 'local', true],
      ['okta', 'okta', true],
      ['gone', 'ldap', false],
    ]);
    expect(String(body.backends[2]!.lastError)).toMatch(/ECONNREFUSED/);
    const text = JSON.stringify(body);
    expect(text).not.toContain('bind-secret-xyz');
    expect(text).not.toContain(okta.token);
    const unknown = await fetch(`${host.base}/api/backends/check`, {
      method: 'POST',
      headers: bearer,
      body: '{"backend":"nope"}',
    });
    expect(unknown.status).toBe(404);
    const doc = (await (await fetch(`${host.base}/api/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toContain('/api/backends/check');
  });
});
