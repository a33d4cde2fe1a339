import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEapClient, type EapClientOptions } from '../../src/engine/test-client/eap/supplicant';
import type { EapClientMethod } from '../../src/engine/test-client/eap/methods';
import { startFreeRadius, type FreeRadiusPeer } from '../peers/freeradius';
import { requirePeer } from '../peers/require-peer';

/** Our EAP test client against a real server: a private FreeRADIUS 3.2 with the fixture certificate. */
const TLS = '/work/shared/fixtures/tls';
const bin = requirePeer('freeradius', 'freeradius');

describe.skipIf(!bin)('EAP test client against FreeRADIUS 3.2', () => {
  let peer: FreeRadiusPeer;
  beforeAll(async () => {
    peer = await startFreeRadius(bin!, ['-X'], {
      cert: `${TLS}/server.pem`,
      key: `${TLS}/server.key`,
      ca: `${TLS}/ca.pem`,
    });
  }, 30_000);
  afterAll(async () => {
    await peer?.stop();
  });

  const run = (method: EapClientMethod, o: Partial<EapClientOptions> = {}) =>
    runEapClient({
      host: '127.0.0.1',
      port: peer.auth,
      secret: 'testing123',
      method,
      user: 'alice',
      password: 'alice-pass',
      tls: { ca: readFileSync(`${TLS}/ca.pem`), serverName: 'localhost' },
      timeoutMs: 5000,
      retries: 0,
      ...o,
    });

  for (const method of ['peap', 'ttls-pap', 'ttls-mschapv2', 'md5', 'gtc'] as const) {
    it(`${method}: alice accepted, a wrong password rejected`, async () => {
      const ok = await run(method);
      expect(ok.reason, peer.log().slice(-3000)).toBeUndefined();
      expect(ok.outcome).toBe('accept');
      if (method !== 'md5' && method !== 'gtc') expect(ok.mppe).toBe('match');
      const bad = await run(method, { password: 'wrong' });
      expect(bad.outcome).toBe('reject');
      expect(bad.reason).toMatch(/Access-Reject/);
    });
  }

  it('tls: lab-client with the fixture client certificate, MPPE keys match the MSK', async () => {
    const pem = (f: string) => readFileSync(`${TLS}/${f}`);
    const r = await run('tls', {
      user: 'lab-client',
      password: '',
      tls: { ca: pem('ca.pem'), serverName: 'localhost', cert: pem('client.pem'), key: pem('client.key') },
    });
    expect(r.reason, peer.log().slice(-3000)).toBeUndefined();
    expect(r.mppe).toBe('match');
  });

  it('an untrusted server certificate is reported before any credential is sent', async () => {
    const r = await run('peap', { tls: { ca: readFileSync(`${TLS}/client.pem`) } });
    expect(r.outcome).toBe('failure');
    expect(r.reason).toMatch(/untrusted server certificate/);
  });
});
