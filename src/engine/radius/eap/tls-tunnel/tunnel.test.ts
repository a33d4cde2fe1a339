import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureEapTls, fixtureTls } from '../../../../../test/support/lab-tls';
import { TlsPeer } from '../../../../../test/support/tls-peer';
import { exportWithoutContext } from './keys';
import { TlsTunnel } from './tunnel';

type Version = 'TLSv1.2' | 'TLSv1.3';

function peerFor(version: Version, fragmentSize: number, withCert = true): TlsPeer {
  return new TlsPeer(
    {
      ca: fixtureTls('ca.pem'),
      cert: withCert ? fixtureTls('client.pem') : undefined,
      key: withCert ? fixtureTls('client.key') : undefined,
      checkServerIdentity: () => undefined,
      minVersion: version,
      maxVersion: version,
    },
    fragmentSize,
  );
}

/** Runs the handshake to the point where the peer's last message has been fed to TLS. */
async function handshake(tunnel: TlsTunnel, peer: TlsPeer): Promise<{ rounds: number }> {
  let request = tunnel.start();
  for (let rounds = 1; rounds < 5000; rounds++) {
    const response = await peer.respond(request);
    const ev = await tunnel.receive(response);
    if (ev.kind === 'failed') throw new Error(ev.reason);
    if (ev.kind === 'send') request = ev.typeData;
    else if (ev.kind === 'acked') return { rounds };
    else request = tunnel.flush()?.typeData ?? tunnel.empty();
  }
  throw new Error('handshake did not finish in 5000 rounds');
}

describe('TlsTunnel', () => {
  for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
    it(`completes a ${version} handshake and exports the same MSK as the client`, async () => {
      const tunnel = new TlsTunnel({ method: 'tls', settings: fixtureEapTls(), requestCert: true });
      const peer = peerFor(version, 1020);
      await handshake(tunnel, peer);
      expect(tunnel.protocol).toBe(version);
      const keys = tunnel.keys();
      expect(keys.msk).toHaveLength(64);
      const clientKm =
        version === 'TLSv1.3'
          ? peer.socket.exportKeyingMaterial(128, 'EXPORTER_EAP_TLS_Key_Material', Buffer.of(13))
          : exportWithoutContext(peer.socket, 128, 'client EAP encryption');
      expect(keys.msk.equals(clientKm.subarray(0, 64))).toBe(true);
      tunnel.close();
      peer.close();
    });
  }

  it('uses "ttls keying material" for TTLS over TLS 1.2 and the PEAP type code over TLS 1.3', async () => {
    const ttls = new TlsTunnel({ method: 'ttls', settings: fixtureEapTls(), requestCert: false });
    const p1 = peerFor('TLSv1.2', 1020, false);
    await handshake(ttls, p1);
    expect(ttls.keys().msk.equals(exportWithoutContext(p1.socket, 64, 'ttls keying material'))).toBe(true);
    const peap = new TlsTunnel({ method: 'peap', settings: fixtureEapTls(), requestCert: false });
    const p2 = peerFor('TLSv1.3', 1020, false);
    await handshake(peap, p2);
    const want = p2.socket.exportKeyingMaterial(128, 'EXPORTER_EAP_TLS_Key_Material', Buffer.of(25));
    expect(peap.keys().msk.equals(want.subarray(0, 64))).toBe(true);
    for (const x of [ttls, peap, p1, p2]) x.close();
  });

  it('handshakes through fragments of any size both ways', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 8, max: 3000 }),
        fc.integer({ min: 8, max: 3000 }),
        fc.constantFrom<Version>('TLSv1.2', 'TLSv1.3'),
        async (ours, theirs, version) => {
          const tunnel = new TlsTunnel({
            method: 'tls',
            settings: fixtureEapTls({ fragmentSize: ours }),
            requestCert: true,
            limits: { maxRounds: 10_000 },
          });
          const peer = peerFor(version, theirs);
          try {
            await handshake(tunnel, peer);
            expect(tunnel.keys().msk).toHaveLength(64);
          } finally {
            tunnel.close();
            peer.close();
          }
        },
      ),
      { numRuns: 12, seed: 5216 },
    );
  });

  it('gives up after maxRounds responses', async () => {
    const tunnel = new TlsTunnel({
      method: 'tls',
      settings: fixtureEapTls({ fragmentSize: 64 }),
      requestCert: true,
      limits: { maxRounds: 5 },
    });
    await expect(handshake(tunnel, peerFor('TLSv1.2', 64))).rejects.toThrow(/more than 5 TLS rounds/);
    tunnel.close();
  });

  it('refuses a message announced over maxMessage', async () => {
    const tunnel = new TlsTunnel({
      method: 'tls',
      settings: fixtureEapTls(),
      requestCert: true,
      limits: { maxMessage: 1000 },
    });
    const head = Buffer.alloc(5 + 10);
    head[0] = 0xc0;
    head.writeUInt32BE(5000, 1);
    const ev = await tunnel.receive(head);
    expect(ev).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/5000 is over the limit of 1000/),
    });
    tunnel.close();
  });

  it('says the supplicant does not trust our certificate when it answers with alert unknown_ca', async () => {
    const tunnel = new TlsTunnel({ method: 'peap', settings: fixtureEapTls(), requestCert: false });
    const peer = peerFor('TLSv1.2', 1020, false);
    const serverFlight = await tunnel.receive(await peer.respond(tunnel.start()));
    expect(serverFlight.kind).toBe('message');
    expect(tunnel.flush()).toBeDefined();
    // What OpenSSL-based supplicants (wpa_supplicant, eapol_test) send when our CA is not theirs:
    // a fatal alert record, level 2, description 48 (RFC 5246 §7.2).
    const ev = await tunnel.receive(Buffer.from('00150303000202' + '30', 'hex'));
    expect(ev).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(
        /alert unknown_ca from the supplicant: the supplicant does not trust our server certificate/,
      ),
    });
    tunnel.close();
    peer.close();
  });
});
