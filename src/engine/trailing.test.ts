import { afterEach, describe, expect, it, vi } from 'vitest';
import { trailing } from './trailing';

describe('trailing', () => {
  afterEach(() => vi.useRealTimers());

  it('turns a burst into one call at the end of the window, and calls again for a later burst', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const t = trailing(fn, 1000);
    for (let i = 0; i < 500; i++) t();
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
    t();
    vi.advanceTimersByTime(999);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('drops a pending call when cancelled', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const t = trailing(fn, 1000);
    t();
    t.cancel();
    vi.advanceTimersByTime(5000);
    expect(fn).not.toHaveBeenCalled();
  });
});
