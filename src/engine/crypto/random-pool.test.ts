import { describe, expect, it } from 'vitest';
import { randomBuffer, randomByte, randomInto } from './random-pool';

describe('random-pool', () => {
  it('never hands out the same bytes twice across block refills', () => {
    const seen = new Set<string>();
    // 3000 × 16 bytes: a dozen refills of the 4 KiB block, with 1- and 3-byte draws in between.
    for (let i = 0; i < 3000; i++) {
      seen.add(randomBuffer(16).toString('hex'));
      randomByte();
      randomBuffer(3);
    }
    expect(seen.size).toBe(3000);
  });

  it('gives each caller a Buffer of its own, not a slice of a shared pool', () => {
    const a = randomBuffer(16);
    expect(a.byteLength).toBe(16);
    expect(a.buffer.byteLength).toBe(16);
    const copy = Buffer.from(a);
    randomBuffer(16);
    expect(a).toEqual(copy);
  });

  it('writes exactly the requested range, also past the block size', () => {
    for (const n of [1, 16, 1000, 5000]) {
      const out = Buffer.alloc(n + 8, 0xaa);
      randomInto(out, 4, n);
      expect(out.subarray(0, 4)).toEqual(Buffer.alloc(4, 0xaa));
      expect(out.subarray(n + 4)).toEqual(Buffer.alloc(4, 0xaa));
      // 16 random bytes all 0xaa (or all zero: a wiped block) is a 2^-128 event.
      if (n >= 16) {
        expect(out.subarray(4, 20).equals(Buffer.alloc(16, 0xaa))).toBe(false);
        expect(out.subarray(4, 20).equals(Buffer.alloc(16))).toBe(false);
      }
    }
  });

  it('bytes spread over the whole range', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 256 * 64; i++) counts[randomByte()]!++;
    // Each value expected 64 times; a CSPRNG stays far inside these bounds.
    expect(Math.min(...counts)).toBeGreaterThan(20);
    expect(Math.max(...counts)).toBeLessThan(130);
  });
});
