import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LdapBackend } from '../../src/engine/backends/ldap';
import type { LdapConfig } from '../../src/engine/backends/ldap-directory';
import { backend as backendSchema } from '../../src/engine/config/schema';
import { ROOT_DN, ROOT_PW, slapdAvailable, startSlapd, TLS_DIR, type SlapdPeer } from '../peers/slapd';

const pap = (password: string) => ({ kind: 'password' as const, password });

// LDAPS and StartTLS against slapd serving the shared test CA's server certificate.
describe.skipIf(!slapdAvailable())('LDAP over TLS against slapd', () => {
  let slapd: SlapdPeer;
  const made: LdapBackend[] = [];
  const ca = readFileSync(join(TLS_DIR, 'ca.pem'));
  const make = (url: string, extra: Record<string, unknown>, trust?: Buffer) => {
    const cfg = backendSchema.parse({
      type: 'ldap',
      name: 'dir-tls',
      url,
      bindDN: ROOT_DN,
      bindPassword: ROOT_PW,
      userBase: 'ou=people,dc=example,dc=com',
      groupBase: 'ou=groups,dc=example,dc=com',
      groupMap: { netadmins: 'netops' },
      timeoutMs: 3000,
      ...extra,
    }) as LdapConfig;
    const b = new LdapBackend(cfg, { ca: trust });
    made.push(b);
    return b;
  };

  beforeAll(async () => {
    slapd = await startSlapd({ tls: true });
  });

  afterAll(async () => {
    await Promise.all(made.map((b) => b.close()));
    await slapd?.stop();
  });

  it('authenticates over LDAPS with the lab CA', async () => {
    const r = await make(slapd.ldapsUrl!, {}, ca).authenticate('carol', pap('carol-pass'), 'login');
    expect(r).toMatchObject({ status: 'allow', groups: ['netops'] });
  });

  it('authenticates after StartTLS on the plain port, and refuses a wrong password there', async () => {
    const b = make(slapd.url, { startTls: true }, ca);
    const ok = await b.authenticate('carol', pap('carol-pass'), 'login');
    expect(ok.status, ok.reasons.join(' ')).toBe('allow');
    const wrong = await b.authenticate('carol', pap('nope'), 'login');
    expect(wrong.status).toBe('deny');
    expect(wrong.reasons.join(' ')).toMatch(/invalid credentials \(49\)/);
  });

  it('refuses a directory whose certificate it cannot verify, and says why', async () => {
    const r = await make(slapd.ldapsUrl!, {}).authenticate('carol', pap('carol-pass'), 'login');
    expect(r.status).toBe('error');
    expect(r.reasons.join(' '), r.reasons.join(' ')).toMatch(/certificate/i);
  });
});
