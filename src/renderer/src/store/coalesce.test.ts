import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from './coalesce';

describe('coalesce', () => {
  beforeEach(() => vi.useFakeTimers({ now: 10_000 }));
  afterEach(() => vi.useRealTimers());

  it('passes a push after a quiet interval at once and gathers a burst into one call per interval', () => {
    const calls: number[][] = [];
    const c = coalesce<number>((xs) => calls.push(xs), 100);
    c.push([1]);
    expect(calls).toEqual([[1]]);
    c.push([2, 3]);
    c.push([4]);
    expect(calls).toHaveLength(1);
    vi.advanceTimersByTime(99);
    expect(calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([[1], [2, 3, 4]]);
    c.push([5]);
    vi.advanceTimersByTime(100);
    expect(calls).toEqual([[1], [2, 3, 4], [5]]);
    vi.advanceTimersByTime(500);
    c.push([6]);
    expect(calls.at(-1)).toEqual([6]);
  });

  it('drops what waits when cancelled', () => {
    const calls: number[][] = [];
    const c = coalesce<number>((xs) => calls.push(xs), 100);
    c.push([1]);
    c.push([2]);
    c.cancel();
    vi.advanceTimersByTime(200);
    expect(calls).toEqual([[1]]);
  });
});
