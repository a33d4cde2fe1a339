import { createHash } from 'node:crypto';

/**
 * RFC 8907 §4.5 body obfuscation: XOR with a pad of chained MD5 blocks,
 * MD5_1 = MD5(session_id, key, version, seq_no), MD5_n = MD5(session_id, key, version, seq_no, MD5_n-1).
 * The same operation obfuscates and deobfuscates. Returns a new buffer; the input is not modified.
 */
export function obfuscate(
  body: Uint8Array,
  sessionId: number,
  key: string | Uint8Array,
  version: number,
  seqNo: number,
): Buffer {
  const out = Buffer.from(body);
  if (out.length === 0) return out;
  const prefix = Buffer.allocUnsafe(4);
  prefix.writeUInt32BE(sessionId >>> 0, 0);
  const keyBytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  const tail = Uint8Array.of(version & 0xff, seqNo & 0xff);
  let prev: Buffer | undefined;
  for (let off = 0; off < out.length; off += 16) {
    const h = createHash('md5').update(prefix).update(keyBytes).update(tail);
    if (prev) h.update(prev);
    prev = h.digest();
    const n = Math.min(16, out.length - off);
    for (let i = 0; i < n; i++) out[off + i]! ^= prev[i]!;
  }
  return out;
}

export const deobfuscate = obfuscate;
