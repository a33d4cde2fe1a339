import { describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY, takeToken, type TokenHost } from './token';

function host(href: string, stored?: string) {
  const store = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
  const replaced: string[] = [];
  const h: TokenHost = {
    location: { href },
    sessionStorage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) },
    history: { state: null, replaceState: (_s, _t, url) => void replaced.push(String(url)) },
  };
  return { h, store, replaced };
}

describe('takeToken', () => {
  it('takes the token from the URL, stores it and strips it from the address bar', () => {
    const { h, store, replaced } = host('http://127.0.0.1:8080/?token=abc123&x=1#/trace');
    expect(takeToken(h)).toBe('abc123');
    expect(store.get(TOKEN_STORAGE_KEY)).toBe('abc123');
    expect(replaced).toEqual(['/?x=1#/trace']);
  });

  it('falls back to the stored token on reload, leaving the URL alone', () => {
    const { h, replaced } = host('http://127.0.0.1:8080/#/status', 'stored');
    expect(takeToken(h)).toBe('stored');
    expect(replaced).toEqual([]);
  });

  it('prefers a fresh URL token over a stale stored one', () => {
    const { h, store } = host('http://127.0.0.1:8080/?token=new', 'old');
    expect(takeToken(h)).toBe('new');
    expect(store.get(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('answers undefined without any token', () => {
    expect(takeToken(host('http://127.0.0.1:8080/').h)).toBeUndefined();
  });
});
