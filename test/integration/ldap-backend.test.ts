import { createServer, type Server, type Socket } from 'node:net';
import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend as backendSchema } from '../../src/engine/config/schema';
import { CHAP_NEEDS_CLEARTEXT, LdapBackend } from '../../src/engine/backends/ldap';
import type { LdapConfig } from '../../src/engine/backends/ldap-directory';
import { testBackend } from '../../src/engine/backends/test-backend';
import { freePort, ROOT_DN, ROOT_PW, slapdAvailable, startSlapd, type SlapdPeer } from '../peers/slapd';

const have = slapdAvailable();

function ldapConfig(url: string, extra: Record<string, unknown> = {}): LdapConfig {
  return backendSchema.parse({
    type: 'ldap',
    name: 'dir',
    url,
    bindDN: ROOT_DN,
    bindPassword: ROOT_PW,
    userBase: 'ou=people,dc=example,dc=com',
    groupBase: 'ou=groups,dc=example,dc=com',
    groupMap: { netadmins: 'netops', 'helpdesk-staff': 'helpdesk' },
    timeoutMs: 2000,
    ...extra,
  }) as LdapConfig;
}

const pap = (password: string) => ({ kind: 'password' as const, password });

describe.skipIf(!have)('LDAP backend against slapd', () => {
  let slapd: SlapdPeer;
  let ldap: LdapBackend;
  const extra: LdapBackend[] = [];
  const make = (over: Record<string, unknown> = {}, url?: string): LdapBackend => {
    const b = new LdapBackend(ldapConfig(url ?? slapd.url, over));
    extra.push(b);
    return b;
  };

  beforeAll(async () => {
    slapd = await startSlapd();
    ldap = make();
    // Groups the fixture does not have, added live so slapd's memberof overlay fills carol's memberOf.
    const admin = new Client({ url: slapd.url });
    await admin.bind(ROOT_DN, ROOT_PW);
    await admin.add('cn=auditors,ou=groups,dc=example,dc=com', {
      objectClass: 'groupOfNames',
      cn: 'auditors',
      member: 'uid=carol,ou=people,dc=example,dc=com',
    });
    await admin.add('cn=ops-posix,ou=groups,dc=example,dc=com', {
      objectClass: 'posixGroup',
      cn: 'ops-posix',
      gidNumber: '5000',
      memberUid: 'dave',
    });
    await admin.unbind();
  });

  afterAll(async () => {
    await Promise.all(extra.map((b) => b.close()));
    await slapd?.stop();
  });

  it('carol (netadmins) logs in and maps to netops', async () => {
    const r = await ldap.authenticate('carol', pap('carol-pass'), 'login');
    expect(r.status).toBe('allow');
    expect(r.groups).toEqual(['netops']);
    expect(r.reasons.join('\n')).toMatch(
      /LDAP bind as uid=carol,ou=people,dc=example,dc=com succeeded in \d+ ms/,
    );
    expect(r.reasons.join('\n')).toMatch(/netadmins → netops; ignored: auditors/);
  });

  it('dave (helpdesk-staff) logs in and maps to helpdesk', async () => {
    const r = await ldap.authenticate('dave', pap('dave-pass'), 'login');
    expect(r).toMatchObject({ status: 'allow', groups: ['helpdesk'] });
  });

  it('a wrong password is denied with the LDAP result code', async () => {
    const r = await ldap.authenticate('carol', pap('nope'), 'login');
    expect(r.status).toBe('deny');
    expect(r.reasons.join('\n')).toMatch(
      /dir: LDAP bind as uid=carol,ou=people,dc=example,dc=com failed: invalid credentials \(49\) in \d+ ms/,
    );
  });

  it('an unknown user falls through', async () => {
    const r = await ldap.authenticate('mallory', pap('x'), 'login');
    expect(r.status).toBe('unknown-user');
    expect(r.reasons.join('\n')).toMatch(/no entry uid=mallory under ou=people/);
  });

  it('filter metacharacters in a username are data, not filter syntax', async () => {
    for (const name of ['*', 'car*', 'carol)(uid=*', '*)(|(uid=*']) {
      const r = await ldap.authenticate(name, pap('carol-pass'), 'login');
      expect(r.status, name).toBe('unknown-user');
    }
  });

  it('an empty password is refused (it would be an unauthenticated bind)', async () => {
    const r = await ldap.authenticate('carol', pap(''), 'login');
    expect(r.status).toBe('deny');
    expect(r.reasons.join('\n')).toMatch(/RFC 4513/);
  });

  it('CHAP and MS-CHAP are denied with the reason, unknown users still fall through', async () => {
    const chap = { kind: 'challenge' as const, method: 'CHAP' as const, verify: () => true };
    const r = await ldap.authenticate('carol', chap, 'login');
    expect(r.status).toBe('deny');
    expect(r.reasons.join('\n')).toContain(CHAP_NEEDS_CLEARTEXT);
    expect((await ldap.authenticate('mallory', chap, 'login')).status).toBe('unknown-user');
  });

  it('lookup finds groups with the service bind only', async () => {
    expect(await ldap.lookup('carol')).toMatchObject({ status: 'allow', groups: ['netops'] });
    expect((await ldap.lookup('nobody')).status).toBe('unknown-user');
  });

  it('groups from memberOf (memberof overlay)', async () => {
    const b = make({ groupBase: undefined, useMemberOf: true, groupMap: { auditors: 'helpdesk' } });
    const r = await b.authenticate('carol', pap('carol-pass'), 'login');
    expect(r).toMatchObject({ status: 'allow', groups: ['helpdesk'] });
  });

  it('groups from posixGroup/memberUid', async () => {
    const b = make({ groupObjectClass: 'posixGroup', groupMap: { 'ops-posix': 'netops' } });
    const r = await b.authenticate('dave', pap('dave-pass'), 'login');
    expect(r).toMatchObject({ status: 'allow', groups: ['netops'] });
    expect(r.reasons.join('\n')).toMatch(/posixGroup\/memberUid/);
  });

  it('without groupMap the directory group names are used as they are', async () => {
    const b = make({ groupMap: {} });
    expect((await b.authenticate('carol', pap('carol-pass'), 'login')).groups.slice().sort()).toEqual([
      'auditors',
      'netadmins',
    ]);
  });

  it('a wrong service password is an error that names the service DN, never the password', async () => {
    const b = make({ bindPassword: 'wrong-service-pw' });
    const r = await b.authenticate('carol', pap('carol-pass'), 'login');
    expect(r.status).toBe('error');
    const text = r.reasons.join('\n');
    expect(text).toMatch(
      /LDAP service bind as cn=admin,dc=example,dc=com failed: invalid credentials \(49\)/,
    );
    expect(text).not.toContain('wrong-service-pw');
  });

  it('many concurrent logins share a small pool', async () => {
    const b = make({ poolSize: 2 });
    const rs = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        b.authenticate(i % 2 ? 'carol' : 'dave', pap(i % 2 ? 'carol-pass' : 'dave-pass'), 'login'),
      ),
    );
    expect(rs.every((r) => r.status === 'allow')).toBe(true);
  });

  it('testBackend reports allow, groups, timing and every step', async () => {
    const t = await testBackend(ldap, 'carol', 'carol-pass');
    expect(t).toMatchObject({
      backend: 'dir',
      type: 'ldap',
      allow: true,
      status: 'allow',
      groups: ['netops'],
    });
    expect(t.steps.length).toBeGreaterThanOrEqual(3);
    expect(t.ms).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(t)).not.toContain('carol-pass');
  });
});

