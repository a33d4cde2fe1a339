import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowForKey } from './keys';

describe('rowForKey', () => {
  it.each([
    ['ArrowDown', 3, 4],
    ['ArrowUp', 3, 2],
    ['PageDown', 3, 12],
    ['PageUp', 12, 3],
    ['PageUp', 2, 0],
    ['PageDown', 95, 99],
    ['Home', 50, 0],
    ['End', 50, 99],
    ['ArrowDown', -1, 99],
  ])('%s from row %i of 100 (10 on screen) goes to %i', (key, from, to) => {
    expect(rowForKey(key, from, 100, 10)).toBe(to);
  });

  it('ignores other keys and empty lists', () => {
    expect(rowForKey('a', 1, 10, 5)).toBeUndefined();
    expect(rowForKey('End', -1, 0, 5)).toBeUndefined();
  });

  it('always lands on a row of the list', () => {
    const keys = ['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home', 'End'];
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.integer({ min: 1, max: 1e5 }),
        fc.nat(),
        fc.nat(200),
        (k, n, i, p) => {
          const to = rowForKey(k, i % n, n, p)!;
          expect(to).toBeGreaterThanOrEqual(0);
          expect(to).toBeLessThan(n);
        },
      ),
    );
  });
});
