import tls from 'node:tls';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allow, drive, testContext } from '../../../../../test/support/eap-method-driver';
import { fixturePath } from '../../../../../test/support/fixtures';
import { fixtureEapTls, fixtureTls } from '../../../../../test/support/lab-tls';
import { issueClient, makeCa } from '../../../../../test/support/test-pki';
import { TlsPeer } from '../../../../../test/support/tls-peer';
import { deny } from '../../../policy/decision';
import { exportWithoutContext } from '../tls-tunnel/keys';
import { EapTlsSession } from './eap-tls';

type Version = 'TLSv1.2' | 'TLSv1.3';

function supplicant(version: Version, cert?: Buffer, key?: Buffer): TlsPeer {
  return new TlsPeer({
    ca: fixtureTls('ca.pem'),
    cert,
    key,
    checkServerIdentity: () => undefined,
    minVersion: version,
    maxVersion: version,
  });
}

describe('EAP-TLS', () => {
  for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
    it(`authenticates lab-client by its certificate's CN over ${version}, MSK as the peer's`, async () => {
      const seen: string[] = [];
      const ctx = testContext(fixtureEapTls(), {
        authorizeIdentity: (identity, subject) => {
          seen.push(identity, subject);
          return Promise.resolve(allow(identity));
        },
      });
      const session = new EapTlsSession(ctx);
      const peer = supplicant(version, fixtureTls('client.pem'), fixtureTls('client.key'));
      const { end } = await drive(session, peer);
      expect(end.kind).toBe('success');
      expect(seen).toEqual(['lab-client', 'CN=lab-client']);
      expect(end.decision.reasons.join(' → ')).toMatch(
        new RegExp(
          `EAP-TLS over ${version} .* → client certificate CN=lab-client verified against the lab CA → identity lab-client from the certificate's CN`,
        ),
      );
      const want =
        version === 'TLSv1.3'
          ? peer.socket.exportKeyingMaterial(128, 'EXPORTER_EAP_TLS_Key_Material', Buffer.of(13))
          : exportWithoutContext(peer.socket, 128, 'client EAP encryption');
      expect(end.kind === 'success' && end.msk?.equals(want.subarray(0, 64))).toBe(true);
      session.close();
      peer.close();
    });
  }

  it('says the supplicant sent no certificate', async () => {
    const session = new EapTlsSession(testContext(fixtureEapTls(), {}));
    const { end } = await drive(session, supplicant('TLSv1.2'));
    expect(end).toMatchObject({ kind: 'failure' });
    expect(end.decision.reasons[0]).toMatch(/EAP-TLS: the supplicant sent no client certificate/);
  });

  it('names the foreign CA that signed an untrusted client certificate', async () => {
    const other = makeCa('Someone Else CA');
    const client = issueClient(other, 'mallory');
    const session = new EapTlsSession(testContext(fixtureEapTls(), {}));
    const { end } = await drive(session, supplicant('TLSv1.3', client.certPem, client.keyPem));
    expect(end.kind).toBe('failure');
    expect(end.decision.reasons[0]).toMatch(
      /client certificate CN=mallory is signed by CN=Someone Else CA, which is not the lab CA \(radius.eap.ca: CN=AAA Lab Test CA\)/,
    );
  });

  describe('a client certificate verified before', () => {
    afterEach(() => {
      vi.useRealTimers();
      vi.restoreAllMocks();
    });
    // One radius.eap.ca for all, as the server keeps the lab file's; a settings object each time.
    const settings = fixtureEapTls();
    const authenticate = async (cert: Buffer, key: Buffer) => {
      const ctx = testContext({ ...settings }, { authorizeIdentity: (id) => Promise.resolve(allow(id)) });
      const { end } = await drive(new EapTlsSession(ctx), supplicant('TLSv1.2', cert, key));
      return end;
    };

    it('is not parsed again, but checked for its dates again at each authentication', async () => {
      const parsed = vi.spyOn(tls.TLSSocket.prototype, 'getPeerX509Certificate');
      const first = await authenticate(fixtureTls('client.pem'), fixtureTls('client.key'));
      expect(first.kind).toBe('success');
      const before = parsed.mock.calls.length;
      const again = await authenticate(fixtureTls('client.pem'), fixtureTls('client.key'));
      expect(again.decision.reasons).toEqual(first.decision.reasons);
      expect(parsed.mock.calls.length).toBe(before);
      vi.useFakeTimers({ toFake: ['Date'], now: new Date('2100-01-01T00:00:00Z') });
      const late = await authenticate(fixtureTls('client.pem'), fixtureTls('client.key'));
      expect(late.kind).toBe('failure');
      expect(late.decision.reasons[0]).toMatch(/client certificate CN=lab-client expired on 2036-/);
    });

    it('vouches for no other certificate with the same name', async () => {
      expect((await authenticate(fixtureTls('client.pem'), fixtureTls('client.key'))).kind).toBe('success');
      const other = makeCa('AAA Lab Test CA');
      const twin = issueClient(other, 'lab-client');
      const end = await authenticate(twin.certPem, twin.keyPem);
      expect(end.kind).toBe('failure');
      expect(end.decision.reasons[0]).toMatch(
        /client certificate CN=lab-client is signed by CN=AAA Lab Test CA, which is not the lab CA/,
      );
    });
  });

  it('passes the policy refusal through with the certificate steps before it', async () => {
    const ctx = testContext(fixtureEapTls(), {
      authorizeIdentity: (identity) => Promise.resolve(deny([`user ${identity} is not in the lab`])),
    });
    const { end } = await drive(
      new EapTlsSession(ctx),
      supplicant('TLSv1.2', fixtureTls('client.pem'), fixtureTls('client.key')),
    );
    expect(end.kind).toBe('failure');
    expect(end.decision.reasons.at(-1)).toBe('user lab-client is not in the lab');
  });

  it('refuses to start without radius.eap cert and key', async () => {
    const step = await new EapTlsSession(testContext(undefined, {})).start();
    expect(step).toMatchObject({ kind: 'failure' });
  });

  it('reads the identity from a SAN when identityFromCertificate says so', async () => {
    const client = issueClient(
      { cert: fixturePath('tls/ca.pem'), key: fixturePath('tls/ca.key') },
      'device-42',
      'subjectAltName=email:carol@lab.example,otherName:1.3.6.1.4.1.311.20.2.3;UTF8:carol@corp.example\n',
    );
    for (const [from, want] of [
      ['san-email', 'carol@lab.example'],
      ['san-upn', 'carol@corp.example'],
    ] as const) {
      const seen: string[] = [];
      const ctx = testContext(fixtureEapTls({ identityFromCertificate: from }), {
        authorizeIdentity: (identity) => {
          seen.push(identity);
          return Promise.resolve(allow(identity));
        },
      });
      const { end } = await drive(
        new EapTlsSession(ctx),
        supplicant('TLSv1.3', client.certPem, client.keyPem),
      );
      expect(end.kind).toBe('success');
      expect(seen).toEqual([want]);
    }
  });

  for (const version of ['TLSv1.2', 'TLSv1.3'] as const)
    it(`resumes a ${version} session (ticket / PSK) and still names the certificate's user`, async () => {
      const base = fixtureEapTls();
      let ticket: Buffer | undefined;
      const reasons: string[] = [];
      for (let i = 0; i < 2; i++) {
        // A new settings object each time, as the server makes one per conversation.
        const ctx = testContext({ ...base }, { authorizeIdentity: (id) => Promise.resolve(allow(id)) });
        const peer = new TlsPeer({
          ca: fixtureTls('ca.pem'),
          cert: fixtureTls('client.pem'),
          key: fixtureTls('client.key'),
          checkServerIdentity: () => undefined,
          minVersion: version,
          maxVersion: version,
          session: ticket,
        });
        peer.socket.on('session', (s: Buffer) => (ticket = s));
        const { end } = await drive(new EapTlsSession(ctx), peer);
        expect(end.kind).toBe('success');
        reasons.push(end.decision.reasons.join(' → '));
        peer.close();
      }
      expect(reasons[0]).not.toContain('resumed');
      expect(reasons[1]).toMatch(
        /\(resumed session\) → client certificate CN=lab-client verified .* → identity lab-client/,
      );
    });
});
