import { Buffer } from 'node:buffer';
import { resolveDissection, type TraceInput } from './types';
import type { FieldNode } from '../packet-view';
import type { TraceRecord } from './trace-store';
import {
  TcpFlags,
  ethernet,
  ipHeader,
  macFor,
  parseIp,
  sameFamily,
  tcpHeader,
  udpHeader,
  type IpBytes,
  type TcpSegment,
} from './net-headers';

/**
 * Classic libpcap export of trace records (https://www.tcpdump.org/manpages/pcap-savefile.5.html):
 * microsecond timestamps, LINKTYPE_ETHERNET, each record wrapped in synthesised Ethernet/IP/UDP|TCP.
 *
 * - UDP (RADIUS, CoA): one datagram per record.
 * - TCP (TACACS+): per connection (4-tuple) the bytes sent each way are counted so sequence
 *   and acknowledgement numbers are consistent, and a SYN / SYN-ACK / ACK handshake is written
 *   before the connection's first record so tshark starts relative sequence numbers at 1 and
 *   reassembles PDUs. The client side of the handshake is the remote end for server records and
 *   our end for test-client records.
 * - TLS (TACACS+ over TLS, RadSec): the trace holds the packets inside TLS; they are written as
 *   plain TCP on the TLS port, so `-d tcp.port==<port>,tacplus` decodes them (RFC 9887 packets are
 *   unobfuscated). Fields the dissector marked "hidden (n bytes)" are overwritten with '*' there,
 *   since no key protects them: exports are always masked.
 *
 * TACACS+ on a port other than 49 needs `-d tcp.port==14949,tacplus`, RADIUS on other than
 * 1812/1813/3799 needs `-d udp.port==21812,radius`; keys: `-o tacplus.key:SECRET`,
 * `-o radius.shared_secret:SECRET`.
 */

export type PcapInput = Pick<
  TraceRecord,
  'timeUs' | 'direction' | 'transport' | 'local' | 'remote' | 'role' | 'bytes' | 'parent'
> & {
  /** A TraceInput's lazy dissection is accepted too (run only for TLS records, to mask secrets). */
  dissection?: TraceInput['dissection'];
};

export interface PcapOptions {
  /** Synthesise a TCP three-way handshake per connection (default true). */
  handshake?: boolean;
}

const LINKTYPE_ETHERNET = 1;
const SNAPLEN = 262_144;
/** Largest TCP payload per frame: fits the 16-bit IPv4 total length with 40 header bytes to spare. */
const MAX_SEGMENT = 65_000;

interface Connection {
  /** The endpoint ("ip|port") that sorts first; index 0 of `next`. */
  low: string;
  /** Next sequence number each side sends: [low, high]. */
  next: [number, number];
}

const endpointKey = (h: Host) => `${Array.from(h.ip.bytes).join('.')}|${h.port}`;

export class PcapWriter {
  readonly #connections = new Map<string, Connection>();
  #ipId = 1;
  #isn = 0x1000_0000;

  constructor(private readonly opts: PcapOptions = {}) {}

  /** The 24-byte global header (little-endian, magic 0xa1b2c3d4 = microsecond timestamps). */
  header(): Buffer {
    const h = Buffer.alloc(24);
    h.writeUInt32LE(0xa1b2c3d4, 0);
    h.writeUInt16LE(2, 4);
    h.writeUInt16LE(4, 6);
    h.writeUInt32LE(SNAPLEN, 16);
    h.writeUInt32LE(LINKTYPE_ETHERNET, 20);
    return h;
  }

