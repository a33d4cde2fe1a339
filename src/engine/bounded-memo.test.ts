import { describe, expect, it } from 'vitest';
import { BoundedMemo } from './bounded-memo';

describe('BoundedMemo', () => {
  it('makes a value once per key and hands back the same one after', () => {
    let made = 0;
    const make = (k: string) => ({ k, n: ++made });
    const m = new BoundedMemo<string, { k: string; n: number }>(4);
    const a = m.fetch('a', make);
    expect(m.fetch('a', make)).toBe(a);
    expect(made).toBe(1);
  });

  it('never holds more than max entries: it forgets everything when full', () => {
    const m = new BoundedMemo<number, number>(3);
    for (let i = 0; i < 3; i++) m.set(i, i);
    expect(m.size).toBe(3);
    m.set(3, 3);
    expect(m.size).toBe(1);
    expect(m.get(0)).toBeUndefined();
    expect(m.get(3)).toBe(3);
  });

  it('remembers a null result (e.g. "no such device") as a hit', () => {
    let calls = 0;
    const m = new BoundedMemo<string, string | null>(8);
    const none = () => (calls++, null);
    m.fetch('x', none);
    m.fetch('x', none);
    expect(calls).toBe(1);
  });
});
