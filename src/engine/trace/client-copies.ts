import type { TraceRecord } from './trace-store';

/** How far apart (records and µs) a test-client copy and the lab's own record of it can be. */
const WINDOW_RECORDS = 256;
const WINDOW_US = 5_000_000;

type Copyable = Pick<TraceRecord, 'role' | 'timeUs' | 'bytes'>;

/**
 * Drops the test client's copy of a packet that the lab's server also recorded: when the test
 * client talks to this lab, each packet is traced twice (sent by the client, received by the
 * server), and a pcap with both shows tshark every TACACS+ START twice. Client copies of packets
 * to another host have no twin and are kept. Records keep their order; at most WINDOW_RECORDS are
 * held back while a twin may still follow.
 */
export function* withoutClientTwins<T extends Copyable>(records: Iterable<T>): Generator<T> {
  const held: Array<T | undefined> = [];
  let start = 0;
  const flushBefore = (timeUs: number, keep: number) => {
    while (held.length - start > keep || (start < held.length && olderThan(held[start], timeUs))) {
      const r = held[start++];
      if (r) return r;
    }
    return undefined;
  };
  for (const rec of records) {
    let out: T | undefined;
    while ((out = flushBefore(rec.timeUs, WINDOW_RECORDS))) yield out;
    if (start > 1024) {
      held.splice(0, start);
      start = 0;
    }
    // A twin has the other role and the same bytes; the client copy is the one dropped.
    const twin = findTwin(held, start, rec);
    if (twin >= 0) {
      if (rec.role === 'client') continue;
      held[twin] = undefined;
    }
    held.push(rec);
  }
  for (let i = start; i < held.length; i++) {
    const r = held[i];
    if (r) yield r;
  }
}

function olderThan(r: Copyable | undefined, timeUs: number): boolean {
  return r === undefined || timeUs - r.timeUs > WINDOW_US;
}

function findTwin<T extends Copyable>(held: Array<T | undefined>, start: number, rec: T): number {
  for (let i = held.length - 1; i >= start; i--) {
    const h = held[i];
    if (h && h.role !== rec.role && sameBytes(h.bytes, rec.bytes)) return i;
  }
  return -1;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
