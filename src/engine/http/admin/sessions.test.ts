import { describe, expect, it } from 'vitest';
import { serializeCookie } from './cookies';
import { LoginRateLimit } from './rate-limit';
import { AdminSessions } from './sessions';

describe('AdminSessions', () => {
  it('opaque tokens map to sessions; expired ones are removed when presented', () => {
    let now = 0;
    const s = new AdminSessions(() => now);
    const a = s.create('a@example.com', 'openid', 1000);
    const b = s.create('a@example.com', 'password', 5000);
    expect(a.token).not.toBe(b.token);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.session.id).not.toContain(a.token);
    expect(s.forUser('a@example.com')).toHaveLength(2);
    now = 1000;
    const expired: string[] = [];
    expect(s.validate(a.token, (x) => expired.push(x.id))).toBeUndefined();
    expect(expired).toEqual([a.session.id]);
    expect(s.validate(b.token)?.method).toBe('password');
    expect(s.validate('forged')).toBeUndefined();
    expect(s.size).toBe(1);
  });
});

describe('LoginRateLimit', () => {
  it('locks after max failures in the window, until the oldest leaves it', () => {
    let now = 0;
    const r = new LoginRateLimit(3, 1000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(r.retryAfterMs('x')).toBe(0);
      r.fail('x');
      now += 100;
    }
    expect(r.retryAfterMs('x')).toBe(700);
    expect(r.retryAfterMs('y')).toBe(0);
    now = 1001;
    expect(r.retryAfterMs('x')).toBe(0);
    r.fail('x');
    r.succeed('x');
    expect(r.retryAfterMs('x')).toBe(0);
  });
});

describe('serializeCookie', () => {
  it('is HttpOnly, SameSite=Strict by default, Secure over TLS', () => {
    expect(serializeCookie('s', 'v', { secure: true, maxAgeS: 60 })).toBe(
      's=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure',
    );
    expect(serializeCookie('s', 'v', { secure: false, sameSite: 'Lax', path: '/admin/login' })).toBe(
      's=v; Path=/admin/login; HttpOnly; SameSite=Lax',
    );
  });
});
