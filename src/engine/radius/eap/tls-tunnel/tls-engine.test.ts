import { constants } from 'node:crypto';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { fixtureTls } from '../../../../../test/support/lab-tls';
import { TlsSessionCache } from './session-cache';
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

/** A server and a client engine with the handshake done, fed back to back (no turn between flights). */
async function connected(version: tls.SecureVersion): Promise<{ server: TlsEngine; client: TlsEngine }> {
  const server = serverEngine(0, version);
  const client = clientEngine();
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
  return { server, client };
}

/** Node's stream wrapper completes a write that has reached the wire a turn or two later. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** What the client decrypts from everything the server has to send now. */
async function received(server: TlsEngine, client: TlsEngine): Promise<Buffer> {
  await client.feed(server.takeOutput());
  return Buffer.concat(client.takeAppData());
}

describe('TlsEngine', () => {
  // The tunnel is made by the peer's first response, so in the server every ClientHello meets an
  // engine made that moment; one made earlier (idle for a while) must take no turn either.
  for (const made of ['earlier', 'when the ClientHello arrives'] as const)
    it(`answers a flight Node hands over in one write without an event-loop turn (engine made ${made})`, async () => {
      const early = made === 'earlier' ? serverEngine() : undefined;
      const client = clientEngine();
      const hello = await clientHello(client);
      const server = early ?? serverEngine();
      let turned = false;
      setImmediate(() => (turned = true));
      await server.feed(hello);
      expect(turned).toBe(false);
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
    it(`${version}: a write OpenSSL must hold back (handshake unfinished) returns only once it is out`, async () => {
      const server = serverEngine(0, version);
      const client = clientEngine();
      await server.feed(await clientHello(client));
      await client.feed(server.takeOutput());
      const finished = client.takeOutput();
      await turns(3);
      // The server's flight is out and the wire idle, but SSL_write cannot encrypt before the
      // client's Finished: nothing reaches the wire, and write must not return as if it had.
      let done = false;
      const write = server.write(Buffer.from('early')).then(() => (done = true));
      await turns(3);
      expect(done).toBe(false);
      await server.feed(finished);
      await write;
      expect((await received(server, client)).toString()).toBe('early');
      server.close();
      client.close();
    });

    it(`completes a ${version} handshake fed back to back, then carries 300 kB of application data`, async () => {
      // No event-loop turn between the flights: each input meets the previous write still in flight.
      const { server, client } = await connected(version);
      const big = Buffer.alloc(300_000, 7);
      await server.write(big);
      expect((await received(server, client)).equals(big)).toBe(true);
      server.close();
      client.close();
    });

    it(`${version}: write returns only once all its records are out, without a turn when they go at once`, async () => {
      const { server, client } = await connected(version);
      // Let the handshake's last write complete, so the first write meets an idle wire.
      await turns(3);
      // An inner message goes out in one write to the wire: no turn. Past ten of TLSWrap's output
      // buffers (~150 kB) it takes several, and write must wait for them all.
      for (const size of [60, 1, 16_384, 16_385, 100_000, 160_000, 300_000]) {
        const data = Buffer.alloc(size, size & 0xff);
        let turned = false;
        setImmediate(() => (turned = true));
        await server.write(data);
        if (size < 100_000) expect({ size, turned }).toEqual({ size, turned: false });
        expect((await received(server, client)).equals(data)).toBe(true);
        await turns(3); // as between two RADIUS rounds: the write in flight completes
      }
      // Back to back, no turn between: the second write meets the first still in flight.
      await server.write(Buffer.from('first '));
      await server.write(Buffer.from('second'));
      expect((await received(server, client)).toString()).toBe('first second');
      // A write and then the peer's answer fed at once: both sides still see everything.
      await server.write(Buffer.from('ping'));
      expect((await received(server, client)).toString()).toBe('ping');
      await client.write(Buffer.from('pong'));
      await server.feed(client.takeOutput());
      expect(Buffer.concat(server.takeAppData()).toString()).toBe('pong');
      server.close();
      client.close();
    });
  }

  it('answers a ClientHello whose handshake waits on a later turn (resumeSession answered late)', async () => {
    // Node 24 (Electron's runtime) always runs the resumeSession step on a later turn; Node 20 does
    // so only when the listener answers late. Sessions by ID only (no tickets), so the second
    // client's hello carries the first session's ID and the server asks its cache for it.
    const secureContext = tls.createSecureContext({
      cert: fixtureTls('server.pem'),
      key: fixtureTls('server.key'),
      maxVersion: 'TLSv1.2',
      sessionIdContext: 'late',
      secureOptions: constants.SSL_OP_NO_TICKET,
    });
    const sessions = new TlsSessionCache(16, 60_000);
    const handshake = async (session?: Buffer) => {
      const server = new TlsEngine({ secureContext, requestCert: false, sessions });
      const client = new TlsEngine({
        client: { ca: fixtureTls('ca.pem'), checkServerIdentity: () => undefined, session },
      });
      // The hello's answer must be there when feed returns, as the EAP round's reply is built then.
      await server.feed(await clientHello(client));
      const flight = server.takeOutput();
      expect(flight.length).toBeGreaterThan(0);
      await client.feed(flight);
      let toServer = client.takeOutput();
      for (let i = 0; i < 4 && toServer.length; i++) {
        await server.feed(toServer);
        await client.feed(server.takeOutput());
        toServer = client.takeOutput();
      }
      await turns(3);
      expect([server.handshakeDone, client.handshakeDone]).toEqual([true, true]);
      return { server, client };
    };
    const first = await handshake();
    const saved = first.client.socket.getSession();
    first.server.close();
    first.client.close();
    expect(sessions.size).toBe(1);
    const answer = sessions.server.listeners('resumeSession')[0] as (id: Buffer, cb: unknown) => void;
    sessions.server.removeAllListeners('resumeSession');
    let asked = 0;
    sessions.server.on('resumeSession', (id: Buffer, cb: unknown) => {
      asked++;
      setImmediate(() => answer(id, cb));
    });
    const second = await handshake(saved);
    expect(asked).toBe(1);
    expect(second.server.socket.isSessionReused()).toBe(true);
    second.server.close();
    second.client.close();
  });
});
