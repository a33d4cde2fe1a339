import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './latency-histogram';

const exact = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

describe('latency histogram', () => {
  it('reports p50 and p99 within 4.5% above the exact sorted quantile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 5_000_000, noNaN: true }), {
          minLength: 1,
          maxLength: 2000,
          size: 'max',
        }),
        (xs) => {
          const h = new LatencyHistogram();
          for (const x of xs) h.observe(x);
          for (const p of [0.5, 0.99]) {
            const want = exact(xs, p);
            const got = h.quantile(p);
            expect(got).toBeGreaterThanOrEqual(want * 0.9999);
            expect(got).toBeLessThanOrEqual(want * 1.045);
          }
        },
      ),
    );
  });

  it('is empty after reset, and clamps sub-microsecond and huge values', () => {
    const h = new LatencyHistogram();
    expect(h.quantile(0.5)).toBe(0);
    h.observe(0.2);
    expect(h.quantile(0.5)).toBe(1);
    h.observe(1e12);
    expect(h.quantile(0.99)).toBe(2 ** 30);
    h.reset();
    expect(h.count).toBe(0);
    expect(h.quantile(0.99)).toBe(0);
  });
});
