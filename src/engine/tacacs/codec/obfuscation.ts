import { BoundedMemo } from '../../bounded';
import { md5BytesInto } from '../../crypto/digest';

/** UTF-8 bytes of recently used keys: a server sees a handful of device secrets, thousands of times. */
const keyCache = new BoundedMemo<string, Uint8Array>(64);
const utf8 = (key: string): Uint8Array => Buffer.from(key, 'utf8');
const keyBytesOf = (key: string | Uint8Array): Uint8Array =>
  typeof key === 'string' ? keyCache.fetch(key, utf8) : key;

/** Scratch for session_id | key | version | seq_no | previous pad block; grown for long keys. */
let input = new Uint8Array(256);
const pad = new Uint8Array(16);

/**
 * RFC 8907 §4.5 body obfuscation in place: XOR `buf[start, start + length)` with a pad of chained
 * MD5 blocks, MD5_1 = MD5(session_id, key, version, seq_no), MD5_n = MD5(session_id, key, version,
 * seq_no, MD5_n-1). The same operation obfuscates and deobfuscates.
 */
export function obfuscateInPlace(
  buf: Uint8Array,
  start: number,
  length: number,
  sessionId: number,
  key: string | Uint8Array,
  version: number,
  seqNo: number,
): void {
  if (length === 0) return;
  const keyBytes = keyBytesOf(key);
  const fixed = 4 + keyBytes.length + 2;
  if (input.length < fixed + 16) input = new Uint8Array(fixed + 16);
  const sid = sessionId >>> 0;
  input[0] = sid >>> 24;
  input[1] = (sid >>> 16) & 0xff;
  input[2] = (sid >>> 8) & 0xff;
  input[3] = sid & 0xff;
  input.set(keyBytes, 4);
  input[fixed - 2] = version & 0xff;
  input[fixed - 1] = seqNo & 0xff;
  md5BytesInto(input, fixed, pad);
  const end = start + length;
  for (let off = start; ;) {
    const n = Math.min(16, end - off);
    for (let i = 0; i < n; i++) buf[off + i]! ^= pad[i]!;
    off += 16;
    if (off >= end) break;
    input.set(pad, fixed);
    md5BytesInto(input, fixed + 16, pad);
  }
}

/** `obfuscateInPlace` on a copy: returns a new buffer; the input is not modified. */
export function obfuscate(
  body: Uint8Array,
  sessionId: number,
  key: string | Uint8Array,
  version: number,
  seqNo: number,
): Buffer {
  const out = Buffer.from(body);
  obfuscateInPlace(out, 0, out.length, sessionId, key, version, seqNo);
  return out;
}

export const deobfuscate = obfuscate;