  /** The pcap records (header + frame) for one trace record: 1 for UDP, 1+ for TCP, +3 for a new connection. */
  frames(rec: PcapInput): Buffer[] {
    // Not on the wire: a tunnel's decrypted inner message (a child record) or an event with no
    // datagram (an EAP conversation that expired). tshark would read either as a malformed packet.
    if (rec.parent !== undefined || (rec.transport === 'udp' && rec.bytes.length === 0)) return [];
    const [localIp, remoteIp] = sameFamily(parseIp(rec.local.address), parseIp(rec.remote.address));
    const local = { ip: localIp, port: rec.local.port };
    const remote = { ip: remoteIp, port: rec.remote.port };
    const [src, dst] = rec.direction === 'out' ? [local, remote] : [remote, local];
    const payload =
      rec.transport === 'tls'
        ? maskHidden(rec.bytes, resolveDissection(rec.dissection, rec.bytes))
        : rec.bytes;
    if (rec.transport === 'udp') {
      const udp = udpHeader(src.ip, dst.ip, src.port, dst.port, payload);
      return [this.#frame(rec.timeUs, src.ip, dst.ip, 17, [udp, payload])];
    }
    const out: Buffer[] = [];
    // One state per 4-tuple whichever side recorded it: the lab's own client and server both trace
    // a self-test, and their records are two copies of one connection's bytes.
    const srcKey = endpointKey(src);
    const dstKey = endpointKey(dst);
    const key = srcKey < dstKey ? `${srcKey}>${dstKey}` : `${dstKey}>${srcKey}`;
    let conn = this.#connections.get(key);
    if (!conn) {
      conn = { low: srcKey < dstKey ? srcKey : dstKey, next: [this.#nextIsn(), this.#nextIsn()] };
      this.#connections.set(key, conn);
      if (this.opts.handshake ?? true) out.push(...this.#handshake(rec, conn, local, remote));
    }
    const me = srcKey === conn.low ? 0 : 1;
    for (let off = 0; off < payload.length || off === 0; off += MAX_SEGMENT) {
      const part = payload.subarray(off, off + MAX_SEGMENT);
      const seg: TcpSegment = {
        sport: src.port,
        dport: dst.port,
        seq: conn.next[me]!,
        ack: conn.next[1 - me]!,
        flags: TcpFlags.ACK | TcpFlags.PSH,
      };
      conn.next[me] = (conn.next[me]! + part.length) >>> 0;
      out.push(this.#frame(rec.timeUs, src.ip, dst.ip, 6, [tcpHeader(src.ip, dst.ip, seg, part), part]));
      if (payload.length === 0) break;
    }
    return out;
  }

  #handshake(rec: PcapInput, conn: Connection, local: Host, remote: Host): Buffer[] {
    // The side that connected: the NAS for our servers, us for the test client.
    const clientIsLocal = rec.role === 'client';
    const [c, s] = clientIsLocal ? [local, remote] : [remote, local];
    const ci = endpointKey(c) === conn.low ? 0 : 1;
    const si = 1 - ci;
    const cIsn = (conn.next[ci]! - 1) >>> 0;
    const sIsn = (conn.next[si]! - 1) >>> 0;
    const t = rec.timeUs;
    const seg = (from: Host, to: Host, seq: number, ack: number, flags: number) =>
      this.#frame(t, from.ip, to.ip, 6, [
        tcpHeader(from.ip, to.ip, { sport: from.port, dport: to.port, seq, ack, flags }, EMPTY),
      ]);
    return [
      seg(c, s, cIsn, 0, TcpFlags.SYN),
      seg(s, c, sIsn, conn.next[ci]!, TcpFlags.SYN | TcpFlags.ACK),
      seg(c, s, conn.next[ci]!, conn.next[si]!, TcpFlags.ACK),
    ];
  }

  /** A connection's first data byte follows its SYN, which takes one sequence number. */
  #nextIsn(): number {
    this.#isn = (this.#isn + 0x0101_0101) >>> 0;
    return (this.#isn + 1) >>> 0;
  }

  #frame(timeUs: number, src: IpBytes, dst: IpBytes, proto: number, l4: Uint8Array[]): Buffer {
    const l4Length = l4.reduce((n, p) => n + p.length, 0);
    const parts = [
      ethernet(macFor(src), macFor(dst), src.family),
      ipHeader(src, dst, proto, l4Length, this.#ipId++),
      ...l4,
    ];
    const length = parts.reduce((n, p) => n + p.length, 0);
    const rh = Buffer.alloc(16);
    rh.writeUInt32LE(Math.floor(timeUs / 1e6), 0);
    rh.writeUInt32LE(timeUs % 1e6, 4);
    rh.writeUInt32LE(length, 8);
    rh.writeUInt32LE(length, 12);
    return Buffer.concat([rh, ...parts], 16 + length);
  }
}

interface Host {
  ip: IpBytes;
  port: number;
}

const EMPTY = new Uint8Array(0);

/** A copy of `bytes` with every field the dissector showed as "hidden (n bytes)" overwritten by '*'. */
export function maskHidden(bytes: Uint8Array, tree: readonly FieldNode[] | undefined): Uint8Array {
  if (!tree?.length) return bytes;
  let copy: Uint8Array | undefined;
  const walk = (nodes: readonly FieldNode[]) => {
    for (const n of nodes) {
      if ((n.secret || n.value?.startsWith('hidden (')) && n.length > 0) {
        copy ??= Uint8Array.from(bytes);
        copy.fill(0x2a, n.offset, Math.min(bytes.length, n.offset + n.length));
      }
      if (n.children) walk(n.children);
    }
  };
  walk(tree);
  return copy ?? bytes;
}

/**
 * The whole file as chunks of about `chunkBytes`, pulling one record at a time: memory stays
 * constant whatever the number of records (the consumer awaits drain between chunks).
 */
export function* pcapChunks(
  records: Iterable<PcapInput>,
  opts: PcapOptions & { chunkBytes?: number } = {},
): Generator<Buffer> {
  const w = new PcapWriter(opts);
  const limit = opts.chunkBytes ?? 64 * 1024;
  let pending: Buffer[] = [w.header()];
  let size = 24;
  for (const rec of records) {
    for (const f of w.frames(rec)) {
      pending.push(f);
      size += f.length;
    }
    if (size >= limit) {
      yield Buffer.concat(pending, size);
      pending = [];
      size = 0;
    }
  }
  if (pending.length) yield Buffer.concat(pending, size);
}
