import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldNode } from '../../packet-view';
import { Flags, HEADER_LENGTH } from './constants';
import { dissect } from './dissect';
import { Framer } from './framing';
import { obfuscate } from './obfuscation';
import { decodePacket, encodePacket, type Body } from './packet';
import { decodeAuthenStart } from './authen-body';
import { DecodeError, Reader } from './reader';

const str = (max: number) => fc.string({ maxLength: max }).filter((s) => Buffer.byteLength(s) <= max);
const bytes = (max: number) => fc.uint8Array({ maxLength: max }).map((b) => Buffer.from(b));
const u8 = fc.integer({ min: 0, max: 255 });
const arg = str(40);

const common = {
  authenMethod: u8,
  privLvl: u8,
  authenType: u8,
  service: u8,
  user: str(60),
  port: str(30),
  remAddr: str(30),
  args: fc.array(arg, { maxLength: 12 }),
};

/** A body together with the seq_no parity it travels with. */
const bodyArb: fc.Arbitrary<{ body: Body; seqNo: number }> = fc.oneof(
  fc
    .record({
      kind: fc.constant('authen-start' as const),
      action: u8,
      privLvl: u8,
      authenType: u8,
      service: u8,
      user: str(60),
      port: str(30),
      remAddr: str(30),
      data: bytes(100),
    })
    .map((body) => ({ body, seqNo: 1 })),
  fc
    .record({
      kind: fc.constant('authen-reply' as const),
      status: u8,
      flags: u8,
      serverMsg: str(300),
      data: bytes(300),
    })
    .map((body) => ({ body, seqNo: 2 })),
  fc
    .record({ kind: fc.constant('authen-continue' as const), flags: u8, userMsg: str(300), data: bytes(100) })
    .map((body) => ({ body, seqNo: 3 })),
  fc.record({ kind: fc.constant('author-request' as const), ...common }).map((body) => ({ body, seqNo: 1 })),
  fc
    .record({
      kind: fc.constant('author-response' as const),
      status: u8,
      serverMsg: str(200),
      data: bytes(50),
      args: fc.array(arg, { maxLength: 12 }),
    })
    .map((body) => ({ body, seqNo: 2 })),
  fc
    .record({ kind: fc.constant('acct-request' as const), flags: u8, ...common })
    .map((body) => ({ body, seqNo: 1 })),
  fc
    .record({ kind: fc.constant('acct-reply' as const), status: u8, serverMsg: str(200), data: bytes(50) })
    .map((body) => ({ body, seqNo: 2 })),
);

const headerArb = fc.record({
  minor: fc.integer({ min: 0, max: 1 }),
  sessionId: fc.nat({ max: 0xffffffff }),
  single: fc.boolean(),
});
const keyArb = fc.option(fc.string({ minLength: 1, maxLength: 30 }), { nil: undefined });

function toPlain(b: Body): unknown {
  return JSON.parse(
    JSON.stringify(b, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)),
  );
}

function allNodes(nodes: FieldNode[]): FieldNode[] {
  return nodes.flatMap((n) => [n, ...allNodes(n.children ?? [])]);
}

