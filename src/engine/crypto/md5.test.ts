import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { md5Into } from './md5';

const md5 = (b: Uint8Array): string => {
  const out = Buffer.alloc(20, 0xee);
  md5Into(b, b.length, out, 2);
  expect(out.subarray(0, 2).toString('hex') + out.subarray(18).toString('hex')).toBe('eeeeeeee');
  return out.subarray(2, 18).toString('hex');
};

describe('md5', () => {
  it('matches the RFC 1321 §A.5 test suite', () => {
    const suite: Array<[string, string]> = [
      ['', 'd41d8cd98f00b204e9800998ecf8427e'],
      ['a', '0cc175b9c0f1b6a831c399e269772661'],
      ['abc', '900150983cd24fb0d6963f7d28e17f72'],
      ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
      ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
      ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
      ['1234567890'.repeat(8), '57edf4a22be3c955ac49da2e2107b67a'],
    ];
    for (const [text, digest] of suite) expect(md5(Buffer.from(text))).toBe(digest);
  });

  it('agrees with node:crypto at every length around the block and padding boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const b = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff));
      expect(md5(b), `length ${n}`).toBe(createHash('md5').update(b).digest('hex'));
    }
    // size 'max': fast-check's default size stops arrays at 10 bytes, short of any block boundary.
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300, size: 'max' }), (b) => {
        expect(md5(b)).toBe(createHash('md5').update(b).digest('hex'));
      }),
    );
  });

  it('agrees with node:crypto on a slice at any offset into a reused buffer, at any output offset', () => {
    // Full blocks are read in place through a view cached per underlying buffer: slices of one
    // buffer at varying (unaligned) offsets, and of Buffer's shared pool, must each hash as
    // themselves, ignoring the bytes either side.
    const shared = new Uint8Array(1024);
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300, size: 'max' }),
        fc.nat(700),
        fc.nat(8),
        fc.nat(40),
        fc.boolean(),
        (bytes, at, extra, outOffset, pooled) => {
          shared.fill(0xa5);
          const data = pooled
            ? Buffer.concat([bytes, Buffer.alloc(extra, 0xa5)])
            : shared.subarray(at, at + bytes.length + extra);
          data.set(bytes);
          const out = Buffer.alloc(outOffset + 18, 0xee);
          md5Into(data, bytes.length, out, outOffset);
          expect(out.subarray(outOffset, outOffset + 16).toString('hex')).toBe(
            createHash('md5').update(bytes).digest('hex'),
          );
          expect(out.subarray(0, outOffset).every((v) => v === 0xee)).toBe(true);
          expect(out.subarray(outOffset + 16).toString('hex')).toBe('eeee');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('hashes only the first `length` bytes', () => {
    const out = Buffer.alloc(16);
    md5Into(Buffer.from('abcXYZ'), 3, out);
    expect(out.toString('hex')).toBe('900150983cd24fb0d6963f7d28e17f72');
  });
});
