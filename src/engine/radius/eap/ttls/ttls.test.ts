import { describe, expect, it } from 'vitest';
import { allow, drive, testContext } from '../../../../../test/support/eap-method-driver';
import { fixtureEapTls, fixtureTls } from '../../../../../test/support/lab-tls';
import { PeapInnerPeer } from '../../../../../test/support/peap-peer';
import { TlsPeer } from '../../../../../test/support/tls-peer';
import { ttlsAvps, type TtlsInner } from '../../../../../test/support/ttls-peer';
import type { Credentials } from '../../../backends/types';
import { deny } from '../../../policy/decision';
import { innerTree } from '../method';
import { exportWithoutContext } from '../tls-tunnel/keys';
import { decodeAvps, encodeAvps } from './avp';
import { TtlsSession } from './ttls';

const passwords: Record<string, string> = { bob: 'bob-pass' };

function localPolicy(user: string, c: Credentials) {
  const pw = passwords[user];
  const ok = pw !== undefined && (c.kind === 'password' ? c.password === pw : c.verify(pw));
  return Promise.resolve(
    ok ? allow(user, [`local user ${user}: password matches`]) : deny([`local user ${user}: wrong password`]),
  );
}

function setup(version: 'TLSv1.2' | 'TLSv1.3', policy = localPolicy) {
  const ctx = testContext(fixtureEapTls(), { authenticate: policy });
  const session = new TtlsSession(ctx);
  const peer = new TlsPeer({
    ca: fixtureTls('ca.pem'),
    checkServerIdentity: () => undefined,
    minVersion: version,
    maxVersion: version,
  });
  return { ctx, session, peer };
}

describe('EAP-TTLS', () => {
  for (const version of ['TLSv1.2', 'TLSv1.3'] as const)
    for (const inner of ['pap', 'chap', 'mschap', 'mschapv2'] as const satisfies readonly TtlsInner[]) {
      it(`authenticates bob by ${inner} over ${version}`, async () => {
        const { ctx, session, peer } = setup(version);
        let expected: string | undefined;
        let gotSuccess = '';
        peer.onSecure = () => {
          const m = ttlsAvps(peer.socket, inner, 'bob', 'bob-pass');
          expected = m.expected;
          return m.bytes;
        };
        peer.onApp = (d) => {
          gotSuccess = decodeAvps(d)[0]!.data.subarray(1).toString();
          return undefined;
        };
        const { end } = await drive(session, peer);
        expect(end.kind).toBe('success');
        expect(end.decision.reasons.join(' → ')).toMatch(
          new RegExp(
            `outer identity anonymous → inner ${inner === 'mschap' ? 'MS-CHAP' : inner === 'mschapv2' ? 'MS-CHAPv2' : inner.toUpperCase()} for bob → local user bob`,
          ),
        );
        if (expected) expect(gotSuccess).toBe(expected);
        const want =
          version === 'TLSv1.3'
            ? peer.socket.exportKeyingMaterial(128, 'EXPORTER_EAP_TLS_Key_Material', Buffer.of(21))
            : exportWithoutContext(peer.socket, 128, 'ttls keying material');
        expect(end.kind === 'success' && end.msk?.equals(want.subarray(0, 64))).toBe(true);
        expect(ctx.inners[0]!.summary).toMatch(/^TTLS AVPs: User-Name, /);
        peer.close();
      });
    }

  it('refuses a wrong PAP password and hands the cleartext to any backend', async () => {
    const seen: string[] = [];
    const { session, peer } = setup('TLSv1.2', (user, c) => {
      if (c.kind === 'password') seen.push(c.password);
      return localPolicy(user, c);
    });
    peer.onSecure = () => ttlsAvps(peer.socket, 'pap', 'bob', 'nope').bytes;
    const { end } = await drive(session, peer);
    expect(end.kind).toBe('failure');
    expect(seen).toEqual(['nope']);
    expect(end.decision.reasons.at(-1)).toBe('local user bob: wrong password');
  });

  it('refuses a CHAP challenge that was not derived from the tunnel', async () => {
    const { session, peer } = setup('TLSv1.3');
    peer.onSecure = () =>
      encodeAvps([
        { code: 1, mandatory: true, data: Buffer.from('bob') },
        { code: 60, mandatory: true, data: Buffer.alloc(16, 7) },
        { code: 3, mandatory: true, data: Buffer.alloc(17) },
      ]);
    const { end } = await drive(session, peer);
    expect(end.decision.reasons[0]).toMatch(/not the one derived from this tunnel/);
  });

  it('runs EAP-MSCHAPv2 inside TTLS through EAP-Message AVPs', async () => {
    const { ctx, session, peer } = setup('TLSv1.2');
    const inner = new PeapInnerPeer('bob', 'bob-pass');
    let id = 0;
    const wrap = (typeData: Buffer) => {
      const pkt = Buffer.concat([Buffer.of(2, id, 0, 0), typeData]);
      pkt.writeUInt16BE(pkt.length, 2);
      return encodeAvps([{ code: 79, mandatory: true, data: pkt }]);
    };
    peer.onSecure = () => wrap(Buffer.from('\x01bob'));
    peer.onApp = (d) => {
      const pkt = decodeAvps(d)[0]!.data;
      id = pkt[1]!;
      const reply = inner.answer(pkt.subarray(4));
      return reply ? wrap(reply) : undefined;
    };
    const { end } = await drive(session, peer);
    expect(end.kind).toBe('success');
    expect(inner.serverProven).toBe(true);
    const response = ctx.inners.find((m) => /Response \(user bob\)/.test(m.summary))!;
    const nt = innerTree(response, response.bytes)[0]!.children!.find((f) => f.label === 'NT-Response')!;
    expect(nt).toMatchObject({ secret: true, length: 24 });
    expect(response.bytes.subarray(nt.offset, nt.offset + 24)).toHaveLength(24);
  });
});
