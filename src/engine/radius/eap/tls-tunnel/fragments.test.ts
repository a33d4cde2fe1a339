import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureEapTls } from '../../../../../test/support/lab-tls';
import { decodeTlsTypeData, encodeTlsTypeData, fragment, TlsFrameError } from './fragments';
import { Reassembler } from './reassembler';
import { TlsTunnel } from './tunnel';

describe('EAP-TLS Type-Data', () => {
  it('decodes the RFC 5216 §3.1 layout: flags, length, data', () => {
    const t = decodeTlsTypeData(Buffer.from('c1000000100102', 'hex'));
    expect(t).toMatchObject({ length: 16, more: true, start: false, version: 1 });
    expect(t.data.toString('hex')).toBe('0102');
    expect(decodeTlsTypeData(Buffer.of(0x20))).toMatchObject({ start: true, data: Buffer.alloc(0) });
  });

  it('says what is missing when L is set without a length', () => {
    expect(() => decodeTlsTypeData(Buffer.of(0x80, 1))).toThrow(/4-byte TLS Message Length/);
    expect(() => decodeTlsTypeData(Buffer.alloc(0))).toThrow(TlsFrameError);
  });

  it('round-trips any Type-Data', () => {
    fc.assert(
      fc.property(
        fc.record({
          length: fc.option(fc.nat({ max: 0xffffffff }), { nil: undefined }),
          more: fc.boolean(),
          start: fc.boolean(),
          version: fc.integer({ min: 0, max: 7 }),
          data: fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
        }),
        (t) => {
          expect(decodeTlsTypeData(encodeTlsTypeData(t))).toEqual(t);
        },
      ),
    );
  });

  it('fragments and reassembles any message at any size', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 5000 }),
        fc.integer({ min: 1, max: 6000 }),
        (m, size) => {
          const msg = Buffer.from(m);
          const parts = fragment(msg, size, 0);
          expect(parts.every((p) => p.data.length <= size)).toBe(true);
          const r = new Reassembler(msg.length);
          const results = parts.map((p) => r.add(decodeTlsTypeData(encodeTlsTypeData(p))));
          const last = results.at(-1)!;
          expect(last.kind).toBe('complete');
          if (last.kind === 'complete') expect(last.message.equals(msg)).toBe(true);
        },
      ),
    );
  });

  it('refuses fragments that overrun the announced length', () => {
    const r = new Reassembler(100);
    r.add({ length: 4, more: true, start: false, version: 0, data: Buffer.alloc(3) });
    expect(() => r.add({ more: false, start: false, version: 0, data: Buffer.alloc(3) })).toThrow(
      /over the announced TLS Message Length of 4/,
    );
  });
});

/** Seeded mutations of a peer's fragments: the tunnel never throws, holds at most maxMessage bytes,
 * and a broken conversation ends in 'failed' within its round limit. */
describe('TLS fragment reassembly fuzz', () => {
  it('survives mutated fragment streams', async () => {
    const maxMessage = 4096;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            flags: fc.integer({ min: 0, max: 255 }),
            length: fc.nat({ max: 10_000 }),
            data: fc.uint8Array({ maxLength: 1500 }),
            truncate: fc.nat({ max: 6 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        async (frags) => {
          const tunnel = new TlsTunnel({
            method: 'tls',
            settings: fixtureEapTls(),
            requestCert: true,
            limits: { maxMessage, maxRounds: 20 },
          });
          let failed = false;
          let buffered = 0;
          for (const f of frags) {
            const head = Buffer.alloc(5);
            head[0] = f.flags;
            head.writeUInt32BE(f.length, 1);
            const hasLen = (f.flags & 0x80) !== 0;
            const raw = Buffer.concat([hasLen ? head : head.subarray(0, 1), Buffer.from(f.data)]);
            const ev = await tunnel.receive(raw.subarray(0, Math.max(0, raw.length - f.truncate)));
            if (ev.kind === 'failed') {
              failed = true;
              break;
            }
            if (ev.kind === 'send' && /ACK/.test(ev.summary))
              buffered = Number(/\((\d+)/.exec(ev.summary)![1]);
            expect(buffered).toBeLessThanOrEqual(maxMessage);
          }
          tunnel.close();
          expect(failed || frags.length < 20).toBe(true);
        },
      ),
      { numRuns: 150, seed: 3748 },
    );
  });
});
