import { describe, expect, it } from 'vitest';
import { allow, drive, testContext } from '../../../../../test/support/eap-method-driver';
import { fixtureEapTls, fixtureTls } from '../../../../../test/support/lab-tls';
import { PeapInnerPeer } from '../../../../../test/support/peap-peer';
import { TlsPeer } from '../../../../../test/support/tls-peer';
import type { Credentials } from '../../../backends/types';
import { deny } from '../../../policy/decision';
import type { EapPolicy, EapTlsSettings } from '../method';
import { exportWithoutContext } from '../tls-tunnel/keys';
import { PeapSession } from './peap';

/**
 * PEAP fast reconnect: a re-authentication that resumes a TLS session in which EAP-MSCHAPv2
 * succeeded goes straight to the Result TLV; the user is authorized again by name.
 */
const authenticate = (user: string, c: Credentials) =>
  Promise.resolve(
    user === 'alice' && c.kind === 'challenge' && c.verify('alice-pass')
      ? allow(user, [`local user ${user}: password matches`])
      : deny([`local user ${user}: wrong password`]),
  );
const authorizeIdentity = (user: string) => Promise.resolve(allow(user, [`user ${user} in the lab`]));

/** One PEAP authentication as `user`, resuming `session` if given; the peer's next session too. */
async function authenticateOnce(
  settings: EapTlsSettings,
  version: 'TLSv1.2' | 'TLSv1.3',
  opts: { password?: string; session?: Buffer; policy?: Partial<EapPolicy> } = {},
) {
  const ctx = testContext(settings, { authenticate, authorizeIdentity, ...opts.policy });
  const peer = new TlsPeer({
    ca: fixtureTls('ca.pem'),
    checkServerIdentity: () => undefined,
    minVersion: version,
    maxVersion: version,
    session: opts.session,
  });
  let next: Buffer | undefined;
  peer.socket.on('session', (s: Buffer) => (next = s));
  peer.onApp = new PeapInnerPeer('alice', opts.password ?? 'alice-pass').answer;
  const { end } = await drive(new PeapSession(ctx), peer);
  const want =
    version === 'TLSv1.3'
      ? peer.socket.exportKeyingMaterial(128, 'EXPORTER_EAP_TLS_Key_Material', Buffer.of(25))
      : exportWithoutContext(peer.socket, 128, 'client EAP encryption');
  const resumed = peer.socket.isSessionReused();
  peer.close();
  return { end, inners: ctx.inners.map((m) => `${m.direction} ${m.summary}`), next, resumed, want };
}

describe('PEAP fast reconnect', () => {
  for (const version of ['TLSv1.2', 'TLSv1.3'] as const)
    it(`skips the inner method on a resumed ${version} session, with a fresh MSK`, async () => {
      const settings = fixtureEapTls();
      const first = await authenticateOnce(settings, version);
      expect(first.end.kind).toBe('success');
      expect(first.inners).toHaveLength(8);
      const again = await authenticateOnce(settings, version, { session: first.next });
      expect(again.resumed).toBe(true);
      expect(again.end.kind).toBe('success');
      expect(again.inners).toEqual([
        'out EAP-TLV Request Result Success',
        'in EAP-TLV Response Result Success',
      ]);
      expect(again.end.decision.reasons.join(' → ')).toMatch(
        /\(resumed session\) → outer identity anonymous → fast reconnect: the resumed TLS session authenticated alice by EAP-MSCHAPv2 \d+ s ago, inner method skipped → user alice in the lab$/,
      );
      expect(again.end.kind === 'success' && again.end.msk?.equals(again.want.subarray(0, 64))).toBe(true);
      expect(again.end.kind === 'success' && again.end.msk?.equals(first.want.subarray(0, 64))).toBe(false);
    });

  it('answers Result TLV Failure when the user is no longer authorized', async () => {
    const settings = fixtureEapTls();
    const first = await authenticateOnce(settings, 'TLSv1.2');
    const gone = () => Promise.resolve(deny(['user alice is not in the lab']));
    const again = await authenticateOnce(settings, 'TLSv1.2', {
      session: first.next,
      policy: { authorizeIdentity: gone },
    });
    expect(again.resumed).toBe(true);
    expect(again.end.kind).toBe('failure');
    expect(again.inners).toEqual([
      'out EAP-TLV Request Result Failure',
      'in EAP-TLV Response Result Failure',
    ]);
    expect(again.end.decision.reasons.at(-1)).toBe('user alice is not in the lab');
  });

  it('runs the inner method when the resumed session never authenticated anyone', async () => {
    const settings = fixtureEapTls();
    const failed = await authenticateOnce(settings, 'TLSv1.2', { password: 'wrong' });
    expect(failed.end.kind).toBe('failure');
    const again = await authenticateOnce(settings, 'TLSv1.2', { session: failed.next });
    expect(again.resumed).toBe(true);
    expect(again.end.kind).toBe('success');
    expect(again.inners).toHaveLength(8);
  });

  it('runs the inner method on every resumed session with fastReconnect off', async () => {
    const settings = fixtureEapTls({ fastReconnect: false });
    const first = await authenticateOnce(settings, 'TLSv1.2');
    const again = await authenticateOnce(settings, 'TLSv1.2', { session: first.next });
    expect(again.resumed).toBe(true);
    expect(again.end.kind).toBe('success');
    expect(again.inners).toHaveLength(8);
    expect(again.end.decision.reasons.join(' → ')).toContain('inner EAP-MSCHAPv2 for alice');
  });
});