describe('TACACS+ codec properties', () => {
  it('decode ∘ encode = id for every body, obfuscated or not', () => {
    fc.assert(
      fc.property(bodyArb, headerArb, keyArb, ({ body, seqNo }, h, key) => {
        const flags = h.single ? Flags.SINGLE_CONNECT : 0;
        const wire = encodePacket(
          { major: 0xc, minor: h.minor, seqNo, flags, sessionId: h.sessionId },
          body,
          key,
        );
        expect(wire.readUInt32BE(8)).toBe(wire.length - HEADER_LENGTH);
        const p = decodePacket(wire, key);
        expect(toPlain(p.body)).toEqual(toPlain(body));
        expect(p.header.sessionId).toBe(h.sessionId);
        expect(p.header.minor).toBe(h.minor);
        expect(Boolean(p.header.flags & Flags.UNENCRYPTED)).toBe(key === undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('deobfuscate ∘ obfuscate = id', () => {
    fc.assert(
      fc.property(
        bytes(200),
        fc.nat({ max: 0xffffffff }),
        fc.string({ maxLength: 20 }),
        u8,
        u8,
        (b, sid, key, ver, seq) => {
          expect(obfuscate(obfuscate(b, sid, key, ver, seq), sid, key, ver, seq)).toEqual(b);
        },
      ),
    );
  });

  it('dissection: every field lies inside the packet, and leaves cover the body exactly once', () => {
    fc.assert(
      fc.property(bodyArb, headerArb, keyArb, ({ body, seqNo }, h, key) => {
        const wire = encodePacket(
          { major: 0xc, minor: h.minor, seqNo, flags: 0, sessionId: h.sessionId },
          body,
          key,
        );
        const d = dissect(wire, key);
        expect(d.error).toBeUndefined();
        const leaves = allNodes(d.nodes).filter((n) => !n.children);
        for (const n of allNodes(d.nodes)) expect(n.offset + n.length).toBeLessThanOrEqual(wire.length);
        const covered = new Uint8Array(wire.length);
        for (const n of leaves) for (let i = n.offset; i < n.offset + n.length; i++) covered[i]! += 1;
        expect([...covered].every((c) => c === 1)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('any chunking of a stream gives the same packets', () => {
    fc.assert(
      fc.property(
        fc.array(bodyArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 50 }),
        (bodies, cuts) => {
          const packets = bodies.map(({ body, seqNo }, i) =>
            encodePacket({ major: 0xc, minor: 0, seqNo, flags: 0, sessionId: i }, body, 'k'),
          );
          const stream = Buffer.concat(packets);
          const f = new Framer();
          const got: Buffer[] = [];
          let off = 0;
          let i = 0;
          while (off < stream.length) {
            const n = cuts[i++ % cuts.length]!;
            got.push(...f.push(stream.subarray(off, off + n)));
            off += n;
          }
          expect(got.map((g) => g.toString('hex'))).toEqual(packets.map((p) => p.toString('hex')));
          expect(f.buffered).toBe(0);
        },
      ),
    );
  });
});

describe('text fields', () => {
  it('read from a Buffer (the server) they are what the UTF-8 decoder makes of any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 20 }), (user, port) => {
        const body = Buffer.concat([
          Buffer.from([1, 1, 2, 1, user.length, port.length, 0, 0]),
          Buffer.from(user),
          Buffer.from(port),
        ]);
        const fromBuffer = decodeAuthenStart(new Reader(body, HEADER_LENGTH));
        const decoder = new TextDecoder();
        expect(fromBuffer.user).toBe(decoder.decode(user));
        expect(fromBuffer.port).toBe(decoder.decode(port));
        // A plain Uint8Array and a recording pass take the other path: the same text.
        for (const other of [
          decodeAuthenStart(new Reader(new Uint8Array(body), HEADER_LENGTH)),
          decodeAuthenStart(new Reader(body, HEADER_LENGTH, [])),
        ])
          expect([other.user, other.port]).toEqual([fromBuffer.user, fromBuffer.port]);
      }),
      { numRuns: 2000, seed: 20261123 },
    );
  });
});

describe('framing limits', () => {
  it('rejects a 0x7fffffff length at the header, before buffering the body', () => {
    const h = Buffer.from('c001010100000001' + '7fffffff', 'hex');
    const f = new Framer(65536);
    expect(() => f.push(h)).toThrow(DecodeError);
    try {
      new Framer(65536).push(h);
    } catch (e) {
      expect((e as DecodeError).code).toBe('too-long');
    }
  });
  it('refuses garbage at the first byte', () => {
    expect(() => new Framer().push(Buffer.from('GET / HTTP/1.1\r\n'))).toThrow(/TACACS\+ header/);
    expect(() => new Framer().push(Buffer.from([0x16]))).toThrow(DecodeError);
  });
});
