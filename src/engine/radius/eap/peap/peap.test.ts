import { describe, expect, it } from 'vitest';
import { allow, drive, testContext } from '../../../../../test/support/eap-method-driver';
import { fixtureEapTls, fixtureTls } from '../../../../../test/support/lab-tls';
import { PeapInnerPeer } from '../../../../../test/support/peap-peer';
import { TlsPeer } from '../../../../../test/support/tls-peer';
import type { Credentials } from '../../../backends/types';
import { deny } from '../../../policy/decision';
import { CHAP_NEEDS_CLEARTEXT } from '../../../backends/ldap';
import { innerTree } from '../method';
import { exportWithoutContext } from '../tls-tunnel/keys';
import { MSCHAPV2_NEEDS_LOCAL } from './mschapv2-inner';
import { PeapSession } from './peap';

const passwords: Record<string, string> = { alice: 'alice-pass' };

/** A local-users-like policy: the cleartext is known, the backend runs `verify`. */
function localPolicy(user: string, c: Credentials) {
  const pw = passwords[user];
  const ok = pw !== undefined && c.kind === 'challenge' && c.verify(pw);
  return Promise.resolve(
    ok ? allow(user, [`local user ${user}: password matches`]) : deny([`local user ${user}: wrong password`]),
  );
}

function run(version: 'TLSv1.2' | 'TLSv1.3', inner: PeapInnerPeer, policy = localPolicy) {
  const ctx = testContext(fixtureEapTls(), { authenticate: policy });
  const session = new PeapSession(ctx);
  const peer = new TlsPeer({
    ca: fixtureTls('ca.pem'),
    checkServerIdentity: () => undefined,
    minVersion: version,
    maxVersion: version,
  });
  peer.onApp = inner.answer;
  return { ctx, session, peer, result: drive(session, peer) };
}

describe('PEAPv0 with EAP-MSCHAPv2', () => {
  it('makes no TLS session for its Start: a supplicant that NAKs PEAP costs none', async () => {
    const session = new PeapSession(testContext(fixtureEapTls(), { authenticate: localPolicy }));
    const tunnelOf = (s: PeapSession) => (s as unknown as { tunnel?: object }).tunnel;
    expect((await session.start()).kind).toBe('request');
    expect(tunnelOf(session)).toBeUndefined();
    session.close();
    const { session: used, result } = run('TLSv1.2', new PeapInnerPeer('alice', 'alice-pass'));
    expect((await result).end.kind).toBe('success');
    expect(tunnelOf(used)).toBeDefined();
  });

  for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
    it(`authenticates alice over ${version}; the peer verifies S= and the MSK matches`, async () => {
      const inner = new PeapInnerPeer('alice', 'alice-pass');
      const { ctx, peer, result } = run(version, inner);
      const { end } = await result;
      expect(end.kind).toBe('success');
      expect(inner.serverProven).toBe(true);
      expect(end.decision.reasons.join(' → ')).toMatch(
        /^PEAP over TLSv1\.[23] .* → outer identity anonymous → inner EAP-MSCHAPv2 for alice → local user alice: password matches$/,
      );
      const want =
        version === 'TLSv1.3'
          ? peer.socket.exportKeyingMaterial(128, 'EXPORTER_EAP_TLS_Key_Material', Buffer.of(25))
          : exportWithoutContext(peer.socket, 128, 'client EAP encryption');
      expect(end.kind === 'success' && end.msk?.equals(want.subarray(0, 64))).toBe(true);
      expect(ctx.inners.map((m) => `${m.direction} ${m.summary}`)).toEqual([
        'out inner EAP-Request/Identity',
        'in inner EAP-Response/Identity alice',
        'out EAP-MSCHAPv2 Challenge',
        'in EAP-MSCHAPv2 Response (user alice)',
        'out EAP-MSCHAPv2 Success',
        'in EAP-MSCHAPv2 Success',
        'out EAP-TLV Request Result Success',
        'in EAP-TLV Response Result Success',
      ]);
      const nt = innerTree(ctx.inners[3]!, ctx.inners[3]!.bytes).find((f) => f.label === 'NT-Response');
      expect(nt).toMatchObject({ secret: true, length: 24 });
      peer.close();
    });
  }

  it('refuses a wrong inner password with MS-CHAPv2 Failure and a failed Result TLV', async () => {
    const inner = new PeapInnerPeer('alice', 'not-her-password');
    const { end } = await run('TLSv1.2', inner).result;
    expect(end.kind).toBe('failure');
    expect(inner.failureSeen).toBe(true);
    expect(end.decision.reasons.at(-1)).toBe('local user alice: wrong password');
  });

  it('says why MS-CHAPv2 needs a local password when the backend is a directory', async () => {
    const ldapLike = () => Promise.resolve(deny([`ldap: ${CHAP_NEEDS_CLEARTEXT} (MS-CHAPv2 for carol)`]));
    const { end } = await run('TLSv1.2', new PeapInnerPeer('carol', 'x'), ldapLike).result;
    expect(end.kind).toBe('failure');
    expect(end.decision.reasons.at(-1)).toBe(MSCHAPV2_NEEDS_LOCAL);
  });

  it('fails when the supplicant answers the Result TLV with Failure', async () => {
    const { end } = await run('TLSv1.3', new PeapInnerPeer('alice', 'alice-pass', 2)).result;
    expect(end.kind).toBe('failure');
    expect(end.decision.reasons.at(-1)).toMatch(/answered the Result TLV with Failure/);
  });

  it('accepts a peer that sends its inner packets with the full EAP header', async () => {
    const inner = new PeapInnerPeer('alice', 'alice-pass');
    const whole = (m: Buffer): Buffer | undefined => {
      const r = inner.answer(m);
      if (!r || r[0] === 2) return r; // the EAP-TLV answer is already whole
      const head = Buffer.of(2, 9, 0, 0);
      head.writeUInt16BE(4 + r.length, 2);
      return Buffer.concat([head, r]);
    };
    const ctx = testContext(fixtureEapTls(), { authenticate: localPolicy });
    const peer = new TlsPeer({ ca: fixtureTls('ca.pem'), checkServerIdentity: () => undefined });
    peer.onApp = whole;
    const { end } = await drive(new PeapSession(ctx), peer);
    expect(end.kind).toBe('success');
    expect(inner.serverProven).toBe(true);
    peer.close();
  });
});
