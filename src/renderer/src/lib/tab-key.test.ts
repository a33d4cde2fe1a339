import { describe, expect, it } from 'vitest';
import { tabKey } from './tab-key';

describe('tab list keys', () => {
  it.each([
    ['ArrowRight', 0, 1],
    ['ArrowRight', 2, 0],
    ['ArrowLeft', 1, 0],
    ['ArrowLeft', 0, 2],
    ['Home', 2, 0],
    ['End', 0, 2],
  ])('%s from tab %i of three goes to tab %i', (key, at, to) => {
    expect(tabKey(key, at, 3)).toBe(to);
  });

  it('ignores other keys and an empty list', () => {
    expect(tabKey('ArrowDown', 1, 3)).toBeUndefined();
    expect(tabKey('Enter', 1, 3)).toBeUndefined();
    expect(tabKey('ArrowRight', 0, 0)).toBeUndefined();
  });
});
