import { describe, expect, it } from 'vitest';
import { DuplicateCache } from './duplicate-cache';

const auth = (n: number) => {
  const b = Buffer.alloc(16);
  b.writeUInt32BE(n, 12);
  return b;
};

describe('DuplicateCache (RFC 5080 §2.2.2)', () => {
  it('finds a retransmission only with the same source, port, Identifier and authenticator', () => {
    const c = new DuplicateCache(5000);
    const e = c.begin('127.0.0.1', 4000, 7, auth(1), -1, 1000);
    expect(c.get('127.0.0.1', 4000, 7, auth(1), 1500)).toEqual({ traceId: -1 }); // still in progress
    c.complete(e, 11, Buffer.from('reply'));
    expect(c.get('127.0.0.1', 4000, 7, auth(1), 2000)?.traceId).toBe(11);
    expect(c.get('127.0.0.1', 4000, 7, auth(1), 2000)?.reply?.toString()).toBe('reply');
    expect(c.get('127.0.0.1', 4000, 7, auth(2), 2000)).toBeUndefined();
    expect(c.get('127.0.0.1', 4001, 7, auth(1), 2000)).toBeUndefined();
    expect(c.get('127.0.0.2', 4000, 7, auth(1), 2000)).toBeUndefined();
    expect(c.get('127.0.0.1', 4000, 8, auth(1), 2000)).toBeUndefined();
    expect(c.get('127.0.0.1', 4000, 7, auth(1), 6001)).toBeUndefined(); // outside the window
  });

  it('a new authenticator on the same Identifier replaces the entry', () => {
    const c = new DuplicateCache(5000);
    c.begin('10.0.0.1', 1, 1, auth(1), 1, 0);
    c.begin('10.0.0.1', 1, 1, auth(2), 2, 0);
    expect(c.size).toBe(1);
    expect(c.get('10.0.0.1', 1, 1, auth(1), 0)).toBeUndefined();
    expect(c.get('10.0.0.1', 1, 1, auth(2), 0)?.traceId).toBe(2);
  });

  it('stays bounded by maxEntries and by the window under a flood', () => {
    const c = new DuplicateCache(5000, 1000);
    for (let i = 0; i < 100_000; i++) c.begin(`10.0.${i % 50}.1`, i % 7919, i & 0xff, auth(i), i, i / 100);
    expect(c.size).toBeLessThanOrEqual(1000);
    c.begin('10.9.9.9', 1, 1, auth(1), 1, 1e9);
    expect(c.size).toBe(1); // everything else expired
    c.clear();
    expect(c.size).toBe(0);
  });

  it('a zero window disables the cache', () => {
    const c = new DuplicateCache(0);
    expect(c.begin('a', 1, 1, auth(1), 1)).toBe(-1);
    expect(c.get('a', 1, 1, auth(1))).toBeUndefined();
  });

  it('forgets an entry only while it is still the current one for its source and Identifier', () => {
    const c = new DuplicateCache(5000);
    const first = c.begin('10.0.0.1', 1, 1, auth(1), 1, 0);
    c.begin('10.0.0.1', 1, 1, auth(2), 2, 0);
    c.forget(first); // replaced already: no effect
    expect(c.get('10.0.0.1', 1, 1, auth(2), 0)?.traceId).toBe(2);
    expect(c.size).toBe(1);
  });

  it('treats an entry whose reply bytes were overwritten as expired, and keeps the rest intact', () => {
    const c = new DuplicateCache(60_000, 1000); // a 1 MiB slab (the minimum)
    const big = Buffer.alloc(4000, 7);
    const handles = Array.from({ length: 400 }, (_, i) => {
      const h = c.begin('10.0.0.1', 1000 + i, 1, auth(i), i, 0);
      c.complete(h, i, Buffer.concat([Buffer.of(i & 0xff), big]));
      return h;
    });
    expect(handles).toHaveLength(400);
    expect(c.get('10.0.0.1', 1000, 1, auth(0), 1)).toBeUndefined(); // 1.6 MB through the slab: reused
    const last = c.get('10.0.0.1', 1399, 1, auth(399), 1)!;
    expect(last.reply![0]).toBe(399 & 0xff);
    expect(last.reply!.length).toBe(4001);
  });
});
