import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteSlab } from './byte-slab';

describe('ByteSlab', () => {
  it('gives back a copy of what was written, not a view that later writes change', () => {
    const s = new ByteSlab(64);
    const pos = s.write(Uint8Array.of(1, 2, 3));
    const out = s.read(pos, 3);
    s.write(new Uint8Array(61).fill(9));
    s.write(Uint8Array.of(7, 7, 7)); // wraps over the first span
    expect([...out]).toEqual([1, 2, 3]);
    expect(s.live(pos)).toBe(false);
  });

  it('wraps a span that would not fit at the end to the start, whole', () => {
    const s = new ByteSlab(16);
    s.write(new Uint8Array(10).fill(1));
    const pos = s.write(Uint8Array.of(5, 6, 7, 8, 9, 10, 11, 12));
    expect(pos).toBe(16); // the 6-byte tail was skipped
    expect([...s.read(pos, 8)]).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('takes spans up to a sixteenth of its capacity, refuses more than all of it', () => {
    const s = new ByteSlab(1024);
    expect(s.fits(64)).toBe(true);
    expect(s.fits(65)).toBe(false);
    expect(s.fits(0)).toBe(true);
    expect(() => s.write(new Uint8Array(1025))).toThrow('1025 bytes do not fit a 1024-byte slab');
    expect(() => new ByteSlab(-1)).toThrow(RangeError);
  });

  it('an empty slab (a disabled cache) takes empty spans and nothing else', () => {
    const s = new ByteSlab(0);
    expect(s.fits(0)).toBe(true);
    expect(s.fits(1)).toBe(false);
    expect(s.read(s.write(new Uint8Array(0)), 0).length).toBe(0);
  });

  it('every span it calls live reads back exactly as written (any sizes, any order)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 512 }),
        fc.array(fc.uint8Array({ minLength: 0, maxLength: 40 }), { maxLength: 200 }),
        (cap, spans) => {
          const s = new ByteSlab(cap);
          const kept: Array<{ pos: number; bytes: Uint8Array }> = [];
          for (const b of spans) if (b.length <= cap) kept.push({ pos: s.write(b), bytes: b });
          for (const k of kept)
            if (s.live(k.pos)) expect([...s.read(k.pos, k.bytes.length)]).toEqual([...k.bytes]);
          // The newest span is always live.
          const last = kept.at(-1);
          if (last) expect(s.live(last.pos)).toBe(true);
        },
      ),
    );
  });
});
