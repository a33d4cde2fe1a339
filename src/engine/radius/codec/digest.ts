import { md5Into } from '../../crypto/md5';

/**
 * MD5 and HMAC-MD5 for the per-packet authenticators (RFC 2865 §3, RFC 3579 §3.2) on the JS MD5 of
 * crypto/md5.ts: node:crypto's createHmac/createHash cost ~2.5 µs per call on a ~100-byte packet
 * (a C++ crossing, a Hash object and a result Buffer), the JS version ~1.2 µs for HMAC and ~0.5 µs
 * for MD5. Inputs are copied into one scratch buffer, grown when a packet plus secret needs more.
 */
let scratch = Buffer.alloc(64 + 4096 + 128);

function room(n: number): Buffer {
  if (scratch.length < n) scratch = Buffer.alloc(n);
  return scratch;
}

/** MD5 over the concatenation of `parts`. */
export function md5(...parts: Uint8Array[]): Buffer {
  let n = 0;
  for (const p of parts) n += p.length;
  const buf = room(n);
  let off = 0;
  for (const p of parts) {
    buf.set(p, off);
    off += p.length;
  }
  const out = Buffer.allocUnsafe(16);
  md5Into(buf, n, out, 0);
  return out;
}

const outer = Buffer.alloc(80);

/** HMAC-MD5 (RFC 2104) of `data` under `key`. */
export function hmacMd5(key: Uint8Array, data: Uint8Array): Buffer {
  const k = key.length > 64 ? md5(key) : key;
  const buf = room(64 + data.length);
  buf.fill(0x36, 0, 64);
  for (let i = 0; i < k.length; i++) buf[i] = buf[i]! ^ k[i]!;
  buf.set(data, 64);
  md5Into(buf, 64 + data.length, outer, 64);
  outer.fill(0x5c, 0, 64);
  for (let i = 0; i < k.length; i++) outer[i] = outer[i]! ^ k[i]!;
  const out = Buffer.allocUnsafe(16);
  md5Into(outer, 80, out, 0);
  return out;
}
