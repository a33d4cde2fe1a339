import { describe, expect, it } from 'vitest';
import { LoginHandoffs } from './handoff';

describe('LoginHandoffs', () => {
  it('a ticket stands for its login once', () => {
    const h = new LoginHandoffs();
    const t = h.issue('erin@example.com', 'openid');
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(h.take(t)).toEqual({ email: 'erin@example.com', method: 'openid' });
    expect(h.take(t)).toBeUndefined();
  });

  it('expires after its time to live, and unknown or empty tickets open nothing', () => {
    let now = 1_000;
    const h = new LoginHandoffs(() => now, 60_000);
    const t = h.issue('erin@example.com', 'openid');
    now += 60_000;
    expect(h.take(t)).toBeUndefined();
    expect(h.take('made-up')).toBeUndefined();
    expect(h.take('')).toBeUndefined();
    expect(h.take(null)).toBeUndefined();
  });
});