describe.skipIf(!have)('LDAP backend when the directory is down or slow', () => {
  it('a closed port is a fast error with the reason', async () => {
    const port = await freePort();
    const b = new LdapBackend(ldapConfig(`ldap://127.0.0.1:${port}`));
    const r = await b.authenticate('carol', pap('carol-pass'), 'login');
    await b.close();
    expect(r.status).toBe('error');
    expect(r.reasons.join('\n')).toMatch(
      new RegExp(`LDAP server ldap://127.0.0.1:${port} unreachable: connect ECONNREFUSED in \\d+ ms`),
    );
    expect(r.ms).toBeLessThan(500);
  });

  it('a server that accepts but never answers times out at timeoutMs', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((res) => silent.listen(0, '127.0.0.1', res));
    const port = (silent.address() as { port: number }).port;
    const b = new LdapBackend(ldapConfig(`ldap://127.0.0.1:${port}`, { timeoutMs: 300 }));
    const r = await b.authenticate('carol', pap('carol-pass'), 'login');
    await b.close();
    sockets.forEach((s) => s.destroy());
    silent.close();
    expect(r.status).toBe('error');
    expect(r.reasons.join('\n')).toMatch(/timed out during service bind: no answer within 300 ms/);
    expect(r.ms).toBeGreaterThanOrEqual(290);
    expect(r.ms).toBeLessThan(1000);
  });

  it('recovers when the directory comes back', async () => {
    const port = await freePort();
    const b = new LdapBackend(ldapConfig(`ldap://127.0.0.1:${port}`));
    let slapd = await startSlapd({ port });
    expect((await b.authenticate('carol', pap('carol-pass'), 'login')).status).toBe('allow');
    await slapd.stop();
    expect((await b.authenticate('carol', pap('carol-pass'), 'login')).status).toBe('error');
    slapd = await startSlapd({ port });
    try {
      expect((await b.authenticate('carol', pap('carol-pass'), 'login')).status).toBe('allow');
    } finally {
      await b.close();
      await slapd.stop();
    }
  });
});
