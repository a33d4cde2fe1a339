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
    const e = c.begin('127.0.0.1', 4000, 7, auth(1), 11, 1000)!;
    e.reply = Buffer.from('reply');
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
    expect(c.begin('a', 1, 1, auth(1), 1)).toBeUndefined();
    expect(c.get('a', 1, 1, auth(1))).toBeUndefined();
  });
});
