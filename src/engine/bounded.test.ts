import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedMap, BoundedMemo, BoundedSet } from './bounded';

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

  it('stays within max under any insertion sequence, and answers what was last set', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.array(fc.integer({ min: 0, max: 40 })), (max, keys) => {
        const m = new BoundedMemo<number, number>(max);
        keys.forEach((k, i) => {
          m.set(k, i);
          expect(m.size).toBeLessThanOrEqual(max);
          expect(m.get(k)).toBe(i);
        });
      }),
    );
  });
});

describe('BoundedMap', () => {
  it('forgets the oldest past max; set makes a key the newest', () => {
    const m = new BoundedMap<string, number>(2);
    m.set('a', 1).set('b', 2).set('a', 3).set('c', 4);
    expect(m.get('b')).toBeUndefined();
    expect(m.get('a')).toBe(3);
    expect([...m.entries()]).toEqual([
      ['a', 3],
      ['c', 4],
    ]);
    expect(m.delete('a')).toBe(true);
    expect(m.has('a')).toBe(false);
    expect(m.size).toBe(1);
    m.clear();
    expect(m.size).toBe(0);
  });

  it('keeps exactly the newest max distinct keys under any insertion sequence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.array(fc.integer({ min: 0, max: 40 })), (max, keys) => {
        const m = new BoundedMap<number, number>(max);
        keys.forEach((k, i) => m.set(k, i));
        // The model: a key's place is its last set; keep the last `max` places.
        const order: number[] = [];
        for (const k of keys) {
          if (order.includes(k)) order.splice(order.indexOf(k), 1);
          order.push(k);
        }
        const kept = order.slice(-max);
        expect([...m.entries()].map(([k]) => k)).toEqual(kept);
        for (const k of kept) expect(m.get(k)).toBe(keys.lastIndexOf(k));
      }),
    );
  });

  it('evicts the oldest under any mix of set, delete and clear (eviction resumes where it stopped)', () => {
    const op = fc.oneof(
      fc.record({ set: fc.integer({ min: 0, max: 30 }) }),
      fc.record({ del: fc.integer({ min: 0, max: 30 }) }),
      fc.constant({ clear: true as const }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(op, { maxLength: 200 }), (max, ops) => {
        const m = new BoundedMap<number, number>(max);
        let order: number[] = []; // the model: keys oldest first
        ops.forEach((o, i) => {
          if ('set' in o) {
            m.set(o.set, i);
            order = [...order.filter((k) => k !== o.set), o.set].slice(-max);
          } else if ('del' in o) {
            m.delete(o.del);
            order = order.filter((k) => k !== o.del);
          } else {
            m.clear();
            order = [];
          }
          expect([...m.entries()].map(([k]) => k)).toEqual(order);
        });
      }),
    );
  });

  it('with a time to live, an entry is gone when read at its age, and set restarts its clock', () => {
    let now = 0;
    const m = new BoundedMap<string, string>(10, { ttlMs: 1000, now: () => now });
    m.set('a', 'x').set('b', 'y');
    now = 999;
    expect(m.get('a')).toBe('x');
    expect(m.ageMs('a')).toBe(999);
    m.set('b', 'z');
    now = 1000;
    expect(m.get('a')).toBeUndefined();
    expect(m.ageMs('a')).toBeUndefined();
    expect(m.size).toBe(1); // read, so deleted
    expect(m.has('b')).toBe(true);
    expect(m.ageMs('b')).toBe(1);
    now = 1999;
    expect([...m.values()]).toEqual([]); // iteration skips the expired
    expect(m.has('b')).toBe(false);
    expect(m.size).toBe(0);
  });

  it('without a time to live, entries never expire and their age reads 0', () => {
    const m = new BoundedMap<string, number>(1);
    m.set('a', 1);
    expect(m.ageMs('a')).toBe(0);
    expect(m.ageMs('b')).toBeUndefined();
  });

  it('deleting while iterating is safe', () => {
    const m = new BoundedMap<number, number>(10);
    for (let i = 0; i < 6; i++) m.set(i, i % 2);
    for (const [k, v] of m) if (v === 1) m.delete(k);
    expect([...m.values()]).toEqual([0, 0, 0]);
  });
});

describe('BoundedSet', () => {
  it('keeps at most max values, forgetting the oldest; adding a present value changes nothing', () => {
    const s = new BoundedSet<number>(3);
    for (let i = 0; i < 10; i++) s.add(i);
    expect([...s]).toEqual([7, 8, 9]);
    s.add(7);
    expect([...s]).toEqual([7, 8, 9]);
  });

  it('forgets the oldest under any mix of add, delete and clear', () => {
    const op = fc.oneof(
      fc.record({ add: fc.integer({ min: 0, max: 30 }) }),
      fc.record({ del: fc.integer({ min: 0, max: 30 }) }),
      fc.constant({ clear: true as const }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(op, { maxLength: 200 }), (max, ops) => {
        const s = new BoundedSet<number>(max);
        let order: number[] = [];
        for (const o of ops) {
          if ('add' in o) {
            s.add(o.add);
            if (!order.includes(o.add)) order = [...order, o.add].slice(-max);
          } else if ('del' in o) {
            s.delete(o.del);
            order = order.filter((x) => x !== o.del);
          } else {
            s.clear();
            order = [];
          }
          expect([...s]).toEqual(order);
        }
      }),
    );
  });

  it('stays within max under any insertion sequence and always holds the value just added', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.array(fc.integer({ min: 0, max: 40 })), (max, xs) => {
        const s = new BoundedSet<number>(max);
        for (const x of xs) {
          s.add(x);
          expect(s.size).toBeLessThanOrEqual(max);
          expect(s.has(x)).toBe(true);
        }
      }),
    );
  });
});
