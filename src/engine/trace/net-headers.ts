import ipaddr from 'ipaddr.js';

/**
 * Synthesised link, network and transport headers for pcap export. The trace keeps only the
 * application bytes; a capture tool needs whole frames, so we build Ethernet II + IPv4 (RFC 791) or
 * IPv6 (RFC 8200) + UDP (RFC 768) or TCP (RFC 9293) around them, with real lengths and checksums.
 */

export type IpBytes = { family: 4 | 6; bytes: Uint8Array };

/** An address as 4 or 16 bytes; IPv4-mapped IPv6 becomes IPv4, a zone id is dropped. */
export function parseIp(address: string): IpBytes {
  const text = address.replace(/%.*$/, '').replace(/^\[|\]$/g, '');
  try {
    const ip = ipaddr.process(text);
    const bytes = Uint8Array.from(ip.toByteArray());
    return { family: ip.kind() === 'ipv4' ? 4 : 6, bytes };
  } catch {
    // Not an address (should not happen for socket endpoints): a stable TEST-NET-1 stand-in.
    return { family: 4, bytes: Uint8Array.of(192, 0, 2, 1) };
  }
}

/** Both ends in one family: a mixed pair is written as IPv6 with the IPv4 side mapped (::ffff:a.b.c.d). */
export function sameFamily(a: IpBytes, b: IpBytes): [IpBytes, IpBytes] {
  if (a.family === b.family) return [a, b];
  return [toV6(a), toV6(b)];
}

function toV6(a: IpBytes): IpBytes {
  if (a.family === 6) return a;
  const out = new Uint8Array(16);
  out[10] = 0xff;
  out[11] = 0xff;
  out.set(a.bytes, 12);
  return { family: 6, bytes: out };
}

/** A locally administered unicast MAC derived from the IP, so each host keeps one MAC in the capture. */
export function macFor(ip: IpBytes): Uint8Array {
  const mac = Uint8Array.of(0x02, 0, 0, 0, 0, 0);
  for (let i = 0; i < ip.bytes.length; i++) mac[2 + (i % 4)]! ^= ip.bytes[i]!;
  return mac;
}

/** RFC 1071 one's-complement sum over the given parts (odd lengths padded with a zero byte). */
export function checksum(parts: readonly Uint8Array[]): number {
  let sum = 0;
  let odd: number | undefined;
  for (const p of parts) {
    let i = 0;
    if (odd !== undefined && p.length > 0) {
      sum += (odd << 8) | p[0]!;
      odd = undefined;
      i = 1;
    }
    for (; i + 1 < p.length; i += 2) sum += (p[i]! << 8) | p[i + 1]!;
    if (i < p.length) odd = p[i]!;
    if (sum > 0x7fffffff) sum = (sum & 0xffff) + (sum >>> 16);
  }
  if (odd !== undefined) sum += odd << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function ethernet(src: Uint8Array, dst: Uint8Array, family: 4 | 6): Uint8Array {
  const h = new Uint8Array(14);
  h.set(dst, 0);
  h.set(src, 6);
  const type = family === 4 ? 0x0800 : 0x86dd;
  h[12] = type >> 8;
  h[13] = type & 0xff;
  return h;
}

/** The pseudo-header the UDP/TCP checksum covers (RFC 768; RFC 8200 §8.1 for IPv6). */
function pseudoHeader(src: IpBytes, dst: IpBytes, proto: number, length: number): Uint8Array {
  if (src.family === 4) {
    const p = new Uint8Array(12);
    p.set(src.bytes, 0);
    p.set(dst.bytes, 4);
    p[9] = proto;
    new DataView(p.buffer).setUint16(10, length);
    return p;
  }
  const p = new Uint8Array(40);
  p.set(src.bytes, 0);
  p.set(dst.bytes, 16);
  new DataView(p.buffer).setUint32(32, length);
  p[39] = proto;
  return p;
}

export function ipHeader(
  src: IpBytes,
  dst: IpBytes,
  proto: number,
  payloadLength: number,
  id: number,
): Uint8Array {
  if (src.family === 4) {
    const h = new Uint8Array(20);
    const v = new DataView(h.buffer);
    h[0] = 0x45; // version 4, IHL 5 words
    v.setUint16(2, 20 + payloadLength);
    v.setUint16(4, id & 0xffff);
    v.setUint16(6, 0x4000); // DF: the frames are never fragments
    h[8] = 64;
    h[9] = proto;
    h.set(src.bytes, 12);
    h.set(dst.bytes, 16);
    v.setUint16(10, checksum([h]));
    return h;
  }
  const h = new Uint8Array(40);
  const v = new DataView(h.buffer);
  v.setUint32(0, 0x60000000);
  v.setUint16(4, payloadLength);
  h[6] = proto;
  h[7] = 64;
  h.set(src.bytes, 8);
  h.set(dst.bytes, 24);
  return h;
}

export function udpHeader(
  src: IpBytes,
  dst: IpBytes,
  sport: number,
  dport: number,
  payload: Uint8Array,
): Uint8Array {
  const h = new Uint8Array(8);
  const v = new DataView(h.buffer);
  v.setUint16(0, sport);
  v.setUint16(2, dport);
  v.setUint16(4, 8 + payload.length);
  const sum = checksum([pseudoHeader(src, dst, 17, 8 + payload.length), h, payload]);
  v.setUint16(6, sum === 0 ? 0xffff : sum); // RFC 768: a computed 0 is sent as all ones
  return h;
}

export const TcpFlags = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

export interface TcpSegment {
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  flags: number;
}

export function tcpHeader(src: IpBytes, dst: IpBytes, s: TcpSegment, payload: Uint8Array): Uint8Array {
  const h = new Uint8Array(20);
  const v = new DataView(h.buffer);
  v.setUint16(0, s.sport);
  v.setUint16(2, s.dport);
  v.setUint32(4, s.seq >>> 0);
  v.setUint32(8, s.flags & TcpFlags.ACK ? s.ack >>> 0 : 0);
  h[12] = 5 << 4; // data offset: 5 words, no options
  h[13] = s.flags;
  v.setUint16(14, 0xffff); // window
  v.setUint16(16, checksum([pseudoHeader(src, dst, 6, 20 + payload.length), h, payload]));
  return h;
}
