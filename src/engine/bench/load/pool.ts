/**
 * Pre-built request pools shared with the worker threads (SharedArrayBuffer, no copy): the workers
 * spend their time on sockets, not on MD5 and attribute encoding (what bench/loadgen taught). An
 * entry is one request: one packet, or two for a TACACS+ ASCII login (START, then CONTINUE).
 */
export interface SharedPool {
  data: SharedArrayBuffer;
  /** Per packet: byte offset and length in `data`, and for TACACS+ the reply pad byte at the status. */
  off: Int32Array;
  len: Uint16Array;
  pad: Uint8Array;
  /** Per entry: first packet, packet count, 1 when a positive reply is expected (0: a rejection). */
  first: Int32Array;
  count: Uint8Array;
  expect: Uint8Array;
  entries: number;
}

export interface PoolEntry {
  packets: Buffer[];
  pads?: number[];
  expectPositive: boolean;
}

const shared = <T extends Int32Array | Uint16Array | Uint8Array>(
  Ctor: new (b: SharedArrayBuffer) => T,
  n: number,
  bytesPer: number,
): T => new Ctor(new SharedArrayBuffer(Math.max(bytesPer, n * bytesPer)));

export function sharePool(entries: readonly PoolEntry[]): SharedPool {
  const nPackets = entries.reduce((n, e) => n + e.packets.length, 0);
  const bytes = entries.reduce((n, e) => n + e.packets.reduce((m, p) => m + p.length, 0), 0);
  const data = new SharedArrayBuffer(Math.max(1, bytes));
  const view = new Uint8Array(data);
  const off = shared(Int32Array, nPackets, 4);
  const len = shared(Uint16Array, nPackets, 2);
  const pad = shared(Uint8Array, nPackets, 1);
  const first = shared(Int32Array, entries.length, 4);
  const count = shared(Uint8Array, entries.length, 1);
  const expect = shared(Uint8Array, entries.length, 1);
  let p = 0;
  let at = 0;
  entries.forEach((e, i) => {
    first[i] = p;
    count[i] = e.packets.length;
    expect[i] = e.expectPositive ? 1 : 0;
    e.packets.forEach((pkt, k) => {
      view.set(pkt, at);
      off[p] = at;
      len[p] = pkt.length;
      pad[p] = e.pads?.[k] ?? 0;
      at += pkt.length;
      p++;
    });
  });
  return { data, off, len, pad, first, count, expect, entries: entries.length };
}

/** Which requests carry a wrong password: spread evenly (every 1/ratio-th), not clustered. */
export function isWrong(i: number, ratio: number): boolean {
  if (ratio <= 0) return false;
  return Math.floor((i + 1) * ratio) > Math.floor(i * ratio);
}
