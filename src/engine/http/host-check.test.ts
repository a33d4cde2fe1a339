import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hostAllowed, splitHost, type HostPolicy } from './host-check';

const req = (host: string, fwd?: string) =>
  ({ headers: { host, ...(fwd ? { 'x-forwarded-host': fwd } : {}) } }) as unknown as IncomingMessage;
const own = () => new Set(['127.0.0.1', '192.168.1.20', 'fe80::1', '::1']);
const wild: HostPolicy = { bound: '0.0.0.0', port: 8080, allowedHosts: [], trustProxy: false };
const loop: HostPolicy = { ...wild, bound: '127.0.0.1' };

describe('Host header check (DNS rebinding → 421)', () => {
  it.each([
    ['127.0.0.1:8080', loop, true],
    ['localhost:8080', loop, true],
    ['[::1]:8080', loop, true],
    ['localhost', loop, true],
    ['127.0.0.2:8080', loop, true],
    ['192.168.1.20:8080', loop, false],
    ['192.168.1.20:8080', wild, true],
    ['[fe80::1]:8080', wild, true],
    ['192.168.1.20:9090', wild, false],
    ['evil.example:8080', wild, false],
    ['lab.example.net', { ...wild, allowedHosts: ['LAB.example.net'] }, true],
    ['lab.example.net:443', { ...wild, allowedHosts: ['lab.example.net'] }, true],
    ['10.0.0.9:8080', { ...wild, bound: '10.0.0.9' }, true],
    ['', wild, false],
    ['a:b:c', wild, false],
  ] as const)('%s with %o → %s', (host, policy, ok) => {
    expect(hostAllowed(req(host), policy, own)).toBe(ok);
  });

  it('with trustProxy, X-Forwarded-Host must be allowed too', () => {
    const p = { ...loop, trustProxy: true, allowedHosts: ['lab.example.net'] };
    expect(hostAllowed(req('127.0.0.1:8080', 'lab.example.net'), p, own)).toBe(true);
    expect(hostAllowed(req('127.0.0.1:8080', 'evil.example'), p, own)).toBe(false);
    expect(hostAllowed(req('127.0.0.1:8080', 'evil.example'), { ...p, trustProxy: false }, own)).toBe(true);
  });

  it('splits names, IPv4 and bracketed IPv6 with and without a port', () => {
    expect(splitHost('[::1]:80')).toEqual({ name: '::1', port: 80 });
    expect(splitHost('host')).toEqual({ name: 'host' });
    expect(splitHost('::1')).toBeUndefined();
  });
});
