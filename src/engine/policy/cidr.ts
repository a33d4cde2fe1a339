import ipaddr from 'ipaddr.js';

export interface Cidr {
  text: string;
  kind: 'ipv4' | 'ipv6';
  addr: ipaddr.IPv4 | ipaddr.IPv6;
  bits: number;
}

/** Parses "10.0.0.0/8", "2001:db8::/32" or a bare address (a host route). */
export function parseCidr(text: string): Cidr | undefined {
  try {
    const [addr, bits] = text.includes('/') ? ipaddr.parseCIDR(text) : hostRoute(text);
    return { text, kind: addr.kind(), addr, bits };
  } catch {
    return undefined;
  }
}

function hostRoute(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  const addr = ipaddr.parse(text);
  return [addr, addr.kind() === 'ipv4' ? 32 : 128];
}

export function isValidCidr(text: string): boolean {
  return parseCidr(text) !== undefined;
}

/** Normalises a socket address: IPv4-mapped IPv6 ("::ffff:127.0.0.1") becomes plain IPv4. */
export function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  try {
    return ipaddr.process(address.replace(/%.*$/, ''));
  } catch {
    return undefined;
  }
}

export function cidrContains(cidr: Cidr, address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (address.kind() !== cidr.kind) return false;
  return address.match([cidr.addr, cidr.bits] as [typeof address, number]);
}

/** True when one range contains the other (or they are the same). */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.kind === b.kind && (cidrContains(a, b.addr) || cidrContains(b, a.addr));
}
