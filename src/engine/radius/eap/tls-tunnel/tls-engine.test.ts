import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { fixtureTls } from '../../../../../test/support/lab-tls';
import { TlsEngine } from './tls-engine';

function serverEngine(chainCopies = 0, maxVersion: tls.SecureVersion = 'TLSv1.2'): TlsEngine {
  const cert = Buffer.concat([
    fixtureTls('server.pem'),
    ...Array.from({ length: chainCopies }, () => fixtureTls('ca.pem')),
  ]);
  const secureContext = tls.createSecureContext({ cert, key: fixtureTls('server.key'), maxVersion });
  return new TlsEngine({ secureContext, requestCert: false });
}

function clientEngine(): TlsEngine {
  return new TlsEngine({ client: { ca: fixtureTls('ca.pem'), checkServerIdentity: () => undefined } });
}

async function clientHello(client: TlsEngine): Promise<Buffer> {
  await client.feed(Buffer.alloc(0));
  return client.takeOutput();
}

/** The handshake message types in a run of TLS records (plaintext handshake records only). */
function handshakeTypes(bytes: Buffer): number[] {
  const body: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    const len = bytes.readUInt16BE(at + 3);
    if (bytes[at] === 22) body.push(bytes.subarray(at + 5, at + 5 + len));
    at += 5 + len;
  }
  expect(at).toBe(bytes.length); // whole records only
  const hs = Buffer.concat(body);
  const types: number[] = [];
  for (let i = 0; i < hs.length; i += 4 + hs.readUIntBE(i + 1, 3)) types.push(hs[i]!);
  return types;
}

describe('TlsEngine', () => {
  it('answers a flight Node hands over in one write without waiting for an event-loop turn', async () => {
    const server = serverEngine();
    const client = clientEngine();
    const hello = await clientHello(client);
    let turned = false;
    setImmediate(() => (turned = true));
    await server.feed(hello);
    expect(turned).toBe(false);
    expect(handshakeTypes(server.takeOutput())).toEqual([2, 11, 12, 14]);
    server.close();
    client.close();
  });

  it('answers a ClientHello fed the moment the engine exists (before Node starts reading)', async () => {
    const client = clientEngine();
    const hello = await clientHello(client);
    const server = serverEngine();
    await server.feed(hello);
    expect(handshakeTypes(server.takeOutput())).toEqual([2, 11, 12, 14]);
    server.close();
    client.close();
  });

  it('collects a flight that Node hands over in several writes (a certificate chain of ~200 kB)', async () => {
    // TLSWrap writes at most ten of its output buffers at a time (4 kB, then 16 kB each): ~150 kB.
    const server = serverEngine(500);
    const client = clientEngine();
    await server.feed(await clientHello(client));
    const flight = server.takeOutput();
    expect(flight.length).toBeGreaterThan(180_000);
    // ServerHello, Certificate, ServerKeyExchange, ServerHelloDone: nothing left behind.
    expect(handshakeTypes(flight)).toEqual([2, 11, 12, 14]);
    server.close();
    client.close();
  });

  for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
    it(`completes a ${version} handshake fed back to back, then carries 300 kB of application data`, async () => {
      const server = serverEngine(0, version);
      const client = clientEngine();
      // No event-loop turn between the flights: each input meets the previous write still in flight.
      let toServer = await clientHello(client);
      for (let i = 0; i < 4 && !(server.handshakeDone && client.handshakeDone); i++) {
        await server.feed(toServer);
        await client.feed(server.takeOutput());
        toServer = client.takeOutput();
      }
      if (toServer.length) await server.feed(toServer);
      expect([server.handshakeDone, client.handshakeDone, server.error, client.error]).toEqual([
        true,
        true,
        undefined,
        undefined,
      ]);
      const big = Buffer.alloc(300_000, 7);
      await server.write(big);
      await client.feed(server.takeOutput());
      expect(Buffer.concat(client.takeAppData()).equals(big)).toBe(true);
      server.close();
      client.close();
    });
  }
});
