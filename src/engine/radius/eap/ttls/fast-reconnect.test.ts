import { describe, expect, it } from 'vitest';
import { allow, drive, testContext } from '../../../../../test/support/eap-method-driver';
import { fixtureEapTls, fixtureTls } from '../../../../../test/support/lab-tls';
import { TlsPeer } from '../../../../../test/support/tls-peer';
import { ttlsAvps } from '../../../../../test/support/ttls-peer';
import type { Credentials } from '../../../backends/types';
import { deny } from '../../../policy/decision';
import type { EapTlsSettings } from '../method';
import { exportWithoutContext } from '../tls-tunnel/keys';
import { TtlsSession } from './ttls';

/**
 * TTLS on a resumed session: the peer skips its inner authentication (RFC 5281 §7.3, as
 * wpa_supplicant does), and the server ends with EAP-Success if the session authenticated someone.
 */
const authenticate = (user: string, c: Credentials) =>
  Promise.resolve(
    c.kind === 'password' && user === 'bob' && c.password === 'bob-pass'
      ? allow(user, ['local user bob: password matches'])
      : deny([`local user ${user}: wrong password`]),
  );
const authorizeIdentity = (user: string) => Promise.resolve(allow(user, [`user ${user} in the lab`]));

async function once(settings: EapTlsSettings, password: string, session?: Buffer) {
  const ctx = testContext(settings, { authenticate, authorizeIdentity });
  const peer = new TlsPeer({
    ca: fixtureTls('ca.pem'),
    checkServerIdentity: () => undefined,
    maxVersion: 'TLSv1.2',
    session,
  });
  let next: Buffer | undefined;
  peer.socket.on('session', (s: Buffer) => (next = s));
  // Like wpa_supplicant: no AVPs at all when the handshake resumed a session.
  peer.onSecure = () =>
    peer.socket.isSessionReused() ? undefined : ttlsAvps(peer.socket, 'pap', 'bob', password).bytes;
  const { end } = await drive(new TtlsSession(ctx), peer);
  const msk = exportWithoutContext(peer.socket, 64, 'ttls keying material');
  const resumed = peer.socket.isSessionReused();
  peer.close();
  return { end, next, resumed, msk, inners: ctx.inners.length };
}

describe('EAP-TTLS fast reconnect', () => {
  it('ends a resumed session with EAP-Success for the user it authenticated, with a fresh MSK', async () => {
    const settings = fixtureEapTls();
    const first = await once(settings, 'bob-pass');
    expect(first.end.kind).toBe('success');
    const again = await once(settings, 'bob-pass', first.next);
    expect(again.resumed).toBe(true);
    expect(again.inners).toBe(0);
    expect(again.end.kind).toBe('success');
    expect(again.end.decision.reasons.join(' → ')).toMatch(
      /\(resumed session\) → outer identity anonymous → fast reconnect: the resumed TLS session authenticated bob by inner PAP \d+ s ago, inner method skipped → user bob in the lab$/,
    );
    expect(again.end.kind === 'success' && again.end.msk?.equals(again.msk)).toBe(true);
  });

  it('refuses a resumed session in which no inner authentication succeeded, and says why', async () => {
    const settings = fixtureEapTls();
    const failed = await once(settings, 'wrong');
    expect(failed.end.kind).toBe('failure');
    const again = await once(settings, 'bob-pass', failed.next);
    expect(again.resumed).toBe(true);
    expect(again.end.kind).toBe('failure');
    expect(again.end.decision.reasons.at(-1)).toMatch(
      /resumed a TLS session in which no inner authentication succeeded here/,
    );
  });
});
