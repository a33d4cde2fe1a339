import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureEapTls, fixtureTls } from '../../../../../test/support/lab-tls';
import { TlsPeer } from '../../../../../test/support/tls-peer';
import { decodeTlsTypeData } from './fragments';
import { summarizeTls } from './tls-summary';
import { TlsTunnel } from './tunnel';

/** The server's first flight to a real Node TLS client, and the client's hello. */
async function firstFlight(version: 'TLSv1.2' | 'TLSv1.3') {
  const tunnel = new TlsTunnel({
    method: 'peap',
    settings: fixtureEapTls({ fragmentSize: 100_000 }),
    requestCert: false,
  });
  // One EAP message each way (the hello is taken whole below): a TLS 1.3 hello with OpenSSL 3.5's
  // hybrid key share (Node 22) is larger than the peer's default fragment.
  const peer = new TlsPeer(
    {
      ca: fixtureTls('ca.pem'),
      checkServerIdentity: () => undefined,
      minVersion: version,
      maxVersion: version,
    },
    100_000,
  );
  const hello = decodeTlsTypeData(await peer.respond(tunnel.start())).data;
  await tunnel.receive(Buffer.concat([Buffer.of(0), hello]));
  const flight = decodeTlsTypeData(tunnel.flush()!.typeData).data;
  tunnel.close();
  peer.close();
  return { hello, flight };
}

describe('TLS summary for the trace', () => {
  it('names the TLS 1.2 version, cipher suite and server certificate subject', async () => {
    const { hello, flight } = await firstFlight('TLSv1.2');
    expect(summarizeTls(hello).summary).toMatch(/^ClientHello TLS 1\.2, \d+ cipher suites$/);
    const s = summarizeTls(flight).summary;
    expect(s).toMatch(
      /^ServerHello TLS 1\.2 TLS_ECDHE_\w+, Certificate \[CN=[^\]]+\], ServerKeyExchange, ServerHelloDone$/,
    );
  });

  it('reads TLS 1.3 from supported_versions and calls the rest encrypted', async () => {
    const { flight } = await firstFlight('TLSv1.3');
    expect(summarizeTls(flight).summary).toMatch(
      /^ServerHello TLS 1\.3 TLS_AES_\w+, ChangeCipherSpec, encrypted data/,
    );
  });

  it('marks a record cut by EAP fragmentation and a fragment that starts mid-record', async () => {
    const { flight } = await firstFlight('TLSv1.2');
    const head = summarizeTls(flight.subarray(0, 300));
    expect(JSON.stringify(head.fields)).toMatch(/continues in the next fragment/);
    expect(summarizeTls(flight.subarray(300), 300).fields[0]).toMatchObject({
      label: 'TLS data',
      offset: 300,
    });
  });

  it('names an alert', () => {
    expect(summarizeTls(Buffer.from('15030300020230', 'hex')).summary).toBe('Alert fatal unknown_ca');
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (a) => {
        const withHeader = Buffer.concat([Buffer.of(22, 3, 3, a.length >> 8, a.length & 255), a]);
        expect(typeof summarizeTls(withHeader).summary).toBe('string');
        expect(typeof summarizeTls(a).summary).toBe('string');
      }),
      { seed: 8446, numRuns: 3000 },
    );
  });
});
