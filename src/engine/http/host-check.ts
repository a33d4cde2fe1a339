import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';

export interface HostPolicy {
  /** The address the listener is bound to ("0.0.0.0", "::", "127.0.0.1", …). */
  bound: string;
  port: number;
  /** web.allowedHosts: names accepted on any port (a reverse proxy's public name has its own). */
  allowedHosts: readonly string[];
  /** web.trustProxy: X-Forwarded-Host is checked too (the proxy's Host is its upstream's). */
  trustProxy: boolean;
}

const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];
/** All of 127.0.0.0/8 is this machine (RFC 1122 §3.2.1.3), aliases such as 127.0.0.2 included. */
const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * DNS-rebinding protection (421 otherwise): a request must name this listener — loopback, the bound
 * address, on a wildcard bind any of this machine's own interface addresses (a colleague's browser or
 * a Prometheus server on the LAN uses those), or a name in web.allowedHosts. A rebinding attack names
 * the attacker's domain, which is none of these.
 */
export function hostAllowed(req: IncomingMessage, p: HostPolicy, own = ownAddresses): boolean {
  if (!oneAllowed(req.headers.host, p, own)) return false;
  const fwd = p.trustProxy ? forwarded(req, 'x-forwarded-host') : undefined;
  return fwd === undefined || oneAllowed(fwd, p, own);
}

function oneAllowed(header: string | undefined, p: HostPolicy, own: () => ReadonlySet<string>): boolean {
  const parsed = splitHost((header ?? '').toLowerCase());
  if (!parsed) return false;
  const { name, port } = parsed;
  if (p.allowedHosts.some((h) => h.toLowerCase() === name)) return true;
  if (port !== undefined && port !== p.port) return false;
  if (LOOPBACK.includes(name) || LOOPBACK_V4.test(name) || name === p.bound.toLowerCase()) return true;
  return isWildcard(p.bound) && own().has(name);
}

/** "name", "name:port", "[v6]", "[v6]:port" → name (brackets removed) and port. */
export function splitHost(h: string): { name: string; port?: number } | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(h);
  if (!m) return undefined;
  const name = m[1]!.replace(/^\[|\]$/g, '');
  return m[2] === undefined ? { name } : { name, port: Number(m[2]) };
}

export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

/** First value of a proxy header (a chain of proxies appends: the client-facing one is first). */
export function forwarded(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  const first = (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim();
  return first || undefined;
}

let cached: { at: number; set: Set<string> } | undefined;

/** This machine's interface addresses (re-read every 10 s: a laptop changes networks). */
export function ownAddresses(): ReadonlySet<string> {
  const now = Date.now();
  if (cached && now - cached.at < 10_000) return cached.set;
  const set = new Set<string>();
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) set.add(a.address.toLowerCase().replace(/%.*$/, ''));
  cached = { at: now, set };
  return set;
}
