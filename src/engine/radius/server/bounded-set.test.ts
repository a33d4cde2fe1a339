import { describe, expect, it } from 'vitest';
import { BoundedSet } from './bounded-set';

describe('BoundedSet', () => {
  it('keeps at most max entries, forgetting the oldest', () => {
    const s = new BoundedSet<number>(3);
    for (let i = 0; i < 10; i++) s.add(i);
    expect([...s]).toEqual([7, 8, 9]);
    s.add(8);
    expect(s.size).toBe(3);
  });
});
