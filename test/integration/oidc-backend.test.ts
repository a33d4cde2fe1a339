import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend as backendSchema } from '../../src/engine/config/schema';
import { OIDC_CHAP_NEEDS_CLEARTEXT, OidcBackend, type OidcConfig } from '../../src/engine/backends/oidc';
import { testBackend } from '../../src/engine/backends/test-backend';
import { freePort } from '../peers/free-port';
import { CODE_ONLY_CLIENT, ROPC_CLIENT, startOidcProvider, type OidcPeer } from '../peers/oidc-provider';

function oidcConfig(issuerUrl: string, extra: Record<string, unknown> = {}): OidcConfig {
  return backendSchema.parse({
    type: 'oidc',
    name: 'idp',
    issuerUrl,
    clientId: ROPC_CLIENT.id,
    clientSecret: ROPC_CLIENT.secret,
    groupMap: { 'net-admins': 'netops', 'helpdesk-staff': 'helpdesk' },
    timeoutMs: 2000,
    ...extra,
  }) as OidcConfig;
}

const pap = (password: string) => ({ kind: 'password' as const, password });

describe('OIDC backend (Resource Owner Password grant) against oidc-provider', () => {
  let peer: OidcPeer;
  beforeAll(async () => {
    peer = await startOidcProvider();
  });
  afterAll(async () => {
    await peer?.stop();
  });

  it('a good password yields the groups claim of the ID token, mapped to lab groups', async () => {
    const b = new OidcBackend(oidcConfig(peer.issuer));
    const r = await b.authenticate('erin', pap('erin-pass'), 'login');
    expect(r.status).toBe('allow');
    expect(r.groups).toEqual(['netops']);
    const text = r.reasons.join('\n');
    expect(text).toMatch(/password grant for erin accepted in \d+ ms/);
    expect(text).toMatch(/"groups" claim from ID token: net-admins/);
    expect(text).not.toMatch(/eyJ/); // no JWT (token) in the reasons
  });

  it('unmapped groups are reported and ignored', async () => {
    const b = new OidcBackend(oidcConfig(peer.issuer));
    const r = await b.authenticate('frank', pap('frank-pass'), 'login');
    expect(r.groups).toEqual(['helpdesk']);
    expect(r.reasons.join('\n')).toMatch(/helpdesk-staff → helpdesk; ignored: other/);
  });

  it('a wrong password is denied with the provider error, and forgets cached groups', async () => {
    const b = new OidcBackend(oidcConfig(peer.issuer));
    await b.authenticate('erin', pap('erin-pass'), 'login');
    expect((await b.lookup('erin')).status).toBe('allow');
    const r = await b.authenticate('erin', pap('wrong'), 'login');
    expect(r.status).toBe('deny');
    expect(r.reasons.join('\n')).toMatch(/provider rejected the username or password \(invalid_grant/);
    expect(r.reasons.join('\n')).not.toContain('wrong');
    expect((await b.lookup('erin')).status).toBe('unknown-user');
  });

  it('lookup answers from the last login for a bounded time, then says why it cannot', async () => {
    let now = 1_000_000;
    const b = new OidcBackend(oidcConfig(peer.issuer), { groupCacheMs: 60_000, now: () => now });
    const before = await b.lookup('erin');
    expect(before.status).toBe('unknown-user');
    expect(before.reasons[0]).toMatch(/OIDC cannot look up a user without a password/);
    await b.authenticate('erin', pap('erin-pass'), 'login');
    now += 30_000;
    const hit = await b.lookup('erin');
    expect(hit).toMatchObject({ status: 'allow', groups: ['netops'] });
    expect(hit.reasons[0]).toMatch(/groups from erin's login 30 s ago/);
    now += 30_000;
    expect((await b.lookup('erin')).status).toBe('unknown-user');
  });

  it('CHAP cannot be checked against a provider', async () => {
    const b = new OidcBackend(oidcConfig(peer.issuer));
    const r = await b.authenticate(
      'erin',
      { kind: 'challenge', method: 'MS-CHAPv2', verify: () => true },
      'login',
    );
    expect(r.status).toBe('deny');
    expect(r.reasons.join('\n')).toContain(OIDC_CHAP_NEEDS_CLEARTEXT);
  });

  it('a client not allowed the password grant gets a plain reason (unauthorized_client)', async () => {
    const b = new OidcBackend(
      oidcConfig(peer.issuer, { clientId: CODE_ONLY_CLIENT.id, clientSecret: CODE_ONLY_CLIENT.secret }),
    );
    const r = await b.authenticate('erin', pap('erin-pass'), 'login');
    expect(r.status).toBe('error');
    expect(r.reasons.join('\n')).toMatch(
      /client code-only is not allowed the Resource Owner Password grant \((unauthorized_client|invalid_request)/,
    );
  });

  it('a wrong client secret is reported as a client problem, without the secret', async () => {
    const b = new OidcBackend(oidcConfig(peer.issuer, { clientSecret: 'not-the-secret' }));
    const r = await b.authenticate('erin', pap('erin-pass'), 'login');
    expect(r.status).toBe('error');
    expect(r.reasons.join('\n')).toMatch(/invalid_client/);
    expect(r.reasons.join('\n')).not.toContain('not-the-secret');
  });

  it('testBackend shows the steps without tokens or the password', async () => {
    const t = await testBackend(new OidcBackend(oidcConfig(peer.issuer)), 'erin', 'erin-pass');
    expect(t).toMatchObject({ allow: true, type: 'oidc', groups: ['netops'] });
    expect(JSON.stringify(t)).not.toMatch(/erin-pass|eyJ/);
  });
});

describe('OIDC backend: provider variants and failures', () => {
  it('groups only in userinfo are fetched from there', async () => {
    const peer = await startOidcProvider({ groupsOnlyInUserinfo: true });
    try {
      const r = await new OidcBackend(oidcConfig(peer.issuer)).authenticate(
        'erin',
        pap('erin-pass'),
        'login',
      );
      expect(r).toMatchObject({ status: 'allow', groups: ['netops'] });
      expect(r.reasons.join('\n')).toMatch(/"groups" claim from userinfo/);
    } finally {
      await peer.stop();
    }
  });

  it('a provider without the password grant says so plainly (unsupported_grant_type)', async () => {
    const peer = await startOidcProvider({ passwordGrant: false });
    try {
      const r = await new OidcBackend(oidcConfig(peer.issuer)).authenticate(
        'erin',
        pap('erin-pass'),
        'login',
      );
      expect(r.status).toBe('error');
      expect(r.reasons.join('\n')).toMatch(
        /refuses the Resource Owner Password grant \(unsupported_grant_type/,
      );
    } finally {
      await peer.stop();
    }
  });

  it('an unreachable issuer is an error naming discovery', async () => {
    const port = await freePort();
    const r = await new OidcBackend(oidcConfig(`http://127.0.0.1:${port}`)).authenticate(
      'erin',
      pap('erin-pass'),
      'login',
    );
    expect(r.status).toBe('error');
    expect(r.reasons.join('\n')).toMatch(
      new RegExp(`discovery of http://127.0.0.1:${port} failed: unreachable: ECONNREFUSED`),
    );
  });
});
