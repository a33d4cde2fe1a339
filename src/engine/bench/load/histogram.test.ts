import { describe, expect, it } from 'vitest';
import { BUCKETS, bucketMs, bucketOf, percentileMs } from './histogram';
import { expandUsers } from './users';

describe('latency histogram', () => {
  it('puts a latency in a bucket whose edge is within 4 % above it', () => {
    for (const us of [12, 95, 1000, 2500, 123_456, 9_000_000]) {
      const edge = bucketMs(bucketOf(us)) * 1000;
      expect(edge).toBeGreaterThanOrEqual(us);
      expect(edge).toBeLessThanOrEqual(us * 1.041);
    }
  });

  it('gives percentiles of the recorded latencies', () => {
    const h = new Uint32Array(BUCKETS);
    for (let ms = 1; ms <= 100; ms++) h[bucketOf(ms * 1000)]!++;
    const p50 = percentileMs(h, 0.5);
    expect(p50).toBeGreaterThanOrEqual(50);
    expect(p50).toBeLessThanOrEqual(52.1);
    expect(percentileMs(h, 0.99)).toBeGreaterThanOrEqual(99);
    expect(percentileMs(new Uint32Array(BUCKETS), 0.5)).toBe(0);
  });
});

describe('expandUsers', () => {
  it('expands a numeric range keeping its width, with the password in step', () => {
    const u = expandUsers(['user{0001..0003}', 'alice'], 'pw{1..3}');
    expect(u).toEqual([
      { user: 'user0001', password: 'pw1' },
      { user: 'user0002', password: 'pw2' },
      { user: 'user0003', password: 'pw3' },
      { user: 'alice', password: 'pw1' },
    ]);
  });
  it('refuses a backwards range', () => {
    expect(() => expandUsers(['u{5..1}'], '')).toThrow(/ends before/);
  });
});
