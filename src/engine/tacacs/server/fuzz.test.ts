import { readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../../test/support/fixtures';
import { testContext } from '../../../../test/support/tacacs-lab';
import { TacacsClient } from '../client/client';
import { authenticate } from '../client/client-ops';
import { dissect } from '../codec/dissect';
import { Framer } from '../codec/framing';
import { decodePacket } from '../codec/packet';
import { DecodeError } from '../codec/reader';
import { TacacsServer } from './server';

/** mulberry32: a seeded PRNG so a failing case can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seeds: Buffer[] = readdirSync(join(repoRoot, 'test/vectors'))
  .filter((f) => /^tacacs-.*\.json$/.test(f))
  .flatMap((f) =>
    (
      JSON.parse(readFileSync(join(repoRoot, 'test/vectors', f), 'utf8')) as { packets: { hex: string }[] }
    ).packets.map((p) => Buffer.from(p.hex, 'hex')),
  );

/** Mutations: flipped bytes, lying length fields (header and body), truncation, extension. */
function mutate(src: Buffer, r: () => number): Buffer {
  let b = Buffer.from(src);
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const k = Math.floor(r() * 6);
    const at = Math.floor(r() * b.length);
    if (k === 0) b[at] = Math.floor(r() * 256);
    else if (k === 1) b = b.subarray(0, at);
    else if (k === 2)
      b = Buffer.concat([
        b,
        Buffer.from(Array.from({ length: Math.floor(r() * 40) }, () => Math.floor(r() * 256))),
      ]);
    else if (k === 3 && b.length >= 12) b.writeUInt32BE(Math.floor(r() * 2 ** 32), 8);
    else if (k === 4 && b.length >= 12)
      b.writeUInt32BE(b.length - 12, 8); // consistent length, bad body
    else if (k === 5 && b.length > 12) b[12 + Math.floor(r() * (b.length - 12))] = r() < 0.5 ? 0xff : 0;
  }
  return b;
}

describe('seeded fuzzing', () => {
  it('decoders, dissector and framer throw nothing but DecodeError', () => {
    const r = rng(0x7aca5);
    expect(seeds.length).toBeGreaterThan(4);
    for (let i = 0; i < 20_000; i++) {
      const src = seeds[i % seeds.length]!;
      const b = mutate(src, r);
      for (const key of ['testing123', undefined]) {
        try {
          decodePacket(b, key);
        } catch (e) {
          if (!(e instanceof DecodeError)) throw new Error(`seed case ${i}: ${(e as Error).stack}`);
        }
        expect(() => dissect(b, key)).not.toThrow();
      }
      try {
        new Framer().push(b);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw new Error(`framer case ${i}: ${(e as Error).stack}`);
      }
    }
    // ~5 s of CPU alone; the whole suite on two cores can stretch that past the 20 s default.
  }, 90_000);
});

describe('server under hostile input', () => {
  const ctx = testContext();
  const server = new TacacsServer(ctx);
  let port = 0;
  beforeAll(async () => {
    port = (await server.start()).find((l) => l.service === 'tacacs')!.port;
  });
  afterAll(() => server.stop());

  it('stays up and keeps answering after 300 connections of mutated packets', async () => {
    const r = rng(42);
    const send = (bytes: Buffer) =>
      new Promise<void>((resolve) => {
        const s = connect(port, '127.0.0.1', () => {
          s.write(bytes);
          setTimeout(() => s.destroy(), 20);
        });
        s.on('close', () => resolve());
        s.on('error', () => resolve());
      });
    for (let batch = 0; batch < 30; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, () =>
          send(
            Buffer.concat([
              mutate(seeds[Math.floor(r() * seeds.length)]!, r),
              mutate(seeds[Math.floor(r() * seeds.length)]!, r),
            ]),
          ),
        ),
      );
    }
    const c = new TacacsClient({ host: '127.0.0.1', port, secret: 'testing123', timeoutMs: 3000 });
    expect((await authenticate(c, { type: 'pap', user: 'alice', password: 'alice-pass' })).status).toBe(
      'PASS',
    );
    expect(ctx.trace.records.some((t) => t.result === 'pass' && t.user !== 'alice')).toBe(false);
  });
});

describe('ASCII START carrying data (RFC 8907 §5.4.2.1)', () => {
  const ctx = testContext();
  const server = new TacacsServer(ctx);
  let port = 0;
  beforeAll(async () => {
    port = (await server.start()).find((l) => l.service === 'tacacs')!.port;
  });
  afterAll(() => server.stop());
  const client = () => new TacacsClient({ host: '127.0.0.1', port, secret: 'testing123', timeoutMs: 3000 });

  it('never passes in one round trip: the password in START data is ignored', async () => {
    // Only the START's data has the password; nothing is left to answer GETPASS with.
    const r = await authenticate(client(), {
      type: 'ascii',
      user: 'alice',
      password: ['alice-pass'],
      passwordInStart: true,
    });
    expect(r.pass).toBe(false);
    expect(r.exchange.some((e) => /GETPASS/.test(JSON.stringify(e)))).toBe(true);
  });

  it('asks with GETPASS and passes on the CONTINUE that answers it', async () => {
    const r = await authenticate(client(), {
      type: 'ascii',
      user: 'alice',
      password: ['wrong-in-start', 'alice-pass'],
      passwordInStart: true,
    });
    expect(r.status).toBe('PASS');
    expect(r.exchange.length).toBeGreaterThanOrEqual(4);
  });
});
