import { describe, expect, it } from 'vitest';
import { formatDuration, GroupCache } from './oidc-group-cache';

describe('GroupCache', () => {
  it('answers until the ttl, then forgets', () => {
    let now = 0;
    const c = new GroupCache(1000, 10, () => now);
    c.set('erin', ['netops']);
    now = 999;
    expect(c.get('erin')).toEqual({ groups: ['netops'], ageMs: 999, expiresInMs: 1 });
    now = 1000;
    expect(c.get('erin')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping the oldest login first', () => {
    const c = new GroupCache(60_000, 2, () => 0);
    c.set('a', []);
    c.set('b', []);
    c.set('a', ['x']); // a logs in again: now the newest
    c.set('c', []);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')?.groups).toEqual(['x']);
    expect(c.get('c')).toBeDefined();
  });

  it('hands out copies', () => {
    const c = new GroupCache();
    const g = ['netops'];
    c.set('u', g);
    g.push('evil');
    c.get('u')!.groups.push('evil');
    expect(c.get('u')!.groups).toEqual(['netops']);
  });
});

describe('formatDuration', () => {
  it('picks a readable unit', () => {
    expect(formatDuration(30_000)).toBe('30 s');
    expect(formatDuration(30 * 60_000)).toBe('30 min');
    expect(formatDuration(8 * 3600_000)).toBe('8 h');
  });
});
