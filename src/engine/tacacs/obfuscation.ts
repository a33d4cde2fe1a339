import * as nodeCrypto from 'node:crypto';

type OneShot = (algorithm: string, data: Uint8Array, encoding: 'buffer') => Buffer;
// crypto.hash (Node ≥ 20.12) is a one-shot digest without a Hash object: several times cheaper per
// 16-byte pad block, which is the server's hot path. Older runtimes fall back to createHash.
const oneShot = (nodeCrypto as unknown as { hash?: OneShot }).hash;
const md5 = (b: Uint8Array): Buffer =>
  oneShot ? oneShot('md5', b, 'buffer') : nodeCrypto.createHash('md5').update(b).digest();

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
  const keyBytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  // One input buffer: session_id | key | version | seq_no | previous block (16 bytes, from block 2 on).
  const fixed = 4 + keyBytes.length + 2;
  const input = Buffer.allocUnsafe(fixed + 16);
  input.writeUInt32BE(sessionId >>> 0, 0);
  input.set(keyBytes, 4);
  input[fixed - 2] = version & 0xff;
  input[fixed - 1] = seqNo & 0xff;
  let pad = md5(input.subarray(0, fixed));
  for (let off = 0; ;) {
    const n = Math.min(16, out.length - off);
    for (let i = 0; i < n; i++) out[off + i]! ^= pad[i]!;
    off += 16;
    if (off >= out.length) break;
    input.set(pad, fixed);
    pad = md5(input);
  }
  return out;
}

export const deobfuscate = obfuscate;
